// Documents: list with filters and cursor paging, detail with the audit trail, replay; and
// poll-now for the tenant's streams.
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { listAudit } from "../../db/audit";
import { getDocument, listDocuments } from "../../db/documents";
import { base64UrlDecode, base64UrlEncode, decodeUtf8, utf8 } from "../../lib/encoding";
import { enqueuePolls, streamsFor } from "../../queues/enqueue-polls";
import { replayDocument } from "../../operations/replay";
import { actorOf } from "../auth";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import {
  AcceptedSchema,
  DocumentDetailSchema,
  DocumentListQuery,
  DocumentListSchema,
  DocumentParams,
  ReplayBody,
  TenantParams,
} from "../schemas";
import { documentDetailView, documentView } from "../views";
import { errorResponses, tenantFor } from "./common";

export const documentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
documentRoutes.openAPIRegistry.register("Replay", ReplayBody);

/** Opaque cursor: the id of the last document of the page. */
const encodeCursor = (id: string) => base64UrlEncode(utf8.encode(`d:${id}`));
function decodeCursor(cursor: string): string {
  const bytes = base64UrlDecode(cursor);
  const text = bytes ? decodeUtf8(bytes) : "";
  if (!text.startsWith("d:") || text.length < 3) throw new ApiError("invalid_request", "The cursor is not valid; use nextCursor from the previous page");
  return text.slice(2);
}

documentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/documents",
    tags: ["Documents"],
    summary: "List documents, newest first, with filters and cursor paging",
    request: { params: TenantParams, query: DocumentListQuery },
    responses: {
      200: { description: "A page of documents", content: { "application/json": { schema: DocumentListSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const q = c.req.valid("query");
    const limit = q.limit ?? 50;
    const rows = await listDocuments(
      c.get("db"),
      tenantId,
      { status: q.status, type: q.type, direction: q.direction, partner: q.partner, q: q.q },
      { limit: limit + 1, before: q.cursor ? decodeCursor(q.cursor) : undefined },
    );
    const page = rows.slice(0, limit);
    const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null;
    return c.json({ documents: page.map(documentView), nextCursor }, 200);
  },
);

documentRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/documents/{id}",
    tags: ["Documents"],
    summary: "A document, its ERP and SPS references and its full audit trail",
    request: { params: DocumentParams },
    responses: {
      200: { description: "The document", content: { "application/json": { schema: DocumentDetailSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId, id } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const db = c.get("db");
    const doc = await getDocument(db, tenantId, id);
    if (!doc) throw new ApiError("not_found", `No document ${id}`);
    return c.json({ ...documentDetailView(doc), audit: await listAudit(db, tenantId, id) }, 200);
  },
);

documentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/tenants/{tenant}/documents/{id}/replay",
    tags: ["Documents"],
    summary: "Replay a document with the current mappings (a delivered document needs force)",
    // A plain schema reference: the body is optional and parsed below, so an empty body with a
    // JSON content type is accepted.
    request: { params: DocumentParams, body: { required: false, content: { "application/json": { schema: { $ref: "#/components/schemas/Replay" } } } } },
    responses: {
      202: { description: "Queued", content: { "application/json": { schema: AcceptedSchema } } },
      ...errorResponses,
      409: { description: "Delivered: send {\"force\": true} to replay it", content: { "application/json": { schema: AcceptedSchema } } },
    },
  }),
  async (c) => {
    const { tenant: tenantId, id } = c.req.valid("param");
    await tenantFor(c, tenantId);
    let force = false;
    {
      const raw = await c.req.text();
      if (raw.trim() !== "") {
        let parsedJson: unknown;
        try {
          parsedJson = JSON.parse(raw);
        } catch {
          throw new ApiError("invalid_request", "The request body is not valid JSON");
        }
        const body = ReplayBody.safeParse(parsedJson);
        if (!body.success) throw new ApiError("invalid_request", "The request body is not valid", body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
        force = body.data.force ?? false;
      }
    }
    const result = await replayDocument(c.env, c.get("db"), tenantId, id, { force, actor: actorOf(c.get("principal")) }, Date.now());
    if (!result.ok) {
      if (result.error.kind === "not_found") throw new ApiError("not_found", `No document ${id}`);
      throw new ApiError("conflict", `Document ${id} is ${result.error.status}; replay it with {"force": true}`);
    }
    return c.json({ accepted: true as const, documentId: id, status: result.value.status }, 202);
  },
);

documentRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/tenants/{tenant}/poll",
    tags: ["Documents"],
    summary: "Poll every stream of the tenant now",
    request: { params: TenantParams },
    responses: {
      202: { description: "Polls queued", content: { "application/json": { schema: AcceptedSchema } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    const tenant = await tenantFor(c, tenantId);
    await enqueuePolls(c.env, [tenant], "api");
    return c.json({ accepted: true as const, streams: streamsFor(tenant.erp) }, 202);
  },
);
