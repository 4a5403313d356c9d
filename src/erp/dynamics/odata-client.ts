// The F&O OData client: `{environmentUrl}/data/…` through the TenantGate (budget, backoff, Entra
// token, one refresh after a 401), collection reads that follow @odata.nextLink, the $batch write,
// and the cold start: after an idle spell the first call is a cheap read with a long timeout and one
// retry, so a warming environment (reference/dynamics-365-fo.md §8 gotcha 9: "many seconds" after a
// restart or long idle) delays the document instead of failing it, and the write that follows runs
// warm.
import { z } from "zod";
import type { DynamicsSettings } from "./connection";
import { asConnectorError, ConnectorError } from "../../lib/errors";
import { failureFromResponse, type HttpResponse } from "../../lib/http";
import { gatedRequest, type UpstreamGate } from "../../lib/gated-request";
import type { WrittenBatch } from "./batch";
import { ENTITY_SETS } from "./entities";
import { dynamicsResponseDetail } from "./errors";

/** A data call's timeout when the environment is warm (same as Acumatica's). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** The first call after idle: gotcha 9 advises ≥ 60 s; UI cold starts were measured at ~23 s. */
export const DEFAULT_COLD_START_TIMEOUT_MS = 180_000;
/** Without a call for this long, the environment may be cold again (F&O publishes no number; inferred). */
export const IDLE_BEFORE_COLD_MS = 10 * 60_000;
/** Pages of one read followed at most (10,000 rows each on F&O, §2). */
const MAX_PAGES = 50;

/** When this isolate last heard from each environment, and warm-ups in flight (single flight per environment). */
const lastAnswerAt = new Map<string, number>();
const warmUps = new Map<string, Promise<void>>();

const CollectionPage = z.object({
  value: z.array(z.record(z.string(), z.unknown())),
  "@odata.nextLink": z.string().optional(),
});

export type ODataRow = Record<string, unknown>;

