// SPS's RSX 7.7 schemas and samples inside the test runtime, found by scripts/sps-rsx.mjs (at
// SPS_RSX_DIR, else beside the repository) and served by vitest.pool.ts. When the material is
// absent, `requireSpsRsx` prints one line saying which check did not run and why, and the file
// registers no test for it; everything else runs.
import { env } from "cloudflare:test";

export interface SpsRsx {
  dir: string;
  /** A file by its path under the material, e.g. "schemas/Invoices.json". */
  text(path: string): Promise<string>;
  json<T = unknown>(path: string): Promise<T>;
  /** Files under a folder of the material, e.g. "samples/Orders_850" (relative paths, sorted). */
  list(dir: string): Promise<string[]>;
}

type Status = { found: true; dir: string; from: string } | { found: false; reason: string };

async function get(path: string): Promise<Response> {
  const res = await env.SPS_RSX.fetch(`http://sps-rsx${path}`);
  if (!res.ok) throw new Error(`SPS RSX material: ${await res.text()}`);
  return res;
}

/** The material, or undefined after printing `<check>: not run: <reason>`. */
export async function requireSpsRsx(check: string): Promise<SpsRsx | undefined> {
  const status = (await (await env.SPS_RSX.fetch("http://sps-rsx/status")).json()) as Status;
  if (!status.found) {
    console.warn(`${check}: not run: ${status.reason}`);
    return undefined;
  }
  return {
    dir: status.dir,
    text: async (path) => (await get(`/file/${encodeURIComponent(path)}`)).text(),
    json: async <T>(path: string) => JSON.parse(await (await get(`/file/${encodeURIComponent(path)}`)).text()) as T,
    list: async (dir) => (await (await get(`/list/${encodeURIComponent(dir)}`)).json()) as string[],
  };
}
