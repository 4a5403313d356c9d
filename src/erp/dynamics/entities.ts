// The F&O OData entity sets, fields, navigations and event names the connector uses, pinned in ONE
// place (never read from $metadata at runtime: reference/dynamics-365-fo.md §2). Names are public
// collection names, plural and case-sensitive, and they differ between builds (§8 gotcha 1): each
// entry carries the fact sheet's confidence, so a tenant on another build knows what to check with
// `GET /data/{EntitySet}?$top=1` (the connection test does exactly that).
//
// Confidence: "confirmed" = in the live $metadata the fact sheet read (D11) or a Microsoft doc;
// "inferred" = follows from the sources, verify on a tenant; "unknown" = a guess the sandbox shares.

export type Confidence = "confirmed" | "inferred" | "unknown";

interface EntitySetPin {
  /** The public collection name (case-sensitive). */
  name: string;
  confidence: Confidence;
  /** Where the fact sheet says so. */
  source: string;
}

export const ENTITY_SETS = {
  /** §3a: key dataAreaId + SalesOrderNumber; no modified timestamp. */
  salesOrderHeaders: { name: "SalesOrderHeadersV2", confidence: "confirmed", source: "§3a" },
  /** §3b: key dataAreaId + InventoryLotId; there is no SalesOrderLinesV2. */
  salesOrderLines: { name: "SalesOrderLines", confidence: "confirmed", source: "§3b" },
  /** §3c: used as the cheap warm-up and connection-test read. */
  customers: { name: "CustomersV3", confidence: "confirmed", source: "§3c" },
  /** §3d: the journal "Confirm sales order" writes (855 when a partner acknowledges on confirmation). */
  confirmationHeaders: { name: "SalesOrderConfirmationHeaders", confidence: "confirmed", source: "§3d" },
  /** §3e: posted packing slips (BI entity), with CreatedOn, the posting time the packing slip poll watermarks on. */
  packingSlipHeaders: { name: "CustPackingSlipJourBiEntities", confidence: "confirmed", source: "§3e; published $metadata" },
  /** §3e: packing slip lines; InventTransId = the sales line's InventoryLotId (gotcha 2). */
  packingSlipLines: { name: "CustPackingSlipTransBiEntities", confidence: "confirmed", source: "§3e; published $metadata" },
  /** §3e: tracking numbers per packing slip. */
  packingSlipTracking: { name: "PackingSlipTrackingInformation", confidence: "confirmed", source: "§3e" },
  /** §3f: posted invoice headers; key dataAreaId, InvoiceNumber, InvoiceDate, LedgerVoucher; no modified timestamp. */
  invoiceHeaders: { name: "SalesInvoiceHeadersV2", confidence: "confirmed", source: "§3f" },
  /** Posted invoice journals (BI entity): CreatedOn, the posting time the invoice poll watermarks on (SalesInvoiceHeadersV2 has none; docs/erp-facts.md). */
  invoiceJournalBi: { name: "CustInvoiceJourBiEntities", confidence: "confirmed", source: "published $metadata" },
  /** §3f: invoice lines with InventTransId (the V2 lines have no link to the order line); key dataAreaId, InvoiceId, InvoiceDate, LineCreationSequenceNumber (docs/erp-facts.md). */
  invoiceLinesBi: { name: "CustInvoiceTransBiEntities", confidence: "confirmed", source: "§3f; published $metadata" },
} as const satisfies Record<string, EntitySetPin>;

export type EntitySetKey = keyof typeof ENTITY_SETS;

/** Navigation from SalesOrderHeadersV2 to its lines (§3a), used with $expand on reads. */
export const ORDER_LINES_NAVIGATION = "SalesOrderLines";
/** Navigation from SalesInvoiceHeadersV2 to SalesInvoiceV2Lines (§3f: "SalesInvoiceLinesV2 is the navigation name"). */
export const INVOICE_LINES_NAVIGATION = "SalesInvoiceLinesV2";

/**
 * How the connector stores an 850 on an F&O order (see sales-orders.ts):
 * - CustomersOrderReference = the retailer PO (it comes back on invoice headers, §3a recommendation);
 * - CustomerRequisitionNumber = the order key: the PO, or "PO/store" for one store of a split
 *   multi-store order (it tells split orders apart in the idempotency lookup; §3a lists the field,
 *   its length limit on the tenant is unknown: a long PO plus a store number may not fit).
 */
export const ORDER_KEY_FIELDS = { po: "CustomersOrderReference", orderKey: "CustomerRequisitionNumber" } as const;

