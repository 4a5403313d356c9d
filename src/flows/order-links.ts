// What an 850 document keeps about the ERP orders made from it (documents.meta.orders, keyed by
// order key): the link the outbound flows follow from an ERP shipment or invoice line back to the
// 850 line it fulfils.
export interface CreatedOrderMeta {
  /** ERP order number (Acumatica OrderNbr, D365 SalesOrderNumber). */
  reference: string;
  orderType?: string | undefined;
  /** Retailer store / DC the order ships to, when the 850 was split by store. */
  shipToLocation?: string | undefined;
  /** Found by the idempotency lookup rather than created by this document. */
  linked: boolean;
  /** ERP line number ↔ 850 line (LineSequenceNumber or position, see rsx orderLineKey). */
  lines: {
    lineRef: string;
    lineNbr?: number | undefined;
    itemId: string;
    qty: number;
    uom?: string | undefined;
    unitPrice?: number | undefined;
  }[];
}

export type CreatedOrders = Record<string, CreatedOrderMeta>;
