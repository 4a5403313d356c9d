// Activity read from inbound 846/852: the filtered listing (JSON pages, or all of it as streamed CSV),
// the unmapped retailer codes, the per-item summary for planners, and the location mappings.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { listActivity, listUnmapped, periodTotals, type ActivityFilters, type ActivityRecord } from "../../db/activity";
import type { Db } from "../../db/client";
import { listLocations, upsertLocations } from "../../db/locations";
import { summarizeActivity } from "../../flows/activity-summary";
import type { AppEnv } from "../context";
import { validationHook } from "../errors";
import { TenantParams } from "../schemas";
import { errorResponses, tenantFor } from "./common";
import { csvCell } from "../../lib/csv-cell";

export const activityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const Code = z.string().trim().min(1).max(80);

export const ActivityQuery = z
  .object({
    partner: Code.optional(),
    item: Code.optional().openapi({ description: "ERP item id, or a retailer code such as vp:BH-LAV-08, bp:NW-778120, gtin:00081234501013" }),
    location: z.string().trim().max(80).optional(),
    from: IsoDate.optional().openapi({ description: "Periods ending on or after this date" }),
    to: IsoDate.optional().openapi({ description: "Periods starting on or before this date" }),
    measure: z.string().trim().min(1).max(20).optional().openapi({ description: "sold, on_hand, on_order, received, returned, or a kept qualifier such as 852:QT" }),
    format: z.enum(["json", "csv"]).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z.string().regex(/^\d{1,15}$/).optional(),
  })
  .strict();

const ActivityRowSchema = z
  .object({
    id: z.number().int(),
    partnerId: z.string(),
    documentId: z.string(),
    locationCode: z.string(),
    locationName: z.string().nullable(),
    itemCode: z.string(),
    erpItemId: z.string().nullable(),
    periodStart: z.string(),
    periodEnd: z.string(),
    measure: z.string(),
    quantity: z.number(),
    uom: z.string().nullable(),
  })
  .openapi("ActivityRow");

function filtersOf(q: z.infer<typeof ActivityQuery>): ActivityFilters {
  return { partnerId: q.partner, item: q.item, location: q.location, from: q.from, to: q.to, measure: q.measure };
}

const CSV_HEADER = ["partner", "location_code", "location_name", "item_code", "erp_item_id", "period_start", "period_end", "measure", "quantity", "uom", "document_id"];
function csvLine(r: ActivityRecord): string {
  return `${[r.partnerId, r.locationCode, r.locationName, r.itemCode, r.erpItemId, r.periodStart, r.periodEnd, r.measure, r.quantity, r.uom, r.documentId].map(csvCell).join(",")}\r\n`;
}

/** All matching rows as CSV, read 1,000 at a time while the client downloads (bounded memory). */
export function activityCsvStream(db: Db, tenantId: string, filters: ActivityFilters): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${CSV_HEADER.join(",")}\r\n`));
      }
      const page = await listActivity(db, tenantId, filters, { limit: 1000, afterId });
      if (page.length === 0) {
        controller.close();
        return;
      }
      afterId = page[page.length - 1]!.id;
      controller.enqueue(encoder.encode(page.map(csvLine).join("")));
    },
  });
}

activityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/activity",
    tags: ["Activity"],
    summary: "Activity from inbound 846/852 (one row per partner, location, item, period and measure), paged, or all of it as CSV (format=csv)",
    request: { params: TenantParams, query: ActivityQuery },
    responses: {
      200: {
        description: "A page of rows, or the CSV",
        content: { "application/json": { schema: z.object({ rows: z.array(ActivityRowSchema), nextCursor: z.string().nullable() }) }, "text/csv": { schema: z.string() } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const q = c.req.valid("query");
    const db = c.get("db");
    if (q.format === "csv") {
      return c.body(activityCsvStream(db, tenantId, filtersOf(q)), 200, { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="activity-${tenantId}.csv"` }) as never;
    }
    const limit = q.limit ?? 200;
    const rows = await listActivity(db, tenantId, filtersOf(q), { limit: limit + 1, afterId: q.cursor ? Number(q.cursor) : undefined });
    const page = rows.slice(0, limit);
    return c.json({ rows: page, nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null }, 200);
  },
);