/** $select lists: only what the mapping reads, so answers stay small. */
export const SELECT = {
  orderHeader: [
    "dataAreaId",
    "SalesOrderNumber",
    "OrderingCustomerAccountNumber",
    "CustomersOrderReference",
    "CustomerRequisitionNumber",
    "SalesOrderStatus",
  ],
  orderLine: [
    "dataAreaId",
    "SalesOrderNumber",
    "InventoryLotId",
    "LineNumber",
    "LineCreationSequenceNumber",
    "CustomersLineNumber",
    "ItemNumber",
    "OrderedSalesQuantity",
    "SalesUnitSymbol",
    "SalesPrice",
    "SalesPriceQuantity",
  ],
  packingSlipHeader: [
    "dataAreaId",
    "PackingSlipId",
    "SalesId",
    "OrderAccount",
    "DeliveryDate",
    "DlvMode",
    "ShipCarrierId",
    "BillOfLadingId",
    "Weight",
    "CreatedOn",
  ],
  packingSlipLine: ["dataAreaId", "PackingSlipId", "SalesId", "InventTransId", "ItemId", "Qty", "SalesUnit", "LineNum", "Name"],
  tracking: ["dataAreaId", "SalesOrderNumber", "PackingSlipNumber", "TrackingNumber"],
  invoiceHeader: [
    "dataAreaId",
    "InvoiceNumber",
    "InvoiceDate",
    "LedgerVoucher",
    "SalesOrderNumber",
    "InvoiceCustomerAccountNumber",
    "CustomersOrderReference",
    "TotalInvoiceAmount",
    "TotalTaxAmount",
    "TotalChargeAmount",
    "TotalDiscountAmount",
    "CurrencyCode",
    "PaymentTermsName",
  ],
  invoiceLine: ["LineCreationSequenceNumber", "InvoiceDate", "ProductNumber", "ProductName", "ProductDescription", "InvoicedQuantity", "SalesUnitSymbol", "SalesPrice", "LineAmount"],
  invoiceJournalBi: ["dataAreaId", "InvoiceId", "InvoiceDate", "SalesId", "CreatedOn"],
  invoiceLineBi: ["dataAreaId", "InvoiceId", "InvoiceDate", "LineCreationSequenceNumber", "SalesId", "InventTransId", "ItemId", "Qty", "LineAmount"],
  confirmationHeader: ["dataAreaId", "SalesOrderNumber", "ConfirmationNumber", "ConfirmationDate", "CustomersOrderReference", "CustomerRequisitionNumber"],
} as const;

/**
 * Sales order writes (sales-orders.ts, connection.ts ORDER_WRITE_MODES). Lines posted flat to
 * SalesOrderLines with dataAreaId and SalesOrderNumber once the header exists are documented
 * (Microsoft Learn, "Sales order lines V2 entity" and the microsoft/Dynamics-AX-Integration
 * ODataChangesetsExample, which writes header and lines in one changeset only because it supplies
 * SalesOrderNumber itself): "two-step" and "own-number" rest on that. POST on the header's
 * SalesOrderLines navigation is in $metadata, but nothing public shows F&O accepting it:
 * "navigation" is an opt-in with a fallback.
 */
export const ORDER_WRITE_FACTS = {
  flatLinesWithOrderNumber: { confidence: "confirmed" as Confidence },
  manualNumberInOneChangeset: { confidence: "confirmed" as Confidence },
  linesViaNavigation: { confidence: "unknown" as Confidence },
} as const;

/**
 * `IsPriceLocked = Yes` keeps the EDI price from being re-priced by trade agreements (§3b lists the
 * field; that it means "keep this price" is inferred).
 */
export const PRICE_LOCK_FIELD = { name: "IsPriceLocked", confidence: "inferred" as Confidence };

/** Unset non-nullable dates read 1900-01-01T12:00:00Z (§8 gotcha 4, inferred). */
export const EMPTY_DATE_PREFIX = "1900-01-01";

/**
 * Business-event ids (§6). Only "invoice posted" is confirmed; the other two ids and members are
 * guesses the sandbox shares (sandbox/src/dynamics/unconfirmed.ts BUSINESS_EVENT_IDS): check
 * `BusinessEventsCatalogs` on the tenant and change them here.
 */
export const BUSINESS_EVENTS = {
  invoicePosted: { id: "SalesInvoicePostedBusinessEvent", confidence: "confirmed" as Confidence },
  packingSlipPosted: { id: "SalesPackingSlipPostedBusinessEvent", confidence: "unknown" as Confidence },
  orderConfirmed: { id: "SalesOrderConfirmedBusinessEvent", confidence: "unknown" as Confidence },
} as const;

/** The words the outbound records use for a posted document (journals are final once posted). */
export const DYNAMICS_OUTBOUND_WORDS = { posted: "Posted" } as const;
