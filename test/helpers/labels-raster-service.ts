// Node side of the label tests (wired into the workers pool by vitest.pool.ts as the LABEL_RASTER
// service binding, since workerd can run neither a program nor write a file): POST a PDF, get back
// every GS1-128 / Code 128 symbol found on each page. The PDF is rasterised by Debian's poppler
// (`pdftoppm`, as a print shop's RIP would) and the images decoded by zxing-wasm (ZXing-C++), a
// reader that shares no code with bwip-js, the writer.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
let prepared = false;

export interface DecodedPage {
  page: number;
  symbols: Array<{ format: string; text: string; symbologyIdentifier: string; contentType: string }>;
}

async function decodePdf(pdf: Uint8Array, dpi: number): Promise<DecodedPage[]> {
  if (!prepared) {
    // The reader's WebAssembly from node_modules (by default zxing-wasm would fetch it from a CDN).
    const wasm = await readFile(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    prepared = true;
  }
  const dir = await mkdtemp(join(tmpdir(), "labels-raster-"));
  try {
    await writeFile(join(dir, "labels.pdf"), pdf);
    await run("pdftoppm", ["-r", String(dpi), "-gray", "-png", join(dir, "labels.pdf"), join(dir, "page")]);
    const pages = (await readdir(dir)).filter((f) => f.endsWith(".png")).sort();
    const out: DecodedPage[] = [];
    for (const [i, name] of pages.entries()) {
      const png = await readFile(join(dir, name));
      const found = await readBarcodes(new Blob([png]), { formats: ["Code128"], textMode: "HRI", maxNumberOfSymbols: 16, tryHarder: true });
      out.push({ page: i + 1, symbols: found.map((s) => ({ format: s.format, text: s.text, symbologyIdentifier: s.symbologyIdentifier, contentType: s.contentType })) });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** POST /decode?dpi=N with the PDF as the body → DecodedPage[]; 500 with the reason when poppler is missing. */
export async function serveLabelRaster(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== "POST" || url.pathname !== "/decode") return new Response("POST /decode only", { status: 404 });
  try {
    const pages = await decodePdf(new Uint8Array(await request.arrayBuffer()), Number(url.searchParams.get("dpi") ?? "200"));
    return Response.json(pages);
  } catch (e) {
    return new Response(`label raster: ${e instanceof Error ? e.message : String(e)} (is poppler-utils installed? pdftoppm must be on PATH)`, { status: 500 });
  }
}
