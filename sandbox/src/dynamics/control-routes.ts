// Control routes of the F&O simulator, mounted under /__sandbox/dynamics (`:env` is the host in
// host mode, e.g. contoso.operations.dynamics.com, or the path-mode name, e.g. demo):
//   POST   /environments                          create or reset an environment
//   GET    /:env                                  settings and record counts
//   PATCH  /:env/settings                         paging, request-rate switch, cold start, apps, default company,
//                                                 navigationPosts, manualOrderNumbers
//   POST   /:env/restart                          "AOS restart": the next call is slow ({delayMs?})
//   GET    /:env/orders[?company=]                sales orders with their lines (all companies)
//   GET    /:env/orders/:company/:number          one order with its lines
//   POST   /:env/orders/:company/:number/confirm  {date?} confirmation journal + event
//   POST   /:env/orders/:company/:number/ship     {lines?, date?, carrier?, deliveryMode?, trackingNumbers?, weight?} packing slip + event
//   POST   /:env/orders/:company/:number/invoice  {date?, quantity?} invoice + event
//   GET    /:env/events                           the business-event outbox
//   DELETE /:env/events                           empty the outbox
//   PUT    /:env/on-hand                          {rows:[{dataAreaId, ItemNumber, InventoryWarehouseId, AvailableOnHandQuantity, OnHandQuantity?, InventorySiteId?}]}
import { Hono } from "hono";
import { z } from "zod";
import { ControlError, readJson } from "../control/control-errors";
import { entitySet } from "./entity-sets";
import { createEnvironment, EnvironmentConfigError, findEnvironment, type DynamicsEnvironment } from "./environments";
import { confirmOrder, invoiceOrder, shipOrder, type Outcome } from "./fulfilment";
import { linesOfOrder } from "./sales-orders";
import type { Row } from "./store";
import { str } from "./values";

const OnHandSchema = z
  .object({
    rows: z.array(
      z
        .object({ dataAreaId: z.string().min(1), ItemNumber: z.string().min(1), InventoryWarehouseId: z.string().min(1), InventorySiteId: z.string().optional(), AvailableOnHandQuantity: z.number(), OnHandQuantity: z.number().optional() })
        .strict(),
    ),
  })
  .strict();
const ColdStartSchema = z.object({ afterIdleSeconds: z.number().nonnegative(), delayMs: z.number().int().positive().max(120_000) }).strict();
const LegalEntitySchema = z.string().regex(/^[A-Za-z0-9]{1,4}$/, "a legal entity id (dataAreaId) has 1-4 letters or digits");

const CreateEnvironmentSchema = z
  .object({
    environment: z.string().min(1),
    tenant: z.string().min(1),
    clientIds: z.array(z.string().min(1)).min(1),
    legalEntities: z.array(LegalEntitySchema).min(1).optional(),
    defaultCompany: LegalEntitySchema.optional(),
    seed: z.enum(["demo", "empty"]).optional(),
    pageSize: z.number().int().positive().optional(),
    requestsPerMinute: z.number().int().positive().nullable().optional(),
    coldStart: ColdStartSchema.nullable().optional(),
    navigationPosts: z.boolean().optional(),
    manualOrderNumbers: z.boolean().optional(),
  })
  .strict();

const SettingsSchema = z
  .object({
    clientIds: z.array(z.string().min(1)).optional(),
    defaultCompany: LegalEntitySchema.optional(),
    pageSize: z.number().int().positive().optional(),
    requestsPerMinute: z.number().int().positive().nullable().optional(),
    coldStart: ColdStartSchema.nullable().optional(),
    /** Accept POST on a header's SalesOrderLines navigation (default refused). */
    navigationPosts: z.boolean().optional(),
    /** The sales order number sequence allows manual numbers (default no). */
    manualOrderNumbers: z.boolean().optional(),
  })
  .strict();

const RestartSchema = z.object({ delayMs: z.number().int().positive().max(120_000).optional() }).strict();
const DateSchema = z.string().min(1);

