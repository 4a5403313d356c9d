// The one interface the flows use to talk to an ERP (docs/architecture.md): consumers depend on it, never on one ERP.
// Acumatica and Dynamics implement it; flows never see which one they talk to.

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
  /**
   * The partner's default financial dimensions as the display string the ERP expects (D365
   * DefaultLedgerDimensionDisplayValue); ERPs without such a string ignore it.
   */
  financialDimensions?: string | undefined;
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
  /** What qualifies the number within the ERP: Acumatica order type, D365 legal entity (dataAreaId). */
  orderType?: string | undefined;
  orderKey?: string | undefined;
  status?: string | undefined;
  lines: ErpOrderLine[];
  /**
   * A change the write made necessary to the tenant's stored connection settings (D365: an opt-in
   * order write form F&O refused, switched to "two-step"), with the audit note saying why. The
   * consumer stores it.
   */
  connectionChange?: { settings: Record<string, unknown>; note: string } | undefined;
}

export interface ConnectionCheck {
  name: string;
  ok: boolean;
  message: string;
}

export interface ErpAdapter extends OutboundSource {
  /** The ERP profile id (erp/profiles.ts). */
  readonly kind: string;
  /** Creates the order with its lines (one write, or header then lines: see missingLines). Throws ConnectorError (rejected, throttled, …). */
  createSalesOrder(draft: SalesOrderDraft): Promise<ErpOrder>;
  /** The order previously created for this draft's orderKey, if any (idempotency after an uncertain attempt). */
  findSalesOrder(draft: Pick<SalesOrderDraft, "customerId" | "customerOrder" | "orderKey" | "legalEntity">): Promise<ErpOrder | undefined>;
  /**
   * ERPs that write an order in more than one call (D365 two-step): the draft lines (indexes) an
   * order found by findSalesOrder lacks, and the write adding exactly those. The result lists every
   * draft line in draft order. ERPs writing an order in one call have neither.
   */
  missingLines?(draft: SalesOrderDraft, found: ErpOrder): number[];
  completeSalesOrder?(draft: SalesOrderDraft, found: ErpOrder): Promise<ErpOrder>;
  /** Token, endpoint/version and one read, in plain words. */
  testConnection(): Promise<ConnectionCheck[]>;
  /** Available quantity per item and warehouse (the outbound 846); throws when the ERP cannot be read. */
  readAvailability?(itemIds: string[], legalEntity: string | null): Promise<ErpAvailability[]>;
}

/** One item's available quantity in one warehouse, as the ERP reports it. */
export interface ErpAvailability {
  itemId: string;
  warehouse: string;
  available: number;
}

// ---- Outbound records (856, 810 sources), ERP-neutral -------------------------------------------

/** A line of a shipment or invoice, pointing back at the ERP sales order line it fulfils. */
export interface ErpFulfilmentLine {
  orderNbr: string;
  /** As ErpOrder.orderType: Acumatica order type, D365 legal entity. */
  orderType?: string | undefined;
  /** The ERP sales order line number (Acumatica LineNbr; D365 LineNumber of the line whose InventoryLotId the record names). */
  orderLineNbr?: number | undefined;
  itemId: string;
  qty: number;
  uom?: string | undefined;
  description?: string | undefined;
}

export interface ErpPackage {
  /** Stable id of the package within its shipment (Acumatica Packages LineNbr). */
  packageId: string;
  trackingNumber?: string | undefined;
  /** A carton id the ERP already holds (e.g. an SSCC-18 in a custom reference field), unvalidated. */
  cartonId?: string | undefined;
  weight?: number | undefined;
  weightUom?: string | undefined;
  boxType?: string | undefined;
  /** What is in the carton; empty when the ERP does not say (the flow then packs lines itself). */
  contents: ErpFulfilmentLine[];
}

export interface ErpShipment {
  shipmentNbr: string;
  status: string;
  /** The shipment is in a state that means goods left (the ERP's own words mapped by the adapter). */
  shipped: boolean;
  shipDate?: string | undefined;
  customerId?: string | undefined;
  shipVia?: string | undefined;
  /** Carrier SCAC when the ERP knows it (else the 850's or the partner's). */
  carrierCode?: string | undefined;
  billOfLading?: string | undefined;
  proNumber?: string | undefined;
  totalWeight?: number | undefined;
  weightUom?: string | undefined;
  lines: ErpFulfilmentLine[];
  packages: ErpPackage[];
  /** Sales orders in the shipment. */
  orders: { orderNbr: string; orderType?: string | undefined; invoiceNbr?: string | undefined }[];
  /** When the ERP last changed the record (ISO), for watermarks. */
  lastModified: string;
}

export interface ErpInvoiceLine extends ErpFulfilmentLine {
  shipmentNbr?: string | undefined;
  unitPrice: number;
  amount: number;
}

export interface ErpInvoice {
  invoiceNbr: string;
  /** What getInvoice needs besides the number: Acumatica document type, D365 legal entity (dataAreaId). */
  invoiceType?: string | undefined;
  status: string;
  /** Released / posted: final and sendable. */
  released: boolean;
  /** A credit memo rather than an invoice. */
  credit: boolean;
  date: string;
  dueDate?: string | undefined;
  customerId?: string | undefined;
  customerOrder?: string | undefined;
  terms?: string | undefined;
  currency?: string | undefined;
  lines: ErpInvoiceLine[];
  freight?: number | undefined;
  taxTotal?: number | undefined;
  discountTotal?: number | undefined;
  /** Document total as the ERP computed it. */
  total: number;
  lastModified: string;
  /** How the record was read where an operator should know (e.g. lines tied to order lines by a heuristic); goes to the audit. */
  notes?: string[] | undefined;
}

export interface ChangedPage<T> {
  records: T[];
  /** More records may match beyond this page. */
  more: boolean;
}

/** An ERP order confirmation (D365 "Confirm sales order" journal): the 855 trigger for partners with ackOn "confirmed". */
export interface ErpOrderConfirmation {
  confirmationNbr: string;
  orderNbr: string;
  /** As ErpOrder.orderType. */
  orderType?: string | undefined;
  /** YYYY-MM-DD. */
  date: string;
  lastModified: string;
}

export interface OutboundSource {
  /** Shipments changed after `since` (ISO), one page of at most `top`, skipping `skip`. */
  listChangedShipments(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpShipment>>;
  /** `scope` qualifies the number where the ERP needs it (D365: the legal entity); others ignore it. */
  getShipment(shipmentNbr: string, scope?: string): Promise<ErpShipment | undefined>;
  listChangedInvoices(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpInvoice>>;
  getInvoice(invoiceNbr: string, invoiceType?: string): Promise<ErpInvoice | undefined>;
  /** Order confirmations changed after `since`; only ERPs with a confirmation step have them. */
  listChangedConfirmations?(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpOrderConfirmation>>;
}
