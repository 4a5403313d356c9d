// The repository stands on its own: a clone with nothing beside it must install, start and pass its
// tests. Run by `npm test` in Node (node:test), not in workerd: it reads the working tree and runs
// scripts, which the test runtime cannot.
//   - Only the resolver of SPS's RSX material (scripts/sps-rsx.mjs, its types) and the README section
//     that explains it name the folder beside the repository where this workplace keeps the material.
//   - Documentation links only files in the repository (or public URLs).
//   - The resolver and `npm run conformance` say in one line why they did not run when the material is
//     absent, and conformance fails then only when asked to (--require, CI).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { listSpsRsxFiles, locateSpsRsx, readSpsRsxFile, SPS_RSX_MISSING } from "../../scripts/sps-rsx.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Files that may name the folder: the resolver, its types, and the README section explaining it. */
const MAY_NAME_THE_FOLDER = new Set(["scripts/sps-rsx.mjs", "scripts/sps-rsx.d.mts", "README.md"]);

/** The folder as a relative path (two dots, a slash or backslash, "shared"), or as two quoted arguments of a path join. */
const NAMES_THE_FOLDER = /\.\.[\\/]shared\b|(["'`])\.\.\1\s*,\s*(["'`])shared\2/;

/** Tracked files and new ones not ignored (so an uncommitted file is checked too); a walk when there is no git. */
function repositoryFiles() {
  try {
    const out = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, encoding: "utf8" });
    return [...new Set(out.split("\0").filter(Boolean))].filter((f) => fs.existsSync(path.join(repoRoot, f))).sort();
  } catch {
    const out = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
        if (entry.name.startsWith(".") && entry.name !== ".ci") continue;
        if (entry.name === "node_modules") continue;
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) walk(rel);
        else out.push(rel);
      }
    };
    walk("");
    return out.sort();
  }
}

const files = repositoryFiles();
const fileSet = new Set(files);
const dirSet = new Set(files.flatMap((f) => f.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));
const basenames = new Set(files.map((f) => path.posix.basename(f)));
const read = (f) => fs.readFileSync(path.join(repoRoot, f), "utf8");
const isText = (f) => !/\.(png|jpe?g|gif|ico|gz|zip|woff2?|wasm)$/i.test(f);

