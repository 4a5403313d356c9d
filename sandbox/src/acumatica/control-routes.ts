// Control routes of the Acumatica simulator, mounted under /__sandbox/acumatica:
//   POST  /instances                                   create or reset an instance
//   GET   /:instance                                   settings and record counts
//   PATCH /:instance/settings                          token lifetimes, licence limits, versions
//   POST  /:instance/tokens/expire                     {refreshTokens?} expire tokens now
//   GET   /:instance/orders[/:type/:nbr]               sales orders with lines (values unwrapped)
//   PATCH /:instance/orders/:type/:nbr                 {fields?, lastModified?} edit / backdate
//   POST  /:instance/orders/:type/:nbr/ship            ship (a Confirmed shipment by default)
//   POST  /:instance/orders/:type/:nbr/invoice         invoice every confirmed, uninvoiced shipment
//   GET   /:instance/shipments[/:nbr]                  shipments with details, packages, orders
//   PATCH /:instance/shipments/:nbr                    {fields?, packages?, lastModified?}
//   POST  /:instance/shipments/:nbr/invoice            {freight?, release?, date?}
//   GET   /:instance/invoices[/:type/:nbr]             sales invoices with lines
//   PATCH /:instance/invoices/:type/:nbr               {fields?, lastModified?}
//   POST  /:instance/invoices/:type/:nbr/release       Balanced → Open
//   PUT   /:instance/inventory                         {levels:[{InventoryID, WarehouseID, QtyOnHand, QtyAvailable, QtyAvailableForShipment?}]}
import { Hono } from "hono";
import { z } from "zod";
import { ControlError, readJson } from "../control/control-errors";
import type { EntityName } from "./entities";
import { invoiceShipments, releaseInvoice } from "./invoicing";
import type { Outcome } from "./outcome";
import { patchRecord } from "./record-edits";
import { shipOrder } from "./shipping";
import { setInventoryLevels } from "./inventory-inquiry";
import { createInstance, expireInstanceTokens, findInstance, type AcumaticaInstance } from "./instances";
import { getString, plainRecord, type StoredRecord } from "./records";
import { SHIPMENT_STATUS } from "./unconfirmed";

const InventoryLevelsSchema = z
  .object({
    levels: z.array(
      z.object({ InventoryID: z.string().min(1), WarehouseID: z.string().min(1), QtyOnHand: z.number(), QtyAvailable: z.number(), QtyAvailableForShipment: z.number().optional() }).strict(),
    ),
  })
  .strict();
const VersionSchema = z.string().regex(/^\d+\.\d+\.\d+$/, "an endpoint version like 24.200.001");
const LimitSchema = z.number().int().positive().nullable();

const CreateInstanceSchema = z
  .object({
    instance: z.string().min(1),
    pathPrefix: z.string().optional(),
    tenant: z.string().min(1),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    users: z.array(z.object({ username: z.string().min(1), password: z.string().min(1) }).strict()).min(1),
    versions: z.array(VersionSchema).min(1).optional(),
    tokenTtlSeconds: z.number().int().positive().optional(),
    refreshTokenTtlSeconds: z.number().int().positive().optional(),
    requestsPerMinute: LimitSchema.optional(),
    maxConcurrent: LimitSchema.optional(),
    retryAfterOnLimit: z.boolean().optional(),
    seed: z.enum(["demo", "empty"]).optional(),
  })
  .strict();

const SettingsSchema = z
  .object({
    tokenTtlSeconds: z.number().int().positive().optional(),
    refreshTokenTtlSeconds: z.number().int().positive().optional(),
    requestsPerMinute: LimitSchema.optional(),
    maxConcurrent: LimitSchema.optional(),
    retryAfterOnLimit: z.boolean().optional(),
    versions: z.array(VersionSchema).min(1).optional(),
  })
  .strict();

const ExpireSchema = z.object({ refreshTokens: z.boolean().default(false) }).strict();

const LineQtySchema = z.object({ lineNbr: z.number().int().positive(), qty: z.number().positive() }).strict();

