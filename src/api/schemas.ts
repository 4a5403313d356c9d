// Request and reply schemas of the HTTP API (docs/design.md, the HTTP contract). The same zod schemas validate
// requests and generate /v1/openapi.json.
import { z } from "@hono/zod-openapi";
import { connectionSpec, SYSTEMS, type ConnectionSystem } from "../connections/systems";
import { PartnerRulesSchema } from "../db/partners";
import { SlaSchema } from "../sla/rules";
import { ERP_KINDS } from "../erp/profiles";
import { SettingsAddressSchema, TenantSettingsSchema } from "../db/tenants";
import {
  DIRECTIONS,
  DOCUMENT_FORMATS,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  PARTNER_STATUSES,
  TENANT_STATUSES,
} from "../db/schema";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "invalid_request" }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi("Error");

export const TenantIdParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes, starting with a letter or digit")
  .openapi({ param: { name: "tenant", in: "path" }, example: "acme" });

export const TenantParams = z.object({ tenant: TenantIdParam });

export const CreateTenantBody = z
  .object({
    id: TenantIdParam.openapi({ example: "acme" }),
    name: z.string().trim().min(1).max(200).openapi({ example: "Acme Candles" }),
    erp: z.enum(ERP_KINDS),
    pollIntervalMinutes: z.number().int().min(1).max(1440).optional().openapi({ example: 5 }),
    documentFormat: z.enum(DOCUMENT_FORMATS).optional().openapi({ description: "Outbound RSX format (default xml)" }),
    gs1CompanyPrefix: z.string().regex(/^\d{6,11}$/).optional().openapi({ description: "GS1 company prefix used to generate SSCC-18 carton ids" }),
    shipFrom: SettingsAddressSchema.optional().openapi({ description: "The warehouse goods ship from (856 SF)" }),
    remitTo: SettingsAddressSchema.optional().openapi({ description: "Remit-to address (810 RI)" }),
    carrierScacByShipVia: TenantSettingsSchema.shape.carrierScacByShipVia.openapi({ description: "ERP ship-via code → carrier SCAC" }),
    sla: SlaSchema.optional().openapi({ description: "Default due-date rules of the tenant's partners (a partner's own sla wins per key)" }),
  })
  .strict()
  .openapi("CreateTenant");

export const UpdateTenantBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    pollIntervalMinutes: z.number().int().min(1).max(1440).optional(),
    documentFormat: z.enum(DOCUMENT_FORMATS).optional(),
    status: z.enum(TENANT_STATUSES).optional(),
    gs1CompanyPrefix: z.string().regex(/^\d{6,11}$/).optional(),
    shipFrom: SettingsAddressSchema.optional(),
    remitTo: SettingsAddressSchema.optional(),
    carrierScacByShipVia: TenantSettingsSchema.shape.carrierScacByShipVia,
    sla: SlaSchema.optional(),
  })
  .strict()
  .openapi("UpdateTenant");

export const TenantSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    erp: z.enum(ERP_KINDS),
    pollIntervalMinutes: z.number().int(),
    documentFormat: z.enum(DOCUMENT_FORMATS),
    status: z.enum(TENANT_STATUSES),
    gs1CompanyPrefix: z.string().nullable(),
    shipFrom: SettingsAddressSchema.nullable(),
    remitTo: SettingsAddressSchema.nullable(),
    carrierScacByShipVia: z.record(z.string(), z.string()),
    sla: z.record(z.string(), z.unknown()).openapi({ description: "Default due-date rules" }),
    nextPollAt: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Tenant");

export const TenantListSchema = z.object({ tenants: z.array(TenantSchema) }).openapi("TenantList");

