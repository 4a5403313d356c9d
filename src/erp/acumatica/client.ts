// Acumatica contract-based REST client: `{instanceUrl}/entity/{endpointName}/{endpointVersion}/…`
// through the TenantGate. A 404 on the endpoint path is explained with the versions the instance
// does have (GET /entity), because a wrong version is the usual cause (reference/acumatica.md §1).
import { z } from "zod";
import type { AcumaticaSettings } from "./connection";
import { ConnectorError } from "../../lib/errors";
import { failureFromResponse, type HttpResponse } from "../../lib/http";
import { gatedRequest, type UpstreamGate } from "../../lib/gated-request";
import { collectFieldErrors } from "./wrapping";

const TIMEOUT_MS = 60_000;

/** GET {instance}/entity (acumatica.md §1 "Discovery"). */
const DiscoverySchema = z.object({
  version: z.record(z.string(), z.unknown()).optional(),
  endpoints: z.array(z.object({ name: z.string(), version: z.string(), href: z.string().optional() })).default([]),
});

/** Acumatica error bodies: HttpError {message, exceptionMessage…} or an entity echo with `error`s. */
export function acumaticaErrorDetail(res: HttpResponse): string | undefined {
  const text = res.text();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const fieldErrors = collectFieldErrors(body);
    const message = [body.exceptionMessage, body.message, body.error].find((m) => typeof m === "string" && m) as string | undefined;
    const all = [...(message ? [message] : []), ...fieldErrors];
    if (all.length > 0) return all.join("; ");
  } catch {
    // not JSON
  }
  return text.trim() ? text.trim().slice(0, 300) : undefined;
}

export class AcumaticaClient {
  private readonly timeoutMs: number;

  constructor(
    private readonly gate: UpstreamGate,
    readonly settings: AcumaticaSettings,
    opts: { timeoutMs?: number | undefined } = {},
  ) {
    this.timeoutMs = opts.timeoutMs || TIMEOUT_MS;
  }

  get endpointLabel(): string {
    return `${this.settings.endpointName}/${this.settings.endpointVersion}`;
  }

  private entityUrl(path: string, query?: Record<string, string | undefined>): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) qs.set(k, v);
    const q = [...qs.keys()].length > 0 ? `?${qs.toString()}` : "";
    return `${this.settings.instanceUrl}/entity/${this.settings.endpointName}/${this.settings.endpointVersion}/${path}${q}`;
  }

  /** One call to an entity path; 2xx and 4xx (other than 401) come back to the caller. */
  async call(
    what: string,
    method: "GET" | "PUT" | "POST" | "DELETE",
    path: string,
    opts: { query?: Record<string, string | undefined>; body?: unknown; write?: boolean } = {},
  ): Promise<HttpResponse> {
    const res = await gatedRequest(this.gate, {
      what,
      system: "acumatica",
      requestsPerMinute: this.settings.requestsPerMinute,
      write: opts.write,
      detail: acumaticaErrorDetail,
      build: (token) => ({
        url: this.entityUrl(path, opts.query),
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : null,
        timeoutMs: this.timeoutMs,
        system: "acumatica",
      }),
    });
    if (res.status === 404 && (await this.isEndpointMissing())) {
      throw await this.endpointMissingError();
    }
    return res;
  }

  /** GETs a list and returns its rows (Acumatica answers a bare JSON array). */
  async list(what: string, entity: string, query: Record<string, string | undefined>): Promise<Record<string, unknown>[]> {
    const res = await this.call(what, "GET", entity, { query });
    if (res.status !== 200) throw failureFromResponse(res, { system: "acumatica", what, nowMs: Date.now(), detail: acumaticaErrorDetail(res) });
    const body = res.json();
    if (!Array.isArray(body)) throw new ConnectorError("internal", `${what}: Acumatica answered something other than a list`, { system: "acumatica" });
    return body as Record<string, unknown>[];
  }

  /** The endpoints the instance publishes (GET /entity). */
  async discoverEndpoints(): Promise<{ name: string; version: string }[]> {
    const res = await gatedRequest(this.gate, {
      what: "GET /entity",
      system: "acumatica",
      requestsPerMinute: this.settings.requestsPerMinute,
      detail: acumaticaErrorDetail,
      build: (token) => ({
        url: `${this.settings.instanceUrl}/entity`,
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
        timeoutMs: this.timeoutMs,
        system: "acumatica",
      }),
    });
    if (res.status !== 200) {
      throw failureFromResponse(res, { system: "acumatica", what: "GET /entity (endpoint discovery)", nowMs: Date.now(), detail: acumaticaErrorDetail(res) });
    }
    const parsed = DiscoverySchema.safeParse(res.json());
    if (!parsed.success) throw new ConnectorError("internal", "Acumatica's endpoint list (GET /entity) is not in the expected shape", { system: "acumatica" });
    return parsed.data.endpoints.map((e) => ({ name: e.name, version: e.version }));
  }

  private async isEndpointMissing(): Promise<boolean> {
    try {
      const endpoints = await this.discoverEndpoints();
      return !endpoints.some((e) => e.name === this.settings.endpointName && e.version === this.settings.endpointVersion);
    } catch {
      return false;
    }
  }

  /** "endpoint Default/X is not on this instance; it has: …" (a wrong version is a 404 on every call: say which versions exist). */
  async endpointMissingError(): Promise<ConnectorError> {
    let has = "(the instance did not list its endpoints)";
    try {
      const endpoints = await this.discoverEndpoints();
      has = endpoints.length > 0 ? endpoints.map((e) => `${e.name}/${e.version}`).join(", ") : "no endpoints";
    } catch {
      // keep the fallback wording
    }
    return new ConnectorError(
      "config",
      `Acumatica endpoint ${this.endpointLabel} is not on this instance; it has: ${has}. Set endpointName/endpointVersion on the acumatica connection`,
      { status: 404, system: "acumatica" },
    );
  }
}