const ShipSchema = z
  .object({
    lines: z.array(LineQtySchema).min(1).optional(),
    packages: z
      .array(
        z
          .object({
            trackingNbr: z.string().min(1).optional(),
            weight: z.number().positive().optional(),
            boxId: z.string().min(1).optional(),
            customRefNbr1: z.string().min(1).optional(),
            contents: z.array(LineQtySchema).min(1),
          })
          .strict(),
      )
      .min(1)
      .optional(),
    shipVia: z.string().min(1).optional(),
    status: z.enum([SHIPMENT_STATUS.open, SHIPMENT_STATUS.confirmed]).optional(),
    shipmentDate: z.string().optional(),
  })
  .strict();

const InvoiceSchema = z
  .object({
    freight: z.number().nonnegative().optional(),
    release: z.boolean().optional(),
    date: z.string().optional(),
  })
  .strict();

const ScalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const PatchSchema = z
  .object({
    fields: z.record(z.string(), ScalarSchema).optional(),
    packages: z.array(z.object({ lineNbr: z.number().int().positive(), fields: z.record(z.string(), ScalarSchema) }).strict()).optional(),
    lastModified: z.string().optional(),
  })
  .strict()
  .refine((p) => p.fields !== undefined || p.packages !== undefined || p.lastModified !== undefined, {
    message: "give fields, packages or lastModified",
  });

function instanceOf(key: string): AcumaticaInstance {
  const found = findInstance(key);
  if (!found) throw new ControlError(404, `control: no Acumatica instance '${key}'`);
  return found;
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new ControlError(outcome.status === 404 ? 404 : outcome.status === 409 ? 409 : 400, `control: ${outcome.message}`);
}

function found(record: StoredRecord | undefined, what: string): StoredRecord {
  if (!record) throw new ControlError(404, `control: ${what} not found`);
  return record;
}

function summary(instance: AcumaticaInstance) {
  const count = (entity: EntityName) => instance.store.all(entity).length;
  return {
    instance: instance.key,
    pathPrefix: instance.pathPrefix,
    tenant: instance.tenant,
    clientId: `${instance.clientId}@${instance.tenant}`,
    users: [...instance.users.keys()],
    versions: instance.versions,
    tokenTtlSeconds: instance.tokenTtlSeconds,
    refreshTokenTtlSeconds: instance.refreshTokenTtlSeconds,
    limits: instance.limits,
    counts: {
      customers: count("Customer"),
      customerLocations: count("CustomerLocation"),
      stockItems: count("StockItem"),
      salesOrders: count("SalesOrder"),
      shipments: count("Shipment"),
      salesInvoices: count("SalesInvoice"),
    },
  };
}