/** OData string literal: single quotes doubled (§2: `'…'`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The query string with spaces as %20, as OData clients send it ($ in the names kept). */
export function queryString(query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

export class DynamicsODataClient {
  readonly dataUrl: string;
  readonly timeoutMs: number;
  readonly coldStartTimeoutMs: number;

  constructor(
    private readonly gate: UpstreamGate,
    readonly settings: DynamicsSettings,
    opts: { timeoutMs?: number | undefined } = {},
  ) {
    this.dataUrl = `${settings.environmentUrl}/data`;
    this.timeoutMs = opts.timeoutMs || settings.timeoutMs || DEFAULT_TIMEOUT_MS;
    this.coldStartTimeoutMs = Math.max(settings.coldStartTimeoutMs || DEFAULT_COLD_START_TIMEOUT_MS, this.timeoutMs);
  }

  url(path: string, query: Record<string, string | undefined> = {}): string {
    return `${this.dataUrl}/${path}${queryString(query)}`;
  }

  /** One request through the gate; 2xx and 4xx (other than 401) come back to the caller. */
  private async send(what: string, req: { url: string; method?: string; body?: string; contentType?: string; write?: boolean; timeoutMs?: number }): Promise<HttpResponse> {
    const res = await gatedRequest(this.gate, {
      what,
      system: "dynamics",
      requestsPerMinute: this.settings.requestsPerMinute,
      write: req.write,
      detail: dynamicsResponseDetail,
      build: (token) => ({
        url: req.url,
        method: req.method ?? "GET",
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          "odata-version": "4.0",
          "odata-maxversion": "4.0",
          ...(req.contentType ? { "content-type": req.contentType } : {}),
        },
        body: req.body ?? null,
        timeoutMs: req.timeoutMs ?? this.timeoutMs,
        system: "dynamics",
      }),
    });
    lastAnswerAt.set(this.settings.environmentUrl, Date.now());
    return res;
  }

  /**
   * After idle: one cheap read with the cold-start timeout, retried once on a timeout, a dropped
   * connection or a 5xx. Any answer (even a 4xx: the real call will explain it) means the
   * environment is awake. Concurrent callers share the warm-up.
   */
  async ensureWarm(): Promise<void> {
    const key = this.settings.environmentUrl;
    const last = lastAnswerAt.get(key);
    if (last !== undefined && Date.now() - last < IDLE_BEFORE_COLD_MS) return;
    let warming = warmUps.get(key);
    if (!warming) {
      warming = this.warmUp().finally(() => warmUps.delete(key));
      warmUps.set(key, warming);
    }
    await warming;
  }

  private async warmUp(): Promise<void> {
    const url = this.url(ENTITY_SETS.customers.name, { $top: "1", $select: "CustomerAccount" });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send("warm-up read after idle (CustomersV3)", { url, timeoutMs: this.coldStartTimeoutMs });
        return;
      } catch (e) {
        const error = asConnectorError(e);
        const transient = error.kind === "timeout" || error.kind === "network" || error.kind === "unavailable";
        if (!transient || attempt >= 2) {
          if (error.kind === "timeout") {
            throw new ConnectorError(
              "timeout",
              `Dynamics 365 did not answer within ${Math.round(this.coldStartTimeoutMs / 1000)} s, twice, after being idle (a cold start); the document is retried later`,
              { system: "dynamics", cause: e },
            );
          }
          throw error;
        }
      }
    }
  }

  async get(what: string, path: string, query: Record<string, string | undefined> = {}): Promise<HttpResponse> {
    await this.ensureWarm();
    return this.send(what, { url: this.url(path, query) });
  }

  /**
   * Every row of a collection read, following @odata.nextLink (server-driven paging, §2). A 404 means
   * the entity set does not exist on this build (or environmentUrl is wrong): `not_found`.
   */
  async list(what: string, entitySet: string, query: Record<string, string | undefined>): Promise<ODataRow[]> {
    await this.ensureWarm();
    const rows: ODataRow[] = [];
    let url: string | undefined = this.url(entitySet, query);
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_PAGES) throw new ConnectorError("internal", `${what}: more than ${MAX_PAGES} pages; narrow the query`, { system: "dynamics" });
      const res = await this.send(what, { url });
      if (res.status === 404) {
        throw new ConnectorError(
          "not_found",
          `${what}: F&O has no entity set ${entitySet} at ${this.dataUrl} (404); check environmentUrl, and that this F&O build publishes ${entitySet}`,
          { status: 404, system: "dynamics" },
        );
      }
      if (res.status !== 200) throw failureFromResponse(res, { system: "dynamics", what, nowMs: Date.now(), detail: dynamicsResponseDetail(res) });
      let parsed;
      try {
        parsed = CollectionPage.safeParse(res.json());
      } catch {
        parsed = undefined;
      }
      if (!parsed?.success) throw new ConnectorError("internal", `${what}: F&O answered something other than an OData collection`, { system: "dynamics" });
      rows.push(...parsed.data.value);
      url = parsed.data["@odata.nextLink"];
      // The next page must stay on this service: a link elsewhere is never followed.
      if (url !== undefined && !url.startsWith(`${this.dataUrl}/`)) {
        throw new ConnectorError("internal", `${what}: F&O's @odata.nextLink points outside ${this.dataUrl}`, { system: "dynamics" });
      }
    }
    return rows;
  }

  /** POST /data/$batch: a write, so a timeout or drop leaves the outcome uncertain. */
  async postBatch(what: string, batch: WrittenBatch): Promise<HttpResponse> {
    await this.ensureWarm();
    return this.send(what, { url: `${this.dataUrl}/$batch`, method: "POST", body: batch.body, contentType: batch.contentType, write: true });
  }

  /** Opens the gate's backoff window after a 429 that arrived inside a $batch part (the outer status was 200). */
  async reportThrottle(retryAfterMs: number | undefined): Promise<void> {
    await this.gate.reportThrottle(retryAfterMs, 429);
  }
}
