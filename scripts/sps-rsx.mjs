// Finds SPS Commerce's RSX 7.7 material (JSON Schemas and sample documents): at SPS_RSX_DIR when
// set, else at ../shared/sps beside the repository (where this workplace keeps it). The material is
// SPS's own and is never copied into the project; checks that need it ask here, and say in one line
// that they did not run, and why, when it is absent. This is the only code that names that folder
// (with its types in sps-rsx.d.mts; README.md explains it); test/node/standalone.test.mjs checks so.
//
//   node scripts/sps-rsx.mjs            prints where the material was found (exit 0) or why not (exit 1)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const SPS_RSX_MISSING =
  "SPS RSX 7.7 schemas not found: set SPS_RSX_DIR to a folder with schemas/ and samples/";

/**
 * @returns {{ found: true, dir: string, from: "SPS_RSX_DIR" | "../shared/sps" } | { found: false, reason: string }}
 */
export function locateSpsRsx(env = process.env) {
  const candidates = [];
  if (env.SPS_RSX_DIR) candidates.push({ dir: path.resolve(env.SPS_RSX_DIR), from: "SPS_RSX_DIR" });
  else candidates.push({ dir: path.resolve(repoRoot, "..", "shared", "sps"), from: "../shared/sps" });
  for (const c of candidates) {
    if (fs.existsSync(path.join(c.dir, "schemas")) && fs.existsSync(path.join(c.dir, "samples"))) return { found: true, ...c };
  }
  const looked = candidates.map((c) => c.dir).join(", ");
  return { found: false, reason: `${SPS_RSX_MISSING} (looked in ${looked})` };
}

/** `relative` resolved under `dir`, refused when it leaves it ("../x", an absolute path, a sibling "sps2/"). */
function inside(dir, relative) {
  const resolved = path.resolve(dir, relative);
  if (resolved !== dir && !resolved.startsWith(dir + path.sep)) throw new Error(`outside the SPS RSX folder: ${relative}`);
  return resolved;
}

/** A file of the material by its relative path (e.g. "schemas/Invoices.json"); refuses paths that leave it. */
export function readSpsRsxFile(located, relative) {
  if (!located.found) throw new Error(located.reason);
  const file = inside(located.dir, relative);
  return fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
}

/** Relative paths of the files under a folder of the material (e.g. "samples/Orders_850"), sorted. */
export function listSpsRsxFiles(located, relativeDir) {
  if (!located.found) throw new Error(located.reason);
  const root = inside(located.dir, relativeDir);
  if (!fs.existsSync(root)) return [];
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(located.dir, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const located = locateSpsRsx();
  if (located.found) console.log(`SPS RSX 7.7 material found at ${located.dir} (from ${located.from})`);
  else console.log(located.reason);
  process.exit(located.found ? 0 : 1);
}