export const acumaticaControlRoutes = new Hono()
  .post("/instances", async (c) => c.json(summary(createInstance(await readJson(c, CreateInstanceSchema))), 201))
  .get("/:instance", (c) => c.json(summary(instanceOf(c.req.param("instance")))))
  .patch("/:instance/settings", async (c) => {
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, SettingsSchema);
    if (body.tokenTtlSeconds !== undefined) instance.tokenTtlSeconds = body.tokenTtlSeconds;
    if (body.refreshTokenTtlSeconds !== undefined) instance.refreshTokenTtlSeconds = body.refreshTokenTtlSeconds;
    if (body.requestsPerMinute !== undefined) instance.limits.requestsPerMinute = body.requestsPerMinute;
    if (body.maxConcurrent !== undefined) instance.limits.maxConcurrent = body.maxConcurrent;
    if (body.retryAfterOnLimit !== undefined) instance.limits.retryAfterOnLimit = body.retryAfterOnLimit;
    if (body.versions !== undefined) instance.versions = body.versions;
    // New limits start from a clean window.
    instance.licence.acceptedAt = [];
    return c.json(summary(instance));
  })
  .post("/:instance/tokens/expire", async (c) => {
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, ExpireSchema);
    return c.json({ expired: expireInstanceTokens(instance, body.refreshTokens) });
  })
  .get("/:instance/orders", (c) => c.json({ orders: instanceOf(c.req.param("instance")).store.all("SalesOrder").map(plainRecord) }))
  .get("/:instance/orders/:type/:nbr", (c) => {
    const { type, nbr } = c.req.param();
    return c.json(plainRecord(found(instanceOf(c.req.param("instance")).store.get("SalesOrder", [type, nbr]), `sales order ${type} ${nbr}`)));
  })
  .patch("/:instance/orders/:type/:nbr", async (c) => {
    const { type, nbr } = c.req.param();
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, PatchSchema);
    return c.json(plainRecord(unwrap(patchRecord(instance.store, "SalesOrder", [type, nbr], body, Date.now()))));
  })
  .post("/:instance/orders/:type/:nbr/ship", async (c) => {
    const { type, nbr } = c.req.param();
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, ShipSchema);
    return c.json({ shipment: plainRecord(unwrap(shipOrder(instance.store, type, nbr, body, Date.now()))) }, 201);
  })
  .post("/:instance/orders/:type/:nbr/invoice", async (c) => {
    const { type, nbr } = c.req.param();
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, InvoiceSchema);
    const order = found(instance.store.get("SalesOrder", [type, nbr]), `sales order ${type} ${nbr}`);
    const shipments = (order.details.Shipments ?? [])
      .map((row) => instance.store.get("Shipment", [getString(row, "ShipmentNbr")]))
      .filter((s): s is StoredRecord => s !== undefined)
      .filter((s) => getString(s, "Status") === SHIPMENT_STATUS.confirmed && (s.details.Orders ?? []).every((o) => getString(o, "InvoiceNbr") === ""));
    return c.json({ invoice: plainRecord(unwrap(invoiceShipments(instance.store, shipments, body, Date.now()))) }, 201);
  })
  .get("/:instance/shipments", (c) => c.json({ shipments: instanceOf(c.req.param("instance")).store.all("Shipment").map(plainRecord) }))
  .get("/:instance/shipments/:nbr", (c) => {
    const nbr = c.req.param("nbr");
    return c.json(plainRecord(found(instanceOf(c.req.param("instance")).store.get("Shipment", [nbr]), `shipment ${nbr}`)));
  })
  .patch("/:instance/shipments/:nbr", async (c) => {
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, PatchSchema);
    return c.json(plainRecord(unwrap(patchRecord(instance.store, "Shipment", [c.req.param("nbr")], body, Date.now()))));
  })
  .post("/:instance/shipments/:nbr/invoice", async (c) => {
    const nbr = c.req.param("nbr");
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, InvoiceSchema);
    const shipment = found(instance.store.get("Shipment", [nbr]), `shipment ${nbr}`);
    return c.json({ invoice: plainRecord(unwrap(invoiceShipments(instance.store, [shipment], body, Date.now()))) }, 201);
  })
  .get("/:instance/invoices", (c) => c.json({ invoices: instanceOf(c.req.param("instance")).store.all("SalesInvoice").map(plainRecord) }))
  .get("/:instance/invoices/:type/:nbr", (c) => {
    const { type, nbr } = c.req.param();
    return c.json(plainRecord(found(instanceOf(c.req.param("instance")).store.get("SalesInvoice", [type, nbr]), `sales invoice ${type} ${nbr}`)));
  })
  .patch("/:instance/invoices/:type/:nbr", async (c) => {
    const { type, nbr } = c.req.param();
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, PatchSchema);
    return c.json(plainRecord(unwrap(patchRecord(instance.store, "SalesInvoice", [type, nbr], body, Date.now()))));
  })
  .post("/:instance/invoices/:type/:nbr/release", async (c) => {
    const { type, nbr } = c.req.param();
    await c.req.text();
    const instance = instanceOf(c.req.param("instance"));
    return c.json({ invoice: plainRecord(unwrap(releaseInvoice(instance.store, type, nbr, Date.now()))) });
  })
  .put("/:instance/inventory", async (c) => {
    const instance = instanceOf(c.req.param("instance"));
    const body = await readJson(c, InventoryLevelsSchema);
    setInventoryLevels(instance, body.levels.map((l) => ({ ...l, QtyAvailableForShipment: l.QtyAvailableForShipment ?? l.QtyAvailable })));
    return c.json({ levels: body.levels.length });
  });
