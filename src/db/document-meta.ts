// What documents.meta holds, per document kind, validated when read back from D1: an 850 keeps the
// ERP orders made from it, an 856/810 the ERP record it came from (and the SSCCs and fingerprint of
// what was sent), an 855 the 850 it answers. Unknown keys pass through (older rows, audit extras).
import { z } from "zod";
import { ConnectorError } from "../lib/errors";
import type { DocumentRow } from "./documents";
import { metaOf } from "./documents";

const CreatedOrderLine = z.object({
  lineRef: z.string(),
  lineNbr: z.number().optional(),
  itemId: z.string(),
  qty: z.number(),
  uom: z.string().optional(),
  unitPrice: z.number().optional(),
});

/** One ERP order made from (or linked to) an 850, keyed by order key in `orders`; flows/order-links.ts documents it. */
export const CreatedOrderSchema = z
  .object({
    reference: z.string(),
    orderType: z.string().optional(),
    shipToLocation: z.string().optional(),
    linked: z.boolean(),
    lines: z.array(CreatedOrderLine),
  })
  .loose();

export const OrderMetaSchema = z
  .object({
    /** Which document of a multi-document file this row is. */
    documentIndex: z.number().int().nonnegative().optional(),
    orders: z.record(z.string(), CreatedOrderSchema).optional(),
  })
  .loose();

/** Where the ERP record of an outbound document lives (the keys its adapter reads it back by). */
const ErpRecordRef = z
  .object({
    shipmentNbr: z.string().optional(),
    invoiceNbr: z.string().optional(),
    /** Acumatica shipment type / F&O legal entity of a shipment. */
    scope: z.string().optional(),
    legalEntity: z.string().optional(),
    /** Acumatica invoice type / F&O legal entity of an invoice. */
    invoiceType: z.string().optional(),
    confirmationNbr: z.string().optional(),
    orderNbr: z.string().optional(),
  })
  .loose();

export const OutboundMetaSchema = z
  .object({
    erp: ErpRecordRef.optional(),
    /** Carton id → SSCC-18, kept so a rebuild sends the numbers the labels carry. */
    ssccs: z.record(z.string(), z.string()).optional(),
    fingerprint: z.string().optional(),
    changedFingerprint: z.string().optional(),
    /** For an 855: the 850 it acknowledges. */
    sourceDocumentId: z.string().optional(),
    revision: z.number().int().optional(),
  })
  .loose();

export type OrderMeta = z.infer<typeof OrderMetaSchema>;
export type OutboundMeta = z.infer<typeof OutboundMetaSchema>;

function parsed<T>(schema: z.ZodType<T>, doc: Pick<DocumentRow, "id" | "meta">): T {
  const result = schema.safeParse(metaOf(doc));
  if (result.success) return result.data;
  const where = result.error.issues.map((i) => `${i.path.join(".") || "meta"}: ${i.message}`).join("; ");
  throw new ConnectorError("internal", `Document ${doc.id} has meta the connector cannot read (${where})`);
}

/** The meta of an inbound 850. */
export function orderMetaOf(doc: Pick<DocumentRow, "id" | "meta">): OrderMeta {
  return parsed(OrderMetaSchema, doc);
}

/** The meta of an outbound 856, 810 or 855. */
export function outboundMetaOf(doc: Pick<DocumentRow, "id" | "meta">): OutboundMeta {
  return parsed(OutboundMetaSchema, doc);
}
