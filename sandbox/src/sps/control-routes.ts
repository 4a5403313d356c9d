// Control routes of the SPS simulator, mounted under /__sandbox/sps:
//   POST   /accounts                          create or reset an account
//   GET    /accounts/:clientId                settings, folders, file count, live tokens
//   PATCH  /accounts/:clientId                token TTL, token throttle, audiences
//   POST   /accounts/:clientId/folders        {path} create a directory (and its parents)
//   POST   /accounts/:clientId/files          {path, content, encoding?} drop a file (parents created)
//   GET    /accounts/:clientId/files?prefix=  files under a path prefix, with contents
//   DELETE /accounts/:clientId/files?prefix=  remove files under a path prefix
//   POST   /accounts/:clientId/tokens/expire  expire every token of the account now
import { Hono } from "hono";
import { z } from "zod";
import { ControlError, readJson } from "../control/control-errors";
import { createAccount, expireTokens, findAccount, type SpsAccount } from "./accounts";
import { ensureDirectory, normalizeDirectory, parentDirectory, writeFile } from "./mailbox";

const AudienceSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const CreateAccountSchema = z
  .object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    tokenTtlSeconds: z.number().int().positive().optional(),
    tokenRequestsPerMinute: z.number().int().positive().optional(),
    folders: z.array(z.string().min(1)).optional(),
    audience: AudienceSchema.optional(),
  })
  .strict();

const SettingsSchema = z
  .object({
    tokenTtlSeconds: z.number().int().positive().optional(),
    tokenRequestsPerMinute: z.number().int().positive().optional(),
    audience: AudienceSchema.optional(),
  })
  .strict();

const FolderSchema = z.object({ path: z.string().min(1) }).strict();

const FileSchema = z
  .object({
    path: z.string().min(1),
    content: z.string(),
    encoding: z.enum(["utf8", "base64"]).default("utf8"),
  })
  .strict();

function account(clientId: string): SpsAccount {
  const found = findAccount(clientId);
  if (!found) throw new ControlError(404, `control: no SPS account '${clientId}'`);
  return found;
}

function summary(a: SpsAccount) {
  const now = Date.now();
  return {
    clientId: a.clientId,
    audiences: a.audiences,
    tokenTtlSeconds: a.tokenTtlSeconds,
    tokenRequestsPerMinute: a.tokenRequestsPerMinute,
    folders: [...a.mailbox.directories].filter((d) => d !== "").sort(),
    fileCount: a.mailbox.files.size,
    activeTokens: [...a.tokens.values()].filter((expiresAt) => expiresAt > now).length,
  };
}

function relativeFilePath(path: string): string {
  const trimmed = path.replace(/^\/+/, "");
  if (trimmed === "" || trimmed.endsWith("/") || trimmed.split("/").some((s) => s === "" || s === "." || s === "..")) {
    throw new ControlError(400, `control: '${path}' is not a file path`);
  }
  return trimmed;
}

function decodeContent(content: string, encoding: "utf8" | "base64"): Uint8Array {
  if (encoding === "utf8") return new TextEncoder().encode(content);
  try {
    const binary = atob(content);
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    throw new ControlError(400, "control: content is not valid base64");
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export const spsControlRoutes = new Hono()
  .post("/accounts", async (c) => {
    const body = await readJson(c, CreateAccountSchema);
    return c.json(summary(createAccount(body)), 201);
  })
  .get("/accounts/:clientId", (c) => c.json(summary(account(c.req.param("clientId")))))
  .patch("/accounts/:clientId", async (c) => {
    const a = account(c.req.param("clientId"));
    const body = await readJson(c, SettingsSchema);
    if (body.tokenTtlSeconds !== undefined) a.tokenTtlSeconds = body.tokenTtlSeconds;
    if (body.tokenRequestsPerMinute !== undefined) a.tokenRequestsPerMinute = body.tokenRequestsPerMinute;
    if (body.audience !== undefined) a.audiences = Array.isArray(body.audience) ? body.audience : [body.audience];
    return c.json(summary(a));
  })
  .post("/accounts/:clientId/folders", async (c) => {
    const a = account(c.req.param("clientId"));
    const body = await readJson(c, FolderSchema);
    ensureDirectory(a.mailbox, normalizeDirectory(body.path));
    return c.json(summary(a), 201);
  })
  .post("/accounts/:clientId/files", async (c) => {
    const a = account(c.req.param("clientId"));
    const body = await readJson(c, FileSchema);
    const path = relativeFilePath(body.path);
    const bytes = decodeContent(body.content, body.encoding);
    ensureDirectory(a.mailbox, parentDirectory(path));
    const outcome = writeFile(a.mailbox, path, bytes, {});
    if (outcome === "is-directory") throw new ControlError(409, `control: '${path}/' is a directory`);
    return c.json({ path: `/${path}`, size: bytes.byteLength, outcome }, 201);
  })
  .get("/accounts/:clientId/files", (c) => {
    const a = account(c.req.param("clientId"));
    const prefix = (c.req.query("prefix") ?? "").replace(/^\/+/, "");
    const files = [...a.mailbox.files]
      .filter(([path]) => path.startsWith(prefix))
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([path, file]) => ({
        path: `/${path}`,
        size: file.bytes.byteLength,
        content: new TextDecoder().decode(file.bytes),
        contentBase64: toBase64(file.bytes),
        meta: file.meta,
        storedAt: file.storedAt,
      }));
    return c.json({ files });
  })
  .delete("/accounts/:clientId/files", async (c) => {
    await c.req.text();
    const a = account(c.req.param("clientId"));
    const prefix = (c.req.query("prefix") ?? "").replace(/^\/+/, "");
    let deleted = 0;
    for (const path of [...a.mailbox.files.keys()]) {
      if (path.startsWith(prefix)) {
        a.mailbox.files.delete(path);
        deleted++;
      }
    }
    return c.json({ deleted });
  })
  .post("/accounts/:clientId/tokens/expire", async (c) => {
    await c.req.text();
    return c.json({ expired: expireTokens(account(c.req.param("clientId"))) });
  });
