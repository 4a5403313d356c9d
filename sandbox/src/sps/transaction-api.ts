// The SPS Transaction API v5 data endpoints over an account's mailbox: list a directory (cursor
// paging), download, upload (octet-stream only, overwrite), delete. Facts: sps-commerce.md 2.1–2.4.
import type { FaultOptions } from "../faults";
import { emptyResponse, jsonResponse } from "../responses";
import { mediaType, type SimRequest } from "../sim-request";
import type { SpsAccount } from "./accounts";
import { decodeCursor, encodeCursor } from "./cursor";
import { encodeDataPath, listEntries, writeFile } from "./mailbox";
import { MESSAGES, transactionApiError } from "./unconfirmed";

export const DATA_ROOT = "/transactions/v5/data/";

function dataUrl(req: SimRequest, path: string): string {
  return `${req.publicBase}${DATA_ROOT}${encodeDataPath(path)}`;
}

/** Parses `limit`: 1–1000, default 1000 (2.2, S5). */
function readLimit(query: URLSearchParams): number | undefined {
  const raw = query.get("limit");
  if (raw === null) return 1000;
  if (!/^\d+$/.test(raw)) return undefined;
  const limit = Number(raw);
  return limit >= 1 && limit <= 1000 ? limit : undefined;
}

/**
 * GET a directory: its direct entries (sub-directories are entries of type "directory", not
 * recursed), `results[]` + `paging.limit` + `paging.next.{cursor,url}`; no `next` on the last page
 * (2.3, S1/S5/S7/S15).
 */
export function listDirectory(req: SimRequest, account: SpsAccount, dir: string, faults: FaultOptions): Response {
  const { mailbox } = account;
  if (!mailbox.directories.has(dir)) return transactionApiError(404, MESSAGES.directoryNotFound);
  const limit = readLimit(req.query);
  if (limit === undefined) return transactionApiError(400, MESSAGES.invalidLimit);

  let after = "";
  let prefix = req.query.get("entryNamePrefix") ?? "";
  const rawCursor = req.query.get("cursor");
  if (rawCursor !== null) {
    const cursor = decodeCursor(rawCursor);
    if (!cursor || cursor.clientId !== account.clientId || cursor.dir !== dir) {
      return transactionApiError(400, MESSAGES.invalidCursor);
    }
    if (req.query.has("entryNamePrefix") && prefix !== cursor.prefix) {
      return transactionApiError(400, MESSAGES.invalidCursor);
    }
    after = cursor.after;
    prefix = cursor.prefix;
  }

  const remaining = listEntries(mailbox, dir, prefix).filter((entry) => entry.name > after);
  const page = remaining.slice(0, limit);
  const hasMore = remaining.length > limit;
  const results = page.map((entry) => ({ path: `/${entry.path}`, type: entry.type, url: dataUrl(req, entry.path) }));

  let nextAfter = page.at(-1)?.name ?? after;
  if (faults.duplicateListing) {
    if (hasMore) {
      // Rewind the cursor by one entry: the last entry of this page is served again on the next.
      nextAfter = page.length >= 2 ? page[page.length - 2]!.name : after;
    } else {
      const lastFile = [...results].reverse().find((entry) => entry.type === "file");
      if (lastFile) results.push({ ...lastFile });
    }
  }

  const paging: { limit: number; next?: { cursor: string; url: string } } = { limit };
  if (hasMore) {
    const cursor = encodeCursor({ clientId: account.clientId, dir, after: nextAfter, prefix });
    const query = new URLSearchParams({ limit: String(limit), cursor });
    if (prefix !== "") query.set("entryNamePrefix", prefix);
    paging.next = { cursor, url: `${dataUrl(req, dir)}?${query.toString().replace(/\+/g, "%20")}` };
  }
  return jsonResponse(200, { results, paging });
}

/** GET a file: the raw bytes as stored, not a JSON envelope (2.2, S1/S6). */
export function downloadFile(account: SpsAccount, file: string): Response {
  const stored = account.mailbox.files.get(file);
  if (!stored) return transactionApiError(404, MESSAGES.fileNotFound);
  return new Response(stored.bytes.slice(), {
    status: 200,
    headers: { "content-type": "application/octet-stream", "content-length": String(stored.bytes.byteLength) },
  });
}

/**
 * POST a file: raw body, `Content-Type: application/octet-stream` only (S1), parent directory must
 * exist (404 "Parent directory not found", S6), same path overwrites (S5); 201 `{path, url}` (S6, S7).
 */
export function uploadFile(req: SimRequest, account: SpsAccount, file: string): Response {
  if (mediaType(req) !== "application/octet-stream") return transactionApiError(415, MESSAGES.unsupportedMediaType);
  const meta: Record<string, string> = {};
  req.headers.forEach((value, name) => {
    if (name.toLowerCase().startsWith("sps-meta-")) meta[name.toLowerCase()] = value;
  });
  const outcome = writeFile(account.mailbox, file, req.body, meta);
  if (outcome === "parent-missing") return transactionApiError(404, MESSAGES.parentDirectoryNotFound);
  if (outcome === "is-directory") return transactionApiError(409, `A directory named ${file}/ exists`);
  return jsonResponse(201, { path: `/${file}`, url: dataUrl(req, file) });
}

/** DELETE a file: 204 No Content (2.2, S6 live test); a missing file is 404. */
export function deleteFile(account: SpsAccount, file: string): Response {
  if (!account.mailbox.files.delete(file)) return transactionApiError(404, MESSAGES.fileNotFound);
  return emptyResponse(204);
}