describe("the repository names no folder beside it", () => {
  it("finds the files to check", () => {
    assert.ok(files.includes("package.json") && files.includes("scripts/sps-rsx.mjs"), `listed ${files.length} files from ${repoRoot}`);
  });

  it("names the folder only in the resolver and the README that explains it", () => {
    const offenders = [];
    for (const f of files) {
      if (MAY_NAME_THE_FOLDER.has(f) || !isText(f)) continue;
      read(f)
        .split("\n")
        .forEach((line, i) => {
          if (NAMES_THE_FOLDER.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
    }
    assert.deepEqual(offenders, [], "read SPS's RSX material through scripts/sps-rsx.mjs (tests: test/helpers/sps-rsx.ts) instead");
  });

  it("the pattern catches both spellings", () => {
    // Spelled with a variable so this file does not name the folder itself.
    const up = "..";
    assert.ok(NAMES_THE_FOLDER.test(`read ${up}/shared/sps/schemas`));
    assert.ok(NAMES_THE_FOLDER.test(`see ${up}\\shared\\design.md`));
    assert.ok(NAMES_THE_FOLDER.test(`path.resolve(root, "${up}", "shared", "sps")`));
    assert.ok(NAMES_THE_FOLDER.test(`path.join(root, '${up}', 'shared')`));
    assert.ok(!NAMES_THE_FOLDER.test(`import { x } from "./shared-elements"`));
  });
});

describe("documentation links only files in the repository", () => {
  const docs = files.filter((f) => f.endsWith(".md"));

  /** Why a reference from `doc` to `target` does not resolve, or undefined when it does. */
  function unresolved(doc, target) {
    const clean = decodeURI(target.split("#")[0]);
    if (clean === "") return undefined;
    const candidates = [path.posix.normalize(path.posix.join(path.posix.dirname(doc), clean)), path.posix.normalize(clean)];
    return candidates.some((c) => fileSet.has(c) || dirSet.has(c.replace(/\/$/, ""))) ? undefined : `${target} is not a file of the repository`;
  }

  it("has documents to check", () => {
    assert.ok(docs.includes("README.md") && docs.includes("docs/design.md"), docs.join(", "));
  });

  for (const doc of docs) {
    it(doc, () => {
      const problems = [];
      const text = read(doc);
      // Markdown links: a public URL, an anchor, or a file of the repository.
      for (const [, target] of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        if (/^[a-z]+:/i.test(target)) problems.push(`${target}: only https links and repository files`);
        else {
          const why = unresolved(doc, target);
          if (why) problems.push(why);
        }
      }
      // Other documents named in the text (say `design.md`): each must be one of the repository's.
      const withoutUrls = text.replace(/https?:\/\/[^\s)>\]`"]+/g, "");
      for (const [name] of withoutUrls.matchAll(/[\w.\/-]*[\w-]\.md\b/g)) {
        const why = name.includes("/") ? unresolved(doc, name) : basenames.has(name) ? undefined : `${name} is not a file of the repository`;
        if (why) problems.push(why);
      }
      assert.deepEqual([...new Set(problems)], []);
    });
  }
});

describe("without SPS's RSX material the checks that need it say so in one line", () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "sps-rsx-absent-"));
  const env = { ...process.env, SPS_RSX_DIR: empty };
  delete env.CI;

  it("the resolver reports the folder it looked in and why it is not usable", () => {
    const located = locateSpsRsx({ SPS_RSX_DIR: empty });
    assert.equal(located.found, false);
    assert.ok(!located.found && located.reason.startsWith(`${SPS_RSX_MISSING} (looked in ${empty})`), JSON.stringify(located));
    const cli = spawnSync(process.execPath, ["scripts/sps-rsx.mjs"], { cwd: repoRoot, env, encoding: "utf8" });
    assert.equal(cli.status, 1);
    assert.equal(cli.stdout.trim(), located.reason);
  });

  it("the resolver finds a folder with schemas/ and samples/ and reads only inside it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sps-rsx-present-"));
    fs.mkdirSync(path.join(dir, "schemas"));
    fs.mkdirSync(path.join(dir, "samples", "Orders_850"), { recursive: true });
    fs.writeFileSync(path.join(dir, "schemas", "Invoices.json"), "\uFEFF{}");
    fs.writeFileSync(path.join(dir, "samples", "Orders_850", "a.json"), "[]");
    fs.mkdirSync(`${dir}2`, { recursive: true });
    const located = locateSpsRsx({ SPS_RSX_DIR: dir });
    assert.deepEqual(located, { found: true, dir, from: "SPS_RSX_DIR" });
    assert.equal(readSpsRsxFile(located, "schemas/Invoices.json"), "{}");
    assert.deepEqual(listSpsRsxFiles(located, "samples"), ["samples/Orders_850/a.json"]);
    assert.throws(() => readSpsRsxFile(located, "../etc/passwd"), /outside the SPS RSX folder/);
    assert.throws(() => listSpsRsxFiles(located, `../${path.basename(dir)}2`), /outside the SPS RSX folder/);
  });

  it("npm run conformance prints one not-run line and exits 0; with --require or under CI it fails", () => {
    const run = (args, extra = {}) => spawnSync(process.execPath, ["scripts/conformance.mjs", ...args], { cwd: repoRoot, env: { ...env, ...extra }, encoding: "utf8" });
    const line = `conformance: not run: ${SPS_RSX_MISSING} (looked in ${empty})`;
    const plain = run([]);
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(plain.stdout, `${line}\n`);
    const required = run(["--require"]);
    assert.equal(required.status, 1);
    assert.equal(required.stdout, `${line}\n`);
    assert.equal(run([], { CI: "true" }).status, 1);
  });
});
