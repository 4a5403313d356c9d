// Outbound HTTP: one fetch wrapper with a timeout and no redirects, and one classification of
// upstream answers into ConnectorError (retryable or not).
import { parseRetryAfter } from "./backoff";
import { ConnectorError, type SystemName } from "./errors";
import { meter } from "./meter";
import { redactString } from "./redact";

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit | null;
  /** Milliseconds before the request is abandoned (and reported as a timeout). */
  timeoutMs: number;
  system: SystemName;
  /** Whether the request changes state upstream (a timeout then leaves the outcome uncertain). */
  write?: boolean;
  /** Read at most this many body bytes; the rest is discarded and `truncated` set (downloads of untrusted files). */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The whole body, read inside the timeout. */
  body: Uint8Array;
  /** The body was longer than `maxBodyBytes`; `body` holds its first part. */
  truncated: boolean;
  text(): string;
  json(): unknown;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Sends a request and reads the whole body within `timeoutMs`. Never follows redirects (a redirect
 * could lead to a private host). Network failures and timeouts throw retryable ConnectorErrors;
 * any HTTP status is returned for the caller to interpret (see `failureFromResponse`).
 */
export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), req.timeoutMs);
  const what = `${req.method ?? "GET"} ${describeUrl(req.url)}`;
  meter("upstream.calls", 1, req.system);
  try {
    const res = await fetch(req.url, {
      method: req.method ?? "GET",
      headers: req.headers,
      body: req.body ?? null,
      redirect: "manual",
      signal: controller.signal,
    });
    const { body, truncated } = await readBody(res, req.maxBodyBytes ?? MAX_BODY_BYTES, req.maxBodyBytes !== undefined);
    let decoded: string | undefined;
    const text = () => (decoded ??= new TextDecoder().decode(body));
    return { status: res.status, headers: res.headers, body, truncated, text, json: () => JSON.parse(text()) as unknown };
  } catch (e) {
    if (e instanceof ConnectorError) throw e;
    const uncertain = req.write === true;
    if (controller.signal.aborted) {
      throw new ConnectorError("timeout", `${what} got no answer within ${req.timeoutMs} ms`, {
        system: req.system,
        uncertain,
        cause: e,
      });
    }
    const message = e instanceof Error ? e.message : String(e);
    throw new ConnectorError("network", `${what} failed: ${redactString(message)}`, {
      system: req.system,
      uncertain,
      cause: e,
    });
  } finally {
    clearTimeout(timer);
  }
}

async function readBody(res: Response, limit: number, truncate: boolean): Promise<{ body: Uint8Array; truncated: boolean }> {
  if (!res.body) return { body: new Uint8Array(0), truncated: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      if (!truncate) {
        await reader.cancel();
        throw new ConnectorError("rejected", `response larger than ${limit} bytes`);
      }
      chunks.push(value.subarray(0, limit - size));
      size = limit;
      truncated = true;
      await reader.cancel();
      break;
    }
    size += value.byteLength;
    chunks.push(value);
  }
  if (chunks.length === 1) return { body: chunks[0]!, truncated };
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return { body: out, truncated };
}

/** Host and path only: query strings may carry filters with customer data, never secrets, but keep logs short. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid url)";
  }
}

/**
 * The ConnectorError for a non-2xx answer. `message` is the upstream's own words when the body has
 * them (`detail` extracts them per API), so operators see what the server said.
 */
export function failureFromResponse(
  res: HttpResponse,
  opts: { system: SystemName; what: string; nowMs: number; detail?: string | undefined; write?: boolean },
): ConnectorError {
  const status = res.status;
  const said = opts.detail ? `: ${redactString(opts.detail).slice(0, 1000)}` : "";
  const base = `${opts.what} answered ${status}${said}`;
  if (status === 429) {
    return new ConnectorError("throttled", base, {
      status,
      system: opts.system,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), opts.nowMs),
    });
  }
  if (status === 408 || status === 502 || status === 503 || status === 504 || status >= 500) {
    return new ConnectorError("unavailable", base, {
      status,
      system: opts.system,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), opts.nowMs),
      // A 5xx on a write may still have committed (a gateway timeout after the server saved).
      uncertain: opts.write === true,
    });
  }
  if (status === 401 || status === 403) return new ConnectorError("unauthorized", base, { status, system: opts.system });
  if (status === 404) return new ConnectorError("not_found", base, { status, system: opts.system });
  if (status >= 300 && status < 400) {
    return new ConnectorError("config", `${opts.what} answered a redirect (${status}${redirectTarget(res.headers.get("location"))}); redirects are not followed: set the connection's URL to the final address`, {
      status,
      system: opts.system,
    });
  }
  return new ConnectorError("rejected", base, { status, system: opts.system });
}

/** " to https://host/path" for an absolute Location (no credentials, query or fragment), else "". */
function redirectTarget(location: string | null): string {
  if (!location) return "";
  try {
    const u = new URL(location);
    return ` to ${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
}