const ConfirmSchema = z.object({ date: DateSchema.optional() }).strict();
const ShipSchema = z
  .object({
    lines: z
      .array(
        z
          .object({ inventoryLotId: z.string().min(1).optional(), lineNumber: z.number().positive().optional(), quantity: z.number().positive() })
          .strict()
          .refine((l) => (l.inventoryLotId === undefined) !== (l.lineNumber === undefined), { message: "give inventoryLotId or lineNumber" }),
      )
      .min(1)
      .optional(),
    date: DateSchema.optional(),
    carrier: z.string().min(1).optional(),
    deliveryMode: z.string().min(1).optional(),
    trackingNumbers: z.array(z.string().min(1)).optional(),
    weight: z.number().nonnegative().optional(),
  })
  .strict();
const InvoiceSchema = z.object({ date: DateSchema.optional(), quantity: z.enum(["packingSlip", "all"]).optional() }).strict();

function environmentOf(key: string): DynamicsEnvironment {
  const found = findEnvironment(key);
  if (!found) throw new ControlError(404, `control: no F&O environment '${key}'`);
  return found;
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new ControlError(outcome.status, `control: ${outcome.message}`);
}

function summary(env: DynamicsEnvironment) {
  const count = (set: string) => env.store.all(set).length;
  return {
    environment: env.key,
    tenant: env.tenant,
    clientIds: env.clientIds,
    legalEntities: env.legalEntities,
    defaultCompany: env.defaultCompany,
    pageSize: env.pageSize,
    requestsPerMinute: env.requestsPerMinute,
    coldStart: env.coldStart,
    navigationPosts: env.navigationPosts,
    manualOrderNumbers: env.manualOrderNumbers,
    counts: {
      customers: count("CustomersV3"),
      releasedProducts: count("ReleasedProductsV2"),
      salesOrders: count("SalesOrderHeadersV2"),
      salesOrderLines: count("SalesOrderLines"),
      confirmations: count("SalesOrderConfirmationHeaders"),
      packingSlips: count("CustPackingSlipJourBiEntities"),
      invoices: count("SalesInvoiceHeadersV2"),
      events: env.events.length,
    },
  };
}

function orderWithLines(env: DynamicsEnvironment, header: Row) {
  const company = str(header.fields, "dataAreaId");
  return {
    ...header.fields,
    lines: linesOfOrder(env, company, str(header.fields, "SalesOrderNumber")).map((line) => ({
      ...line.fields,
      postedQuantities: { ...env.store.postings(str(line.fields, "InventoryLotId")) },
    })),
  };
}

function orderOf(env: DynamicsEnvironment, company: string, number: string): Row {
  const header = env.store.get(entitySet("SalesOrderHeadersV2"), [company.toLowerCase(), number]);
  if (!header) throw new ControlError(404, `control: no sales order ${company}/${number}`);
  return header;
}