export const ConnectionViewSchema = z
  .object({
    system: z.enum(SYSTEMS),
    settings: z.record(z.string(), z.unknown()).openapi({ description: "Non-secret settings" }),
    secretsSet: z.array(z.string()).openapi({ description: "Names of the secret fields stored (values are never returned)" }),
    status: z.enum(["unknown", "ok", "broken"]),
    statusMessage: z.string().nullable(),
    checkedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("Connection");

export const TenantDetailSchema = TenantSchema.extend({
  connections: z.array(ConnectionViewSchema),
  counts: z.record(z.string(), z.number().int()).openapi({ description: "Documents by status" }),
  partners: z.number().int(),
  itemMappings: z.number().int(),
}).openapi("TenantDetail");

/** The PUT body of each system's connection, named in the OpenAPI document (SpsConnection, …). */
export function connectionBody(system: ConnectionSystem): z.ZodType<Record<string, unknown>> {
  const spec = connectionSpec(system);
  return (spec.input as unknown as { openapi(name: string): z.ZodType<Record<string, unknown>> }).openapi(spec.openapiName);
}

export const SystemParams = z.object({
  tenant: TenantIdParam,
  system: z.enum(SYSTEMS).openapi({ param: { name: "system", in: "path" } }),
});

export const ConnectionTestSchema = z
  .object({
    ok: z.boolean(),
    checks: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
  })
  .openapi("ConnectionTest");

export const ReadinessSchema = z
  .object({
    ready: z.boolean().openapi({ description: "True only when every enabled flow is ready" }),
    flows: z.array(
      z.object({
        flow: z.enum(["850", "855", "856", "810"]).openapi({ description: "850 in; 855, 856, 810 out (855 only when a partner gets acknowledgments)" }),
        ready: z.boolean(),
        missing: z.array(
          z.object({
            code: z.string().openapi({ example: "tenant.ship_from" }),
            message: z.string().openapi({ example: "The tenant has no ship-from address (the 856's SF party)" }),
            fix: z.string().openapi({ example: "PATCH /v1/tenants/acme with shipFrom" }),
          }),
        ),
      }),
    ),
  })
  .openapi("Readiness");

export const PartnerIdParam = z
  .string()
  .min(1)
  .max(15)
  .regex(/^[A-Za-z0-9]+$/, "an SPS trading partner id: 1 to 15 letters or digits")
  .openapi({ param: { name: "partnerId", in: "path" }, example: "NWHALLNORTHWND" });

export const PartnerParams = z.object({ tenant: TenantIdParam, partnerId: PartnerIdParam });

export const PartnerBody = z
  .object({
    customerId: z.string().trim().min(1).max(60),
    customerLocationId: z.string().trim().min(1).max(60).optional(),
    legalEntity: z.string().trim().min(1).max(8).optional().openapi({ description: "The legal entity of the customer, for ERPs that have them (Dynamics: dataAreaId)" }),
    status: z.enum(PARTNER_STATUSES).optional(),
    rules: PartnerRulesSchema.optional(),
    sla: SlaSchema.optional().openapi({
      description:
        'Due dates (ISO 8601 durations, at least PT1M): {"855":{"within":"PT24H"},"856":{"within":"PT4H","beforeDelivery":true},"810":{"within":"P2D"},"ship":{"dates":["038","001"]},"warnBefore":"PT2H","calendar":{"excludeWeekends":true,"timeZone":"America/Chicago"},"fees":{"856":250}}; a kind set to null is off; unset keys come from the tenant\'s sla',
    }),
  })
  .strict()
  .openapi("PartnerInput");

export const PartnerSchema = z
  .object({
    partnerId: z.string(),
    customerId: z.string(),
    customerLocationId: z.string().nullable(),
    legalEntity: z.string().nullable(),
    status: z.enum(PARTNER_STATUSES),
    rules: z.record(z.string(), z.unknown()),
    sla: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Partner");

export const ItemRowSchema = z
  .object({
    partnerId: z.string().trim().max(15).optional(),
    legalEntity: z.string().trim().max(8).optional(),
    buyerPartNumber: z.string().trim().max(80).optional(),
    vendorPartNumber: z.string().trim().max(80).optional(),
    upc: z.string().trim().max(14).optional(),
    gtin: z.string().trim().max(14).optional(),
    erpItemId: z.string().trim().min(1).max(60),
    uom: z.string().trim().max(10).optional(),
    uomFactor: z.number().int().positive().max(100_000).optional(),
  })
  .strict()
  .openapi("ItemMappingInput");

export const ItemsReplySchema = z
  .object({
    upserted: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
    requeued: z.number().int().openapi({ description: "Documents waiting on a mapping that were re-queued" }),
  })
  .openapi("ItemsUpsertResult");

export const ItemMappingSchema = z
  .object({
    partnerId: z.string().nullable(),
    legalEntity: z.string().nullable(),
    kind: z.string(),
    value: z.string(),
    erpItemId: z.string(),
    uom: z.string().nullable(),
    uomFactor: z.number().nullable(),
  })
  .openapi("ItemMapping");

export const DocumentSchema = z
  .object({
    id: z.string(),
    direction: z.enum(DIRECTIONS),
    type: z.enum(DOCUMENT_TYPES),
    status: z.enum(DOCUMENT_STATUSES),
    statusDetail: z.array(z.string()),
    partnerId: z.string(),
    naturalKey: z.string(),
    erpReference: z.string().nullable(),
    spsPath: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Document");

export const AuditEventSchema = z
  .object({
    at: z.string(),
    stage: z.string(),
    outcome: z.string(),
    status: z.string().nullable(),
    actor: z.string(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("AuditEvent");

export const DocumentDetailSchema = DocumentSchema.extend({
  rawFormat: z.enum(DOCUMENT_FORMATS).nullable(),
  rawSize: z.number().int().nullable(),
  meta: z.record(z.string(), z.unknown()),
  audit: z.array(AuditEventSchema),
}).openapi("DocumentDetail");

export const DocumentListQuery = z.object({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  type: z.enum(DOCUMENT_TYPES).optional(),
  direction: z.enum(DIRECTIONS).optional(),
  partner: z.string().max(15).optional(),
  q: z.string().max(100).optional().openapi({ description: "Search in the natural key, ERP reference and SPS path" }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ example: 50 }),
});

export const DocumentListSchema = z
  .object({ documents: z.array(DocumentSchema), nextCursor: z.string().nullable() })
  .openapi("DocumentList");

export const DocumentParams = z.object({
  tenant: TenantIdParam,
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
});

export const ReplayBody = z
  .object({ force: z.boolean().optional().openapi({ description: "Required to replay a delivered document" }) })
  .strict()
  .openapi("Replay");

export const AcceptedSchema = z
  .object({ accepted: z.literal(true), documentId: z.string().optional(), streams: z.array(z.string()).optional(), status: z.string().optional() })
  .openapi("Accepted");
