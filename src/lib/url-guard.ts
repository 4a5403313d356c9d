// Validation of tenant-supplied upstream URLs (SSRF guard): https to a public host only; http to
// loopback only when ALLOW_PRIVATE_UPSTREAMS=true (the local sandbox). The WHATWG URL parser
// already normalises decimal, octal and hex IPv4 forms (http://2130706433/ → 127.0.0.1), so the
// checks below see dotted quads.
import { err, ok, type Result } from "./result";

const LOCAL_NAME_SUFFIXES = [".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".localdomain", ".corp"];

function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

function isLoopbackV4([a]: number[]): boolean {
  return a === 127;
}

function isPrivateV4([a, b, c]: number[]): boolean {
  if (a === undefined || b === undefined || c === undefined) return true;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata (169.254.169.254)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

/** Expands an IPv6 literal (without brackets) to 8 16-bit groups, or undefined. */
function ipv6Groups(host: string): number[] | undefined {
  let h = host.toLowerCase();
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (v4) {
    const p = ipv4(v4[1]!);
    if (!p) return undefined;
    h = h.slice(0, -v4[1]!.length) + ((p[0]! << 8) | p[1]!).toString(16) + ":" + ((p[2]! << 8) | p[3]!).toString(16);
  }
  const halves = h.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array(fill).fill("0"), ...tail];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

function isPrivateV6(g: number[]): { private: boolean; loopback: boolean } {
  const [g0 = 0, g1 = 0, g2 = 0, , g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const allZeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const loopback = allZeroTo(7) && g7 === 1;
  if (loopback) return { private: true, loopback };
  if (allZeroTo(8)) return { private: true, loopback: false }; // ::
  const tailV4 = [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff];
  if (allZeroTo(5) && g5 === 0xffff) {
    // IPv4-mapped ::ffff:a.b.c.d
    return { private: isPrivateV4(tailV4), loopback: isLoopbackV4(tailV4) };
  }
  // Other forms that carry an IPv4 address, judged by it: IPv4-compatible ::a.b.c.d (what
  // [::127.0.0.1] becomes), IPv4-translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::a.b.c.d (RFC 6052)
  // and 6to4 2002:AABB:CCDD:: (RFC 3056).
  const embedded =
    (allZeroTo(6) || (allZeroTo(4) && g4 === 0xffff && g5 === 0) || (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0))
      ? tailV4
      : g0 === 0x2002
        ? [g1 >> 8, g1 & 0xff, g2 >> 8, g2 & 0xff]
        : undefined);
  if (embedded && isPrivateV4(embedded)) return { private: true, loopback: false };
  return {
    private:
      (g0 & 0xfe00) === 0xfc00 || // ULA fc00::/7
      (g0 & 0xffc0) === 0xfe80 || // link-local fe80::/10
      (g0 & 0xffc0) === 0xfec0 || // site-local fec0::/10 (deprecated, still routed privately)
      (g0 & 0xff00) === 0xff00 || // multicast
      (g0 === 0x64 && g1 === 0xff9b && g2 === 1), // local-use NAT64 64:ff9b:1::/48 (RFC 8215)
    loopback: false,
  };
}

export type UrlRefusal = { field?: string; message: string };

/**
 * Checks an upstream base URL. Returns the normalised URL string (no trailing slash) or a refusal
 * an operator can read.
 */
export function validateUpstreamUrl(raw: string, opts: { allowPrivate: boolean }): Result<string, UrlRefusal> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err({ message: `not a valid absolute URL: ${JSON.stringify(raw.slice(0, 200))}` });
  }
  if (url.username || url.password) return err({ message: "URLs must not carry credentials (user:password@)" });
  if (url.search || url.hash) return err({ message: "URLs must not carry a query string or fragment" });
  const host = url.hostname.toLowerCase();
  // A fully qualified name may end with a dot ("localhost." is localhost): judge it without.
  const bare = (host.startsWith("[") ? host.slice(1, -1) : host).replace(/\.+$/, "");
  const v4 = ipv4(bare);
  const v6 = v4 ? undefined : bare.includes(":") ? ipv6Groups(bare) : undefined;
  const isLocalName =
    bare === "localhost" || LOCAL_NAME_SUFFIXES.some((s) => bare.endsWith(s)) || (!v4 && !v6 && !bare.includes("."));
  let loopback = bare === "localhost" || bare.endsWith(".localhost");
  let privateAddress = isLocalName;
  if (v4) {
    loopback = isLoopbackV4(v4);
    privateAddress = isPrivateV4(v4);
  } else if (bare.includes(":")) {
    if (!v6) return err({ message: `not a valid IPv6 address: ${bare}` });
    const r = isPrivateV6(v6);
    loopback = r.loopback;
    privateAddress = r.private;
  }
  if (url.protocol === "http:") {
    if (opts.allowPrivate && loopback) return ok(stripSlash(url));
    return err({
      message: opts.allowPrivate
        ? "plain http is only allowed to loopback (the local sandbox); use https"
        : "only https URLs are allowed",
    });
  }
  if (url.protocol !== "https:") return err({ message: `scheme ${url.protocol} is not allowed; use https` });
  if (privateAddress) {
    if (opts.allowPrivate && loopback) return ok(stripSlash(url));
    return err({ message: `host ${host} is private, loopback, link-local or a local name; a public host is required` });
  }
  return ok(stripSlash(url));
}

function stripSlash(url: URL): string {
  const s = url.toString();
  return s.endsWith("/") ? s.slice(0, -1) : s;
}
