// The SPS file mailbox of one account: directories and files under the data root, addressed by
// case-sensitive relative paths ("out/PO/PO123.xml"); directories end with "/" (sps-commerce.md 2.1).
// Pure data operations; HTTP lives in transaction-api.ts.

export interface StoredFile {
  bytes: Uint8Array;
  /** `sps-meta-*` headers sent with the upload (sps-commerce.md 2.2, S1/S7). */
  meta: Record<string, string>;
  storedAt: string;
}

export interface Mailbox {
  /** Directory paths ending with "/"; the root is "". */
  directories: Set<string>;
  files: Map<string, StoredFile>;
}

export interface MailboxEntry {
  name: string;
  /** Relative path; directories end with "/". */
  path: string;
  type: "file" | "directory";
}

export type DataPath =
  | { kind: "directory"; dir: string }
  | { kind: "file"; file: string }
  | { kind: "invalid"; reason: string };

export function createMailbox(): Mailbox {
  return { directories: new Set([""]), files: new Map() };
}

/** "out" / "/out/PO" / "out/PO/" → "out/" / "out/PO/"; "" or "/" → "" (the root). */
export function normalizeDirectory(path: string): string {
  const trimmed = path.replace(/^\/+/, "").replace(/\/+$/, "");
  return trimmed === "" ? "" : `${trimmed}/`;
}

/**
 * Parses the percent-encoded part after `/transactions/v5/data/`. A trailing "/" means a directory
 * (sps-commerce.md 2.1: a directory path must end with "/"). Empty, "." and ".." segments are refused.
 */
export function parseDataPath(encoded: string): DataPath {
  if (encoded === "") return { kind: "directory", dir: "" };
  const isDirectory = encoded.endsWith("/");
  const rawSegments = (isDirectory ? encoded.slice(0, -1) : encoded).split("/");
  const segments: string[] = [];
  for (const raw of rawSegments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: "invalid", reason: `malformed percent-encoding in path segment "${raw}"` };
    }
    if (segment === "" || segment === "." || segment === "..") {
      return { kind: "invalid", reason: `invalid path segment "${segment}"` };
    }
    if (segment.includes("/")) return { kind: "invalid", reason: `path segment "${segment}" contains an encoded "/"` };
    segments.push(segment);
  }
  const joined = segments.join("/");
  return isDirectory ? { kind: "directory", dir: `${joined}/` } : { kind: "file", file: joined };
}

/** The directory a file or directory lives in ("out/PO/a.xml" → "out/PO/", "out/PO/" → "out/"). */
export function parentDirectory(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  const cut = trimmed.lastIndexOf("/");
  return cut < 0 ? "" : trimmed.slice(0, cut + 1);
}

/** Creates a directory and its parents (control API only: the real API has no mkdir). */
export function ensureDirectory(mailbox: Mailbox, dir: string): void {
  let current = dir;
  while (current !== "" && !mailbox.directories.has(current)) {
    mailbox.directories.add(current);
    current = parentDirectory(current);
  }
}

function entryName(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** Direct children of `dir` (not recursed), sorted by name, filtered by a case-sensitive name prefix. */
export function listEntries(mailbox: Mailbox, dir: string, namePrefix: string): MailboxEntry[] {
  const entries: MailboxEntry[] = [];
  for (const sub of mailbox.directories) {
    if (sub !== "" && parentDirectory(sub) === dir) entries.push({ name: entryName(sub), path: sub, type: "directory" });
  }
  for (const file of mailbox.files.keys()) {
    if (parentDirectory(file) === dir) entries.push({ name: entryName(file), path: file, type: "file" });
  }
  return entries
    .filter((entry) => entry.name.startsWith(namePrefix))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export type WriteOutcome = "created" | "overwritten" | "parent-missing" | "is-directory";

/** Stores a file; the parent directory must exist; an existing file is overwritten (2.2, S5). */
export function writeFile(mailbox: Mailbox, file: string, bytes: Uint8Array, meta: Record<string, string>): WriteOutcome {
  if (!mailbox.directories.has(parentDirectory(file))) return "parent-missing";
  if (mailbox.directories.has(`${file}/`)) return "is-directory";
  const existed = mailbox.files.has(file);
  mailbox.files.set(file, { bytes: bytes.slice(), meta, storedAt: new Date().toISOString() });
  return existed ? "overwritten" : "created";
}

/** Encodes a relative path for a URL, segment by segment (directories keep their trailing "/"). */
export function encodeDataPath(path: string): string {
  return path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}
