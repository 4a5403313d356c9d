// The one interface the flows use to talk to an ERP (design.md section 5, style.md point 4).
// Acumatica and Dynamics implement it; flows never see which one they talk to.
import type { ErpKind } from "../db/schema";

export interface PostalAddress {
  name?: string | undefined;
  attention?: string | undefined;
  address1?: string | undefined;
  address2?: string | undefined;
  city?: string | undefined;
  state?: string | undefined;
  postalCode?: string | undefined;
  /** ISO 3166-1 alpha-2 (ERP side); the flows convert RSX's 3-letter codes. */
  country?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

export interface SalesOrderLineDraft {
  /** The 850's LineSequenceNumber (kept to build 855/856/810 lines later). */
  lineRef: string;
  itemId: string;
  qty: number;
  uom?: string | undefined;
  /** The EDI price; the ERP must keep it (no price-list defaulting). */
  unitPrice?: number | undefined;
  description?: string | undefined;
  requestedOn?: string | undefined;
}

export interface SalesOrderDraft {
  customerId: string;
  customerLocationId?: string | undefined;
  /** Dynamics legal entity (dataAreaId). */
  legalEntity?: string | undefined;
  /** The retailer PO number (Acumatica CustomerOrder, D365 CustomersOrderReference). */
  customerOrder: string;
  /**
   * Unique per ERP order made from the 850: the PO number, or "PO/store" when a multi-store order
   * is split. Stored on the order (Acumatica ExternalRef, D365 CustomerRequisitionNumber) and
   * used by the idempotency lookup.
   */
  orderKey: string;
  orderDate: string;
  requestedOn?: string | undefined;
  cancelBy?: string | undefined;
  description: string;
  shipTo?: PostalAddress | undefined;
  currency?: string | undefined;
  note?: string | undefined;
  lines: SalesOrderLineDraft[];
}

export interface ErpOrderLine {
  lineRef?: string | undefined;
  lineNbr?: number | undefined;
  itemId: string;
  qty: number;
  uom?: string | undefined;
  unitPrice?: number | undefined;
}

export interface ErpOrder {
  /** The ERP's order number (Acumatica OrderNbr, D365 SalesOrderNumber). */
  reference: string;
  orderType?: string | undefined;
  orderKey?: string | undefined;
  status?: string | undefined;
  lines: ErpOrderLine[];
}

export interface ConnectionCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface ErpAdapter {
  readonly kind: ErpKind;
  /** One ERP write per order (lines inline). Throws ConnectorError (rejected, throttled, …). */
  createSalesOrder(draft: SalesOrderDraft): Promise<ErpOrder>;
  /** The order previously created for this draft's orderKey, if any (idempotency after an uncertain attempt). */
  findSalesOrder(draft: Pick<SalesOrderDraft, "customerId" | "customerOrder" | "orderKey" | "legalEntity">): Promise<ErpOrder | undefined>;
  /** Token, endpoint/version and one read, in plain words. */
  testConnection(): Promise<ConnectionCheck[]>;
}
