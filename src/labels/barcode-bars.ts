// GS1-128 symbols as bars, from bwip-js (Barcode Writer in Pure PostScript, https://github.com/metafloor/bwip-js)
// rather than a hand-written Code 128 encoder: its generic build is plain JavaScript, so it runs in
// workerd. bwip-js draws a linear symbol as stroked vertical lines in SVG, one path per bar width;
// those become rectangles in module units here, for the PDF to draw at any X-dimension.
import { toSVG } from "bwip-js/generic";

export interface Bars {
  /** Width of the symbol in modules, quiet zones excluded. */
  modules: number;
  /** Each bar's left edge and width, in modules. */
  bars: Array<{ x: number; width: number }>;
}

/** The GS1-128 symbol of the element strings, e.g. [{ ai: "00", data: "006141411234567890" }] (FNC1 added by bwip-js). */
export function gs1128Bars(elements: Array<{ ai: string; data: string }>): Bars {
  const text = elements.map((e) => `(${e.ai})${e.data}`).join("");
  const svg = toSVG({ bcid: "gs1-128", text, scale: 1, height: 5, includetext: false, paddingwidth: 0, paddingheight: 0 });
  const modules = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1]);
  const bars: Bars["bars"] = [];
  for (const path of svg.matchAll(/<path [^>]*stroke-width="([\d.]+)"[^>]*d="([^"]+)"/g)) {
    const width = Number(path[1]);
    for (const move of path[2]!.matchAll(/M([\d.]+) [\d.]+L[\d.]+ [\d.]+/g)) bars.push({ x: Number(move[1]) - width / 2, width });
  }
  if (!(modules > 0) || bars.length === 0) throw new Error(`bwip-js drew no GS1-128 symbol for ${text}`);
  bars.sort((a, b) => a.x - b.x);
  return { modules, bars };
}
