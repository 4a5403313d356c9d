// ERP order number → the 850 document it came from, so a shipment or invoice can be traced back.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { orderLinks } from "./schema";

export interface OrderLink {
  erpOrderNbr: string;
  documentId: string;
  orderKey: string;
  partnerId: string;
}

/** The upsert of one link (for use in the batch that records the created order on its document). */
export function orderLinkUpsert(db: Db, tenantId: string, link: OrderLink, nowMs: number) {
  return db
    .insert(orderLinks)
    .values({ tenantId, ...link, createdAt: nowMs })
    .onConflictDoUpdate({ target: [orderLinks.tenantId, orderLinks.erpOrderNbr], set: { documentId: link.documentId, orderKey: link.orderKey, partnerId: link.partnerId } });
}

export async function findOrderLinks(db: Db, tenantId: string, orderNbrs: string[]): Promise<Map<string, OrderLink>> {
  const out = new Map<string, OrderLink>();
  const unique = [...new Set(orderNbrs)];
  for (let i = 0; i < unique.length; i += 80) {
    const rows = await db
      .select()
      .from(orderLinks)
      .where(and(eq(orderLinks.tenantId, tenantId), inArray(orderLinks.erpOrderNbr, unique.slice(i, i + 80))))
      .all();
    for (const r of rows) out.set(r.erpOrderNbr, { erpOrderNbr: r.erpOrderNbr, documentId: r.documentId, orderKey: r.orderKey, partnerId: r.partnerId });
  }
  return out;
}