export const dynamicsControlRoutes = new Hono()
  .post("/environments", async (c) => {
    const body = await readJson(c, CreateEnvironmentSchema);
    try {
      return c.json(summary(createEnvironment(body)), 201);
    } catch (error) {
      if (error instanceof EnvironmentConfigError) throw new ControlError(400, `control: ${error.message}`);
      throw error;
    }
  })
  .get("/:env", (c) => c.json(summary(environmentOf(c.req.param("env")))))
  .patch("/:env/settings", async (c) => {
    const env = environmentOf(c.req.param("env"));
    const body = await readJson(c, SettingsSchema);
    if (body.defaultCompany !== undefined) {
      const company = body.defaultCompany.toLowerCase();
      if (!env.legalEntities.includes(company)) throw new ControlError(400, `control: '${company}' is not a legal entity of ${env.key}`);
      env.defaultCompany = company;
    }
    if (body.clientIds !== undefined) env.clientIds = body.clientIds.map((id) => id.toLowerCase());
    if (body.pageSize !== undefined) env.pageSize = body.pageSize;
    if (body.requestsPerMinute !== undefined) {
      env.requestsPerMinute = body.requestsPerMinute;
      env.requestTimes = [];
    }
    if (body.coldStart !== undefined) env.coldStart = body.coldStart;
    if (body.navigationPosts !== undefined) env.navigationPosts = body.navigationPosts;
    if (body.manualOrderNumbers !== undefined) env.manualOrderNumbers = body.manualOrderNumbers;
    return c.json(summary(env));
  })
  .post("/:env/restart", async (c) => {
    const env = environmentOf(c.req.param("env"));
    const body = await readJson(c, RestartSchema);
    const delayMs = body.delayMs ?? env.coldStart?.delayMs;
    if (delayMs === undefined) throw new ControlError(400, "control: give delayMs, or configure coldStart on the environment");
    env.restartDelayMs = delayMs;
    env.warmingUntil = 0;
    return c.json({ environment: env.key, nextCallDelayMs: delayMs });
  })
  .get("/:env/orders", (c) => {
    const env = environmentOf(c.req.param("env"));
    const company = c.req.query("company")?.toLowerCase();
    const headers = env.store.all("SalesOrderHeadersV2").filter((row) => company === undefined || str(row.fields, "dataAreaId") === company);
    return c.json({ orders: headers.map((header) => orderWithLines(env, header)) });
  })
  .get("/:env/orders/:company/:number", (c) => {
    const env = environmentOf(c.req.param("env"));
    return c.json(orderWithLines(env, orderOf(env, c.req.param("company"), c.req.param("number"))));
  })
  .post("/:env/orders/:company/:number/confirm", async (c) => {
    const env = environmentOf(c.req.param("env"));
    const body = await readJson(c, ConfirmSchema);
    const header = orderOf(env, c.req.param("company"), c.req.param("number"));
    const posted = unwrap(confirmOrder(env, str(header.fields, "dataAreaId"), str(header.fields, "SalesOrderNumber"), body, Date.now()));
    return c.json({ confirmation: { header: posted.header, lines: posted.lines }, event: posted.event }, 201);
  })
  .post("/:env/orders/:company/:number/ship", async (c) => {
    const env = environmentOf(c.req.param("env"));
    const body = await readJson(c, ShipSchema);
    const header = orderOf(env, c.req.param("company"), c.req.param("number"));
    const posted = unwrap(shipOrder(env, str(header.fields, "dataAreaId"), str(header.fields, "SalesOrderNumber"), body, Date.now()));
    return c.json({ packingSlip: { header: posted.header, lines: posted.lines, tracking: posted.tracking }, event: posted.event }, 201);
  })
  .post("/:env/orders/:company/:number/invoice", async (c) => {
    const env = environmentOf(c.req.param("env"));
    const body = await readJson(c, InvoiceSchema);
    const header = orderOf(env, c.req.param("company"), c.req.param("number"));
    const posted = unwrap(invoiceOrder(env, str(header.fields, "dataAreaId"), str(header.fields, "SalesOrderNumber"), body, Date.now()));
    return c.json({ invoice: { header: posted.header, lines: posted.lines }, event: posted.event }, 201);
  })
  .get("/:env/events", (c) => c.json({ events: environmentOf(c.req.param("env")).events }))
  .delete("/:env/events", async (c) => {
    await c.req.text();
    const env = environmentOf(c.req.param("env"));
    const cleared = env.events.length;
    env.events = [];
    return c.json({ cleared });
  })
  .put("/:env/on-hand", async (c) => {
    const env = environmentOf(c.req.param("env"));
    const body = await readJson(c, OnHandSchema);
    const def = entitySet("WarehousesOnHand");
    for (const r of body.rows) {
      const fields = { ...r, dataAreaId: r.dataAreaId.toLowerCase(), InventorySiteId: r.InventorySiteId ?? "1", OnHandQuantity: r.OnHandQuantity ?? r.AvailableOnHandQuantity };
      const existing = env.store.get(def, def.keys.map((k) => (fields as Record<string, unknown>)[k] ?? "") as never);
      if (existing) env.store.update(existing, fields);
      else env.store.insert(def, fields);
    }
    return c.json({ rows: body.rows.length });
  });
