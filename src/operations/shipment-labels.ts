// Carton labels of an ERP shipment, for the API and the console: the shipment is read from the ERP
// and packed by the 856's own mapping (shipNoticeInputFrom), with the SSCCs of the shipment's one
// reservation (db/shipment-ssccs.ts), so the labels carry exactly the 856's numbers, before the 856
// is built, after it, and on every reprint. Each print is audited on the 856's trail.
import { auditInsert } from "../db/audit";
import type { Db } from "../db/client";
import { loadConnection } from "../db/connections";
import { outboundMetaOf } from "../db/document-meta";
import { getPartner } from "../db/partners";
import { ensureShipmentSsccs, pendingShipmentAuditId, shipNoticeDocuments } from "../db/shipment-ssccs";
import type { Tenant } from "../db/tenants";
import type { Env } from "../env";
import { createErpAdapter } from "../clients/factory";
import { shipNoticeInputFrom, ssccRequests } from "../flows/outbound-ship-notice";
import { cartonLabelsOf, type CartonLabel } from "../labels/carton-labels";
import { resolveLabelProfile } from "../labels/label-profile";
import { labelsPdf, pdfMeasure, type PdfLayout } from "../labels/label-pdf";
import { labelsZpl } from "../labels/label-zpl";
import { ConnectorError } from "../lib/errors";
import { err, ok, type Result } from "../lib/result";
import { orderLinksFor, shipNoticeSourceOf, ssccMaker } from "../queues/outbound";

export type LabelFormat = "zpl" | "pdf";

export interface PrintedLabels {
  body: Uint8Array;
  contentType: string;
  fileName: string;
  labels: CartonLabel[];
  /** The 856 document whose trail holds the print, when the 856 exists. */
  documentId: string | undefined;
}

export type LabelsFailure =
  | { kind: "not_found"; message: string }
  /** The shipment exists but no label can be made from it (not from an SPS order, packing the 856 would refuse, profile). */
  | { kind: "unbuildable"; message: string; reasons: string[] };

const unbuildable = (shipmentNbr: string, reasons: string[]): LabelsFailure => ({
  kind: "unbuildable",
  message: `No labels for shipment ${shipmentNbr}: ${reasons.join(" ")}`,
  reasons,
});

export async function printShipmentLabels(
  env: Env,
  db: Db,
  tenant: Tenant,
  shipmentNbr: string,
  opts: { format: LabelFormat; layout: PdfLayout; actor: string; now: Date },
): Promise<Result<PrintedLabels, LabelsFailure>> {
  const [doc] = await shipNoticeDocuments(db, tenant.id, shipmentNbr);
  const connection = await loadConnection(db, env, tenant.id, tenant.erp);
  const adapter = createErpAdapter(env, tenant, connection);
  const erp = doc ? (outboundMetaOf(doc).erp ?? {}) : {};
  const shipment = await adapter.getShipment(shipmentNbr, erp.scope ?? erp.legalEntity);
  if (!shipment) return err({ kind: "not_found", message: `No shipment or packing slip ${shipmentNbr} in the tenant's ERP` });

  let orders;
  try {
    orders = await orderLinksFor(db, tenant.id, [...shipment.orders, ...shipment.lines]);
  } catch (e) {
    if (e instanceof ConnectorError && e.kind === "invalid") return err(unbuildable(shipmentNbr, e.reasons.length > 0 ? e.reasons : [e.message]));
    throw e;
  }
  const partnerId = doc?.partnerId ?? orders[0]!.order.header.tradingPartnerId;
  const partner = await getPartner(db, tenant.id, partnerId);
  if (!partner) return err(unbuildable(shipmentNbr, [`Trading partner ${partnerId} is not mapped; PUT /v1/tenants/${tenant.id}/partners/${partnerId}`]));

  const source = shipNoticeSourceOf(tenant, shipment, orders, partner);
  const reserved = await ensureShipmentSsccs(
    db,
    { tenantId: tenant.id, shipmentNbr, requested: ssccRequests(source), known: doc ? outboundMetaOf(doc).ssccs : undefined, makeSscc: ssccMaker(tenant) },
    opts.now.getTime(),
  );
  if (!reserved.ok) return err(unbuildable(shipmentNbr, [`Cartons need SSCC-18 numbers and the ERP has none; set the tenant's gs1CompanyPrefix (PATCH /v1/tenants/${tenant.id})`]));
  const notice = shipNoticeInputFrom({ ...source, ssccFor: (id) => reserved.ssccs[id]! });
  if (!notice.ok) return err(unbuildable(shipmentNbr, notice.error.reasons));
  const labels = cartonLabelsOf({ notice: notice.value, profile: resolveLabelProfile(partner.rules.labels) });
  if (!labels.ok) return err(unbuildable(shipmentNbr, labels.error.reasons));

  const companyPrefix = tenant.settings.gs1CompanyPrefix;
  const safeName = shipmentNbr.replace(/[^A-Za-z0-9._-]/g, "_");
  const body =
    opts.format === "pdf"
      ? await labelsPdf(labels.value, { layout: opts.layout, title: `Carton labels, shipment ${shipmentNbr}`, companyPrefix, now: opts.now })
      : new TextEncoder().encode(labelsZpl(labels.value, { measure: await pdfMeasure(), companyPrefix }));
  await auditInsert(
    db,
    tenant.id,
    doc?.id ?? pendingShipmentAuditId(shipmentNbr),
    {
      stage: "labels_printed",
      outcome: "info",
      actor: opts.actor,
      detail: {
        shipment: shipmentNbr,
        format: opts.format,
        ...(opts.format === "pdf" ? { layout: opts.layout } : {}),
        labels: labels.value.length,
        ssccs: labels.value.map((l) => l.sscc),
        // A reprint draws nothing: every carton already had its number.
        newSsccs: reserved.drawn.length,
      },
    },
    opts.now.getTime(),
  );
  return ok({
    body,
    contentType: opts.format === "pdf" ? "application/pdf" : "application/zpl; charset=utf-8",
    fileName: `labels-${safeName}.${opts.format}`,
    labels: labels.value,
    documentId: doc?.id,
  });
}
