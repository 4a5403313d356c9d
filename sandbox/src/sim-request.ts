// The request as every simulator sees it: body already read (workerd wants bodies consumed before
// answering), path relative to the simulator's mount, and the public base URL the caller used, so
// simulators can build absolute URLs (SPS listing `url`s, Acumatica discovery `href`s) in either
// addressing mode (host mode in tests, path mode under `npm start`).

export interface SimRequest {
  method: string;
  /** The URL exactly as the caller sent it. */
  url: URL;
  /** Path below the simulator's mount, still percent-encoded, always starting with "/". */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: Uint8Array;
  /** Origin plus mount path as the caller sees it, without a trailing slash. */
  publicBase: string;
}

/** Reads the whole body once; every answer path can then ignore it safely. */
export async function readBody(request: Request): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  return new Uint8Array(await request.arrayBuffer());
}

export function bodyText(req: SimRequest): string {
  return new TextDecoder().decode(req.body);
}

/** Media type of the request without parameters, lower-cased ("" when absent). */
export function mediaType(req: SimRequest): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The bearer token of the Authorization header, if any. */
export function bearerToken(req: SimRequest): string | undefined {
  const header = req.headers.get("authorization");
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
