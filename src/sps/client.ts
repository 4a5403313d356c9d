// SPS Commerce Transaction API v5 client: a file mailbox over HTTPS (reference/sps-commerce.md
// section 2). Every call goes through the TenantGate (token cache, budget, backoff).
import { z } from "zod";
import type { SpsSettings } from "./connection";
import { ConnectorError } from "../lib/errors";
import { failureFromResponse, type HttpResponse } from "../lib/http";
import { gatedRequest, type UpstreamGate } from "../lib/gated-request";

const TIMEOUT_MS = 30_000;

/** Listing shape (sps-commerce.md 2.3): results[] + paging.next.{cursor,url}; no next = last page. */
const ListingSchema = z.object({
  results: z
    .array(
      z.object({
        path: z.string(),
        type: z.string(),
        url: z.string().optional(),
      }),
    )
    .default([]),
  paging: z
    .object({
      limit: z.number().optional(),
      next: z.object({ cursor: z.string().optional(), url: z.string().optional() }).nullish(),
    })
    .nullish(),
});

export interface ListingEntry {
  /** Path relative to the data root, without the leading slash: "out/PO/PO123.xml". */
  path: string;
  type: "file" | "directory";
}

export interface ListingPage {
  entries: ListingEntry[];
  nextCursor: string | undefined;
}

/**
 * The Transaction API's error body is unconfirmed (docs/erp-facts.md "SPS"): SPS's API standard is
 * problem+json (`detail`, `title`, `requestId`, `context[]`: checked-facts 8), read first, with the
 * request id SPS support asks for; then `{error:{errorDescription}}`, then `{message}`, else the raw text.
 */
export function spsErrorDetail(res: HttpResponse): string | undefined {
  const text = res.text();
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const nested = body.error && typeof body.error === "object" ? (body.error as Record<string, unknown>) : undefined;
    const said = body.detail ?? body.title ?? nested?.errorDescription ?? nested?.error ?? body.message ?? body.error;
    if (typeof said === "string") {
      const context = Array.isArray(body.context)
        ? body.context.flatMap((c) => (c && typeof c === "object" && typeof (c as Record<string, unknown>).message === "string" ? [String((c as Record<string, unknown>).message)] : []))
        : [];
      const requestId = typeof body.requestId === "string" && /^[\w.:-]{1,100}$/.test(body.requestId) ? body.requestId : undefined;
      return [said, ...context].join("; ") + (requestId ? ` (SPS requestId ${requestId})` : "");
    }
  } catch {
    // not JSON
  }
  return text.trim() ? text.trim().slice(0, 300) : undefined;
}

/** Encodes each path segment (paths are case-sensitive; names may hold spaces or '+'). */
export function encodeMailboxPath(path: string): string {
  return path
    .replace(/^\/+/, "")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

export class SpsClient {
  private readonly timeoutMs: number;

  constructor(
    private readonly gate: UpstreamGate,
    private readonly settings: SpsSettings,
    opts: { timeoutMs?: number | undefined } = {},
  ) {
    this.timeoutMs = opts.timeoutMs || TIMEOUT_MS;
  }

  private url(path: string): string {
    return `${this.settings.apiUrl}/transactions/v5/data/${encodeMailboxPath(path)}`;
  }

  private send(what: string, method: string, path: string, opts: { query?: URLSearchParams; body?: Uint8Array; write?: boolean; maxBodyBytes?: number } = {}) {
    const query = opts.query && [...opts.query.keys()].length > 0 ? `?${opts.query.toString()}` : "";
    return gatedRequest(this.gate, {
      what,
      system: "sps",
      write: opts.write,
      detail: spsErrorDetail,
      build: (token) => ({
        url: this.url(path) + query,
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: method === "GET" && path.endsWith("/") ? "application/json" : "*/*",
          ...(opts.body ? { "content-type": "application/octet-stream" } : {}),
        },
        body: opts.body ?? null,
        timeoutMs: this.timeoutMs,
        system: "sps",
        ...(opts.maxBodyBytes !== undefined ? { maxBodyBytes: opts.maxBodyBytes } : {}),
      }),
    });
  }

  /** One page of a directory listing. A missing directory is a config error (the path is wrong). */
  async listDirectory(dir: string, opts: { cursor?: string | undefined; limit: number }): Promise<ListingPage> {
    const directory = dir.endsWith("/") ? dir : `${dir}/`;
    const query = new URLSearchParams({ limit: String(opts.limit) });
    if (opts.cursor) query.set("cursor", opts.cursor);
    const res = await this.send(`list ${directory}`, "GET", directory, { query });
    if (res.status === 404) {
      throw new ConnectorError("config", `SPS has no directory ${directory} in this mailbox (${spsErrorDetail(res) ?? "404"}); check the connection's paths`, {
        status: 404,
        system: "sps",
      });
    }
    if (res.status !== 200) throw failureFromResponse(res, { system: "sps", what: `list ${directory}`, nowMs: Date.now(), detail: spsErrorDetail(res) });
    let parsed;
    try {
      parsed = ListingSchema.safeParse(res.json());
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) throw new ConnectorError("internal", `SPS listing of ${directory} is not in the expected shape`, { system: "sps" });
    const entries: ListingEntry[] = [];
    for (const r of parsed.data.results) {
      const type = r.type === "directory" ? "directory" : r.type === "file" ? "file" : undefined;
      if (!type) continue;
      entries.push({ path: r.path.replace(/^\/+/, ""), type });
    }
    const next = parsed.data.paging?.next;
    let nextCursor = next?.cursor;
    if (!nextCursor && next?.url) nextCursor = new URL(next.url).searchParams.get("cursor") ?? undefined;
    return { entries, nextCursor };
  }

  /**
   * The raw bytes of a file, at most `maxBytes` of them (`truncated` says the file was longer);
   * undefined when it is gone (already consumed).
   */
  async getFile(path: string, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean } | undefined> {
    const res = await this.send(`download ${path}`, "GET", path, { maxBodyBytes: maxBytes });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw failureFromResponse(res, { system: "sps", what: `download ${path}`, nowMs: Date.now(), detail: spsErrorDetail(res) });
    return { bytes: res.body, truncated: res.truncated };
  }

  /** Uploads (or overwrites) a file; any 2xx is success (the reply body shape is unconfirmed). */
  async uploadFile(path: string, bytes: Uint8Array): Promise<void> {
    const res = await this.send(`upload ${path}`, "POST", path, { body: bytes, write: true });
    if (res.status >= 200 && res.status < 300) return;
    if (res.status === 404) {
      throw new ConnectorError("config", `SPS refused the upload to ${path}: ${spsErrorDetail(res) ?? "parent directory not found"}; check the connection's outbound path`, {
        status: 404,
        system: "sps",
      });
    }
    throw failureFromResponse(res, { system: "sps", what: `upload ${path}`, nowMs: Date.now(), detail: spsErrorDetail(res), write: true });
  }

  /** Deletes a consumed file from out/. A 404 means it is already gone, which is success. */
  async deleteFile(path: string): Promise<void> {
    const res = await this.send(`delete ${path}`, "DELETE", path, { write: true });
    if (res.status === 204 || res.status === 200 || res.status === 404) return;
    throw failureFromResponse(res, { system: "sps", what: `delete ${path}`, nowMs: Date.now(), detail: spsErrorDetail(res) });
  }
}
