// The shelf rules of docs/architecture.md, checked on the source itself: no runtime import runs from
// a lower layer to a higher one, rsx/ and flows/ import no I/O module, and no list of ERPs or
// `erp === "…"` switch exists outside the ERP profile table and each ERP's own folder.
import { describe, expect, it } from "vitest";
import { ERP_KINDS } from "../../src/erp/profiles";

const sources = import.meta.glob("../../src/**/*.{ts,tsx}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const files = Object.entries(sources).map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ""), text }));

/** Top to bottom; a module may import its own layer and the layers below it (type-only imports excepted). */
export const LAYERS: readonly (readonly string[])[] = [
  ["index.ts", "metered-env.ts"],
  ["api", "console", "cron"],
  ["operations", "watch", "alerts"],
  ["queues"],
  ["clients"],
  ["tenant-gate"],
  ["db"],
  ["connections"],
  ["erp", "sps"],
  ["flows", "sla", "labels"],
  ["rsx"],
  ["lib", "env.ts"],
];

/** Modules that talk to the network or the runtime: never imported by the pure layers. */
const IO_MODULES = ["src/lib/http.ts", "src/lib/gated-request.ts", "src/lib/token-request.ts"];

function layerOf(path: string): number {
  const top = path.replace(/^src\//, "").split("/")[0]!;
  return LAYERS.findIndex((names) => names.includes(top));
}

function resolve(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  const base = parts.join("/");
  for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base]) if (sources[`../../${candidate}`] !== undefined) return candidate;
  return `${base}.ts`;
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Relative imports and re-exports; `import type` and `import { type A, type B }` count as type-only. */
export function importsOf(path: string, text: string): Import[] {
  const found: Import[] = [];
  const pattern = /^\s*(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']/gm;
  for (const m of text.matchAll(pattern)) {
    if (!m[3]!.startsWith(".")) continue;
    const names = m[2]!.trim();
    const typeOnly = Boolean(m[1]) || /^\{\s*(type\s+[\w$]+(\s+as\s+[\w$]+)?\s*,?\s*)+\}$/.test(names);
    found.push({ from: path, to: resolve(path, m[3]!), typeOnly });
  }
  // Side-effect imports (`import "./x"`) run code too.
  for (const m of text.matchAll(/^\s*import\s+["'](\.[^"']+)["']/gm)) found.push({ from: path, to: resolve(path, m[1]!), typeOnly: false });
  return found;
}

const runtimeImports = files.flatMap((f) => importsOf(f.path, f.text)).filter((i) => !i.typeOnly);

describe("architecture (docs/architecture.md)", () => {
  it("reads the whole source tree", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(runtimeImports.length).toBeGreaterThan(300);
  });

  it("puts every source file on a layer", () => {
    expect(files.filter((f) => layerOf(f.path) < 0).map((f) => f.path)).toEqual([]);
  });

  it("has no runtime import from a lower layer to a higher one", () => {
    const upward = runtimeImports.filter((i) => layerOf(i.to) < layerOf(i.from)).map((i) => `${i.from} -> ${i.to}`);
    expect(upward).toEqual([]);
  });

  it("keeps rsx/ and flows/ free of I/O modules", () => {
    const io = runtimeImports.filter((i) => /^src\/(rsx|flows)\//.test(i.from) && (IO_MODULES.includes(i.to) || layerOf(i.to) < layerOf("src/flows/x.ts")));
    expect(io.map((i) => `${i.from} -> ${i.to}`)).toEqual([]);
  });

  it("names an ERP only in its own folder (every other list of ERPs derives from src/erp/profiles.ts)", () => {
    const named = files.flatMap((f) =>
      ERP_KINDS.filter((erp) => !f.path.startsWith(`src/erp/${erp}/`))
        .filter((erp) => codeOf(f.text).some((line) => new RegExp(`["'\`]${erp}["'\`]`).test(line)))
        .map((erp) => `${f.path} names "${erp}"`),
    );
    expect(named).toEqual([]);
  });

  it("the checks above catch what they are for", () => {
    // An upward import, a type-only one, and an ERP switch, on made-up sources.
    const made = importsOf("src/rsx/x.ts", 'import { a } from "../queues/inbound";\nimport type { B } from "../api/app";\nimport { type C } from "../db/schema";');
    expect(made.map((i) => [i.to, i.typeOnly])).toEqual([
      ["src/queues/inbound.ts", false],
      ["src/api/app.ts", true],
      ["src/db/schema.ts", true],
    ]);
    expect(layerOf("src/queues/inbound.ts")).toBeLessThan(layerOf("src/rsx/x.ts"));
    expect(codeOf('const x = 1; // "acumatica"\nif (tenant.erp === "dynamics") {}').some((l) => /["']dynamics["']/.test(l))).toBe(true);
    expect(codeOf('// tenant.erp === "dynamics"\n/** "acumatica" */').length).toBe(0);
  });
});

/** Lines of code with comments removed (a comment may mention an ERP; code may not switch on one). */
function codeOf(text: string): string[] {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.replace(/(^|[^:"'`])\/\/.*$/, "$1"))
    .filter((line) => line.trim().length > 0);
}
