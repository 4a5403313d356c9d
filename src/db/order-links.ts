// ERP sales order → the 850 document it came from, so a shipment or invoice can be traced back.
// Order numbers are unique only within their order type (Acumatica) or legal entity (D365), so
// the link is keyed by both.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { orderLinks } from "./schema";

/** An ERP order as shipments and invoices name it. */
export interface OrderRef {
  orderType?: string | undefined;
  orderNbr: string;
}

export interface OrderLink {
  orderType: string;
  erpOrderNbr: string;
  documentId: string;
  orderKey: string;
  partnerId: string;
}

const normalType = (t: string | undefined) => (t ?? "").trim().toLowerCase();

/** The map key of a reference: "type|number". */
export function orderRefKey(ref: OrderRef): string {
  return `${normalType(ref.orderType)}|${ref.orderNbr}`;
}

/** The upsert of one link (for use in the batch that records the created order on its document). */
export function orderLinkUpsert(db: Db, tenantId: string, link: OrderLink, nowMs: number) {
  const values = { ...link, orderType: normalType(link.orderType) };
  return db
    .insert(orderLinks)
    .values({ tenantId, ...values, createdAt: nowMs })
    .onConflictDoUpdate({
      target: [orderLinks.tenantId, orderLinks.orderType, orderLinks.erpOrderNbr],
      set: { documentId: values.documentId, orderKey: values.orderKey, partnerId: values.partnerId },
    });
}

/**
 * The links of the given orders, by orderRefKey. A reference without a type matches a link of any
 * type only when exactly one exists for that number.
 */
export async function findOrderLinks(db: Db, tenantId: string, refs: OrderRef[]): Promise<Map<string, OrderLink>> {
  const out = new Map<string, OrderLink>();
  const numbers = [...new Set(refs.map((r) => r.orderNbr))];
  const found: OrderLink[] = [];
  for (let i = 0; i < numbers.length; i += 80) {
    const rows = await db
      .select()
      .from(orderLinks)
      .where(and(eq(orderLinks.tenantId, tenantId), inArray(orderLinks.erpOrderNbr, numbers.slice(i, i + 80))))
      .all();
    for (const r of rows) found.push({ orderType: r.orderType, erpOrderNbr: r.erpOrderNbr, documentId: r.documentId, orderKey: r.orderKey, partnerId: r.partnerId });
  }
  for (const ref of refs) {
    const type = normalType(ref.orderType);
    const candidates = found.filter((l) => l.erpOrderNbr === ref.orderNbr && (type === "" || l.orderType === type || l.orderType === ""));
    const exact = candidates.find((l) => l.orderType === type);
    const link = exact ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (link) out.set(orderRefKey(ref), link);
  }
  return out;
}
