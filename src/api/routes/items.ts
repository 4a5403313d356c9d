// Items: bulk upsert of item cross-references from a JSON array or text/csv, with per-row errors
// (good rows land even when others fail), and a listing.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listItemMappings, upsertItemMappings } from "../../db/items";
import type { ItemKey, ItemMappingRow } from "../../flows/item-matching";
import { requeueWaitingDocuments } from "../../operations/requeue-waiting";
import { isValidGtin, toGtin14 } from "../../rsx/gs1";
import { actorOf } from "../auth";
import type { AppEnv } from "../context";
import { parseCsv } from "../csv";
import { ApiError, validationHook } from "../errors";
import { ItemMappingSchema, ItemRowSchema, ItemsReplySchema, TenantParams } from "../schemas";
import { itemMappingView } from "../views";
import { errorResponses, tenantFor } from "./common";

export const itemRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
itemRoutes.openAPIRegistry.register("ItemMappingInput", ItemRowSchema);

export const MAX_ITEM_ROWS = 50_000;

/** CSV header names accepted for each field (case and separators ignored). */
const CSV_COLUMNS: Record<string, keyof z.infer<typeof ItemRowSchema>> = {
  partnerid: "partnerId",
  partner: "partnerId",
  legalentity: "legalEntity",
  dataareaid: "legalEntity",
  buyerpartnumber: "buyerPartNumber",
  vendorpartnumber: "vendorPartNumber",
  upc: "upc",
  gtin: "gtin",
  erpitemid: "erpItemId",
  inventoryid: "erpItemId",
  itemnumber: "erpItemId",
  uom: "uom",
  uomfactor: "uomFactor",
};

type RowOutcome = { ok: true; row: ItemMappingRow } | { ok: false; message: string };

function codeKey(field: string, code: string): ItemKey | string {
  const gtin = toGtin14(code, { checkDigit: "ignore" });
  if (!gtin) return `${field} must be 8, 12, 13 or 14 digits`;
  if (!isValidGtin(gtin)) return `${field} ${code} has a wrong check digit`;
  return { kind: "gtin", value: gtin };
}

/** One input row → the identifiers to store, or why it was refused. */
export function toMappingRow(input: unknown): RowOutcome {
  const parsed = ItemRowSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".") || "row"}: ${i.message}`).join("; ") };
  }
  const r = parsed.data;
  const keys: ItemKey[] = [];
  if (r.buyerPartNumber) keys.push({ kind: "buyer_part", value: r.buyerPartNumber });
  if (r.vendorPartNumber) keys.push({ kind: "vendor_part", value: r.vendorPartNumber });
  for (const [field, code] of [["upc", r.upc], ["gtin", r.gtin]] as const) {
    if (!code) continue;
    const key = codeKey(field, code);
    if (typeof key === "string") return { ok: false, message: key };
    if (!keys.some((k) => k.kind === key.kind && k.value === key.value)) keys.push(key);
  }
  if (keys.length === 0) return { ok: false, message: "needs at least one of buyerPartNumber, vendorPartNumber, upc, gtin" };
  if (r.buyerPartNumber && !r.partnerId) return { ok: false, message: "buyerPartNumber is partner-specific: give partnerId" };
  return {
    ok: true,
    row: { partnerId: r.partnerId || "*", legalEntity: r.legalEntity || "*", keys, erpItemId: r.erpItemId, uom: r.uom || undefined, uomFactor: r.uomFactor },
  };
}

export function csvRows(text: string): { rows: unknown[]; headerError?: string } {
  const table = parseCsv(text);
  const columns = table.header.map((h) => CSV_COLUMNS[h.toLowerCase().replace(/[^a-z]/g, "")]);
  const unknown = table.header.filter((_, i) => columns[i] === undefined);
  if (unknown.length > 0) return { rows: [], headerError: `Unknown CSV columns: ${unknown.join(", ")} (expected ${[...new Set(Object.values(CSV_COLUMNS))].join(", ")})` };
  if (!columns.includes("erpItemId")) return { rows: [], headerError: "The CSV header needs an erpItemId column" };
  return {
    rows: table.rows.map(({ cells }) => {
      const row: Record<string, unknown> = {};
      columns.forEach((col, i) => {
        const cell = (cells[i] ?? "").trim();
        if (cell === "" || !col) return;
        row[col] = col === "uomFactor" && /^\d+$/.test(cell) ? Number(cell) : cell;
      });
      return row;
    }),
  };
}

itemRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/tenants/{tenant}/items",
    tags: ["Items"],
    summary: "Bulk upsert item cross-references (JSON array of ItemMappingInput, or text/csv with those column names)",
    request: {
      params: TenantParams,
      body: {
        required: true,
        content: {
          // Plain schema objects (not zod): rows are validated one by one below, so one bad row
          // does not refuse the whole import.
          "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/ItemMappingInput" } } },
          "text/csv": { schema: { type: "string", example: "partnerId,buyerPartNumber,upc,erpItemId,uom\nNWHALLNORTHWND,NW-778120,081234501013,CANDLE-LAV-08,EA" } },
        },
      },
    },
    responses: {
      200: { description: "Rows upserted; refused rows listed with their row number (1 = first data row)", content: { "application/json": { schema: ItemsReplySchema } } },
      ...errorResponses,
      413: { description: "Too many rows or too large a body", content: { "application/json": { schema: ItemsReplySchema } } },
      415: { description: "Neither JSON nor CSV", content: { "application/json": { schema: ItemsReplySchema } } },
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    let rows: unknown[];
    if (type === "application/json") {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        throw new ApiError("invalid_request", "The request body is not valid JSON");
      }
      if (!Array.isArray(body)) throw new ApiError("invalid_request", "The body must be a JSON array of item rows");
      rows = body;
    } else if (type === "text/csv") {
      const parsed = csvRows(await c.req.text());
      if (parsed.headerError) throw new ApiError("invalid_request", parsed.headerError);
      rows = parsed.rows;
    } else {
      throw new ApiError("unsupported_media_type", "Send application/json (an array) or text/csv");
    }
    if (rows.length > MAX_ITEM_ROWS) throw new ApiError("payload_too_large", `At most ${MAX_ITEM_ROWS} rows per request; split the import`);
    const good: ItemMappingRow[] = [];
    const errors: { row: number; message: string }[] = [];
    rows.forEach((input, i) => {
      const outcome = toMappingRow(input);
      if (outcome.ok) good.push(outcome.row);
      else errors.push({ row: i + 1, message: outcome.message });
    });
    const db = c.get("db");
    const nowMs = Date.now();
    const upserted = await upsertItemMappings(db, tenantId, good, nowMs);
    const requeued =
      upserted > 0 ? await requeueWaitingDocuments(c.env, db, tenantId, { actor: actorOf(c.get("principal")), because: `${upserted} item mappings stored` }, nowMs) : 0;
    return c.json({ upserted, errors, requeued }, 200);
  },
);

itemRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/items",
    tags: ["Items"],
    summary: "List item cross-references (one entry per identifier)",
    request: {
      params: TenantParams,
      query: z.object({
        limit: z.coerce.number().int().min(1).max(1000).optional(),
        offset: z.coerce.number().int().min(0).optional(),
      }),
    },
    responses: {
      200: { description: "Mappings", content: { "application/json": { schema: z.object({ items: z.array(ItemMappingSchema) }) } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const { limit, offset } = c.req.valid("query");
    const rows = await listItemMappings(c.get("db"), tenantId, limit ?? 200, offset ?? 0);
    return c.json({ items: rows.map(itemMappingView) }, 200);
  },
);
