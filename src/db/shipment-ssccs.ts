// The SSCC-18s of a shipment's cartons, reserved once and shared by the 856 and the carton labels
// (issue 18): whichever asks first draws serials from the tenant's counter; every later caller (the
// 856 build, a label print, a reprint) gets the same numbers. The upsert keeps entries already
// written (json_patch with the stored map applied last), so two concurrent callers end with one map.
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "./client";
import { readJson } from "./json-column";
import type { DocumentRow } from "./documents";
import { auditEvents, documents, shipmentSsccs } from "./schema";
import { reserveSsccSerials } from "./sscc-serials";

const SsccMap = z.record(z.string(), z.string());
export type SsccMap = z.infer<typeof SsccMap>;

export async function reservedSsccs(db: Db, tenantId: string, shipmentNbr: string): Promise<SsccMap> {
  const row = await db
    .select({ ssccs: shipmentSsccs.ssccs })
    .from(shipmentSsccs)
    .where(and(eq(shipmentSsccs.tenantId, tenantId), eq(shipmentSsccs.shipmentNbr, shipmentNbr)))
    .get();
  return readJson(SsccMap, row?.ssccs, {});
}

export interface ShipmentSsccRequest {
  tenantId: string;
  shipmentNbr: string;
  /** Carton and pallet ids the packing asks an SSCC for (flows/outbound-ship-notice.ts ssccRequests). */
  requested: string[];
  /** Numbers already sent for this shipment (an 856's meta.ssccs): kept as they are. */
  known?: SsccMap | undefined;
  /** Makes the SSCC-18 of a serial drawn from the tenant's counter; undefined when the tenant has no GS1 prefix. */
  makeSscc?: ((serial: number) => string) | undefined;
}

export type ShipmentSsccResult = { ok: true; ssccs: SsccMap; drawn: string[]; fromReservation: string[] } | { ok: false; missing: string[] };

/**
 * Every requested id's SSCC: what is known or reserved, and new serials for the rest (stored before
 * they are returned). Without `makeSscc`, ids nobody has reserved come back as `missing`.
 */
export async function ensureShipmentSsccs(db: Db, req: ShipmentSsccRequest, nowMs: number): Promise<ShipmentSsccResult> {
  const reserved = await reservedSsccs(db, req.tenantId, req.shipmentNbr);
  const known = req.known ?? {};
  // What an 856 already sent wins: the cartons on the dock were announced with it.
  const merged: SsccMap = { ...reserved, ...known };
  const fromReservation = req.requested.filter((id) => reserved[id] !== undefined && known[id] === undefined);
  const missing = [...new Set(req.requested.filter((id) => merged[id] === undefined))];
  const unstored = Object.keys(known).some((id) => reserved[id] === undefined);
  if (missing.length === 0 && !unstored) return { ok: true, ssccs: merged, drawn: [], fromReservation };
  if (missing.length > 0 && !req.makeSscc) return { ok: false, missing };
  const fresh: SsccMap = {};
  if (missing.length > 0) {
    const first = await reserveSsccSerials(db, req.tenantId, missing.length);
    missing.forEach((id, i) => (fresh[id] = req.makeSscc!(first + i)));
  }
  const proposed = JSON.stringify({ ...known, ...fresh });
  const row = await db
    .insert(shipmentSsccs)
    .values({ tenantId: req.tenantId, shipmentNbr: req.shipmentNbr, ssccs: proposed, createdAt: nowMs, updatedAt: nowMs })
    .onConflictDoUpdate({
      target: [shipmentSsccs.tenantId, shipmentSsccs.shipmentNbr],
      // The stored map is the patch: an entry another caller wrote first wins over ours.
      set: { ssccs: sql`json_patch(excluded.ssccs, ${shipmentSsccs.ssccs})`, updatedAt: nowMs },
    })
    .returning({ ssccs: shipmentSsccs.ssccs })
    .get();
  const stored = { ...readJson(SsccMap, row.ssccs, {}), ...known };
  const drawn = missing.filter((id) => stored[id] === fresh[id]);
  return { ok: true, ssccs: stored, drawn, fromReservation };
}

/**
 * Where label prints of a shipment whose 856 document does not exist yet are audited; the 856 takes
 * those events onto its own trail when it takes the reserved SSCCs (adoptShipmentAudit).
 */
export const pendingShipmentAuditId = (shipmentNbr: string) => `shipment:${shipmentNbr}`;

/** Moves a shipment's pending audit events (label prints before its 856 existed) onto the 856 document. */
export function adoptShipmentAudit(db: Db, tenantId: string, shipmentNbr: string, documentId: string) {
  return db
    .update(auditEvents)
    .set({ documentId })
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.documentId, pendingShipmentAuditId(shipmentNbr))));
}

/** The 856 documents of an ERP shipment (one per trading partner at most; newest first). */
export async function shipNoticeDocuments(db: Db, tenantId: string, shipmentNbr: string): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.tenantId, tenantId), eq(documents.type, "856"), eq(documents.direction, "outbound"), eq(documents.naturalKey, shipmentNbr)))
    .orderBy(desc(documents.createdAt))
    .all();
}