const UnmappedSchema = z.object({ partnerId: z.string(), kind: z.enum(["item", "location"]), code: z.string(), rows: z.number().int() }).openapi("UnmappedCode");

activityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/activity/unmapped",
    tags: ["Activity"],
    summary: "Retailer item codes with no item mapping and location codes with no location mapping, with their row counts",
    request: { params: TenantParams, query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() }).strict() },
    responses: { 200: { description: "Unmapped codes", content: { "application/json": { schema: z.object({ unmapped: z.array(UnmappedSchema) }) } } }, ...errorResponses },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const unmapped = await listUnmapped(c.get("db"), tenantId, c.req.valid("query").limit ?? 500);
    return c.json({ unmapped }, 200);
  },
);

export const ItemSummarySchema = z
  .object({
    partnerId: z.string(),
    item: z.string(),
    mapped: z.boolean(),
    sold: z.number(),
    weeks: z.number(),
    soldPerWeek: z.number().nullable(),
    onHand: z.number().nullable(),
    onHandAsOf: z.string().nullable(),
    weeksOfSupply: z.number().nullable(),
    series: z.array(z.object({ periodStart: z.string(), periodEnd: z.string(), sold: z.number() })),
  })
  .openapi("ItemActivitySummary");

/** Most (partner, item, measure, period) totals read for one summary. */
export const SUMMARY_TOTALS_LIMIT = 20_000;

activityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/activity/summary",
    tags: ["Activity"],
    summary: "Per partner and item: units sold per week, the latest on hand, and weeks of supply at the current rate",
    request: { params: TenantParams, query: ActivityQuery.pick({ partner: true, item: true, location: true, from: true, to: true }) },
    responses: { 200: { description: "The summary", content: { "application/json": { schema: z.object({ items: z.array(ItemSummarySchema) }) } } }, ...errorResponses },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const q = c.req.valid("query");
    const totals = await periodTotals(c.get("db"), tenantId, { partnerId: q.partner, item: q.item, location: q.location, from: q.from, to: q.to }, SUMMARY_TOTALS_LIMIT);
    return c.json({ items: summarizeActivity(totals) }, 200);
  },
);

const LocationSchema = z
  .object({
    partnerId: Code.openapi({ example: "NWHALLNORTHWND" }),
    code: z.string().trim().min(1).max(80).openapi({ description: "The retailer's store or DC number", example: "0451" }),
    name: z.string().trim().min(1).max(200).openapi({ description: "The tenant's name for it", example: "Northwind DC Chicago" }),
  })
  .strict()
  .openapi("LocationMapping");

activityRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/tenants/{tenant}/locations",
    tags: ["Activity"],
    summary: "Upsert location mappings (retailer store/DC number → the tenant's name)",
    request: { params: TenantParams, body: { required: true, content: { "application/json": { schema: z.array(LocationSchema).min(1).max(5000) } } } },
    responses: { 200: { description: "Stored", content: { "application/json": { schema: z.object({ stored: z.number().int() }) } } }, ...errorResponses },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const stored = await upsertLocations(c.get("db"), tenantId, c.req.valid("json"), Date.now());
    return c.json({ stored }, 200);
  },
);

activityRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/locations",
    tags: ["Activity"],
    summary: "List location mappings",
    request: {
      params: TenantParams,
      query: z.object({ partner: Code.optional(), limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional() }).strict(),
    },
    responses: { 200: { description: "Location mappings", content: { "application/json": { schema: z.object({ locations: z.array(LocationSchema) }) } } }, ...errorResponses },
  }),
  async (c) => {
    const { tenant: tenantId } = c.req.valid("param");
    await tenantFor(c, tenantId);
    const q = c.req.valid("query");
    return c.json({ locations: await listLocations(c.get("db"), tenantId, { partnerId: q.partner, limit: q.limit ?? 500, offset: q.offset ?? 0 }) }, 200);
  },
);
