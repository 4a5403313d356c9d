// Small constructors for the answers simulators give (JSON, text, empty).

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers } });
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** `Retry-After` in the requested form: delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function retryAfterValue(seconds: number, format: "seconds" | "http-date", nowMs: number): string {
  if (format === "http-date") return new Date(nowMs + seconds * 1000).toUTCString();
  return String(Math.max(0, Math.ceil(seconds)));
}
