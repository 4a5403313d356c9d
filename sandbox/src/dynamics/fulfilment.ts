// What a person does in F&O after the order arrives, driven by control calls: confirm the order
// (a confirmation journal, SalesOrderConfirmationHeaders/Lines), post a packing slip (full or
// partial: CustPackingSlipJourBiEntities/TransBiEntities and PackingSlipTrackingInformation), post
// the invoice (SalesInvoiceHeadersV2/SalesInvoiceV2Lines and CustInvoiceJourBiEntities/TransBiEntities,
// amounts from the order prices). Each posting moves the order's statuses and emits its business
// event. Field mappings follow dynamics-365-fo.md sections 3d-3f (CustomerRef = the header's
// CustomersOrderReference and PurchaseOrder = CustomerRequisitionNumber, inferred there).
import { emitBusinessEvent, wcfDate, type BusinessEvent } from "./business-events";
import { entitySet } from "./entity-sets";
import type { DynamicsEnvironment } from "./environments";
import { linesOfOrder } from "./sales-orders";
import type { Row } from "./store";
import { BUSINESS_EVENT_IDS, INVOICE_DUE_DAYS, NUMBERING } from "./unconfirmed";
import { dateAtNoon, num, parseDateTimeOffset, round2, str, type Fields } from "./values";

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 400 | 404 | 409; message: string };

const fail = (status: 400 | 404 | 409, message: string): Outcome<never> => ({ ok: false, status, message });

export interface Posted {
  header: Fields;
  lines: Fields[];
  event: BusinessEvent;
}

function findOrder(env: DynamicsEnvironment, company: string, orderNumber: string): Row | undefined {
  return env.store.get(entitySet("SalesOrderHeadersV2"), [company, orderNumber]);
}

/** A date given as yyyy-MM-dd or a DateTimeOffset, stored as that day at 12:00:00Z. */
function documentDate(given: string | undefined, nowMs: number): string | undefined {
  if (given === undefined) return dateAtNoon(nowMs);
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(given) ? Date.parse(`${given}T12:00:00Z`) : parseDateTimeOffset(given);
  return ms === undefined || Number.isNaN(ms) ? undefined : dateAtNoon(ms);
}

function insert(env: DynamicsEnvironment, set: Parameters<typeof entitySet>[0], fields: Fields): Fields {
  const row = env.store.insert(entitySet(set), fields);
  if (!row) throw new Error(`sandbox: duplicate key inserting into ${set}`);
  return row.fields;
}

function lot(line: Row): string {
  return str(line.fields, "InventoryLotId");
}

function linePrice(line: Row, quantity: number): number {
  const priceQuantity = num(line.fields, "SalesPriceQuantity") || 1;
  const gross = (quantity * num(line.fields, "SalesPrice")) / priceQuantity - quantity * num(line.fields, "LineDiscountAmount");
  return round2(gross * (1 - num(line.fields, "LineDiscountPercentage") / 100));
}

/**
 * SalesOrderProcessingStatus from the posted quantities (checked-facts 4b: Active, Confirmed,
 * Picked, PartiallyDelivered, Delivered, Invoiced, PartiallyInvoiced, Canceled,
 * DeliveredPartiallyInvoiced; which posting moves it where is inferred from the names).
 */
function processingStatus(env: DynamicsEnvironment, lines: Row[], before: string): string {
  const posted = lines.map((line) => ({ ordered: num(line.fields, "OrderedSalesQuantity"), ...env.store.postings(lot(line)) }));
  const allDelivered = posted.every((p) => p.delivered >= p.ordered);
  const allInvoiced = posted.every((p) => p.invoiced >= p.ordered);
  if (allInvoiced) return "Invoiced";
  if (posted.some((p) => p.invoiced > 0)) return allDelivered ? "DeliveredPartiallyInvoiced" : "PartiallyInvoiced";
  if (allDelivered) return "Delivered";
  if (posted.some((p) => p.delivered > 0)) return "PartiallyDelivered";
  return before;
}

/** Moves line and header statuses from the posted quantities. */
function refreshStatuses(env: DynamicsEnvironment, header: Row): void {
  const lines = linesOfOrder(env, str(header.fields, "dataAreaId"), str(header.fields, "SalesOrderNumber"));
  for (const line of lines) {
    const postings = env.store.postings(lot(line));
    const ordered = num(line.fields, "OrderedSalesQuantity");
    const status = postings.invoiced >= ordered ? "Invoiced" : postings.delivered >= ordered ? "Delivered" : "Backorder";
    env.store.update(line, { SalesOrderLineStatus: status });
  }
  const statuses = lines.map((line) => str(line.fields, "SalesOrderLineStatus"));
  const headerStatus = statuses.every((s) => s === "Invoiced") ? "Invoiced" : statuses.every((s) => s !== "Backorder") ? "Delivered" : "Backorder";
  env.store.update(header, { SalesOrderStatus: headerStatus, SalesOrderProcessingStatus: processingStatus(env, lines, str(header.fields, "SalesOrderProcessingStatus")) });
}

export function confirmOrder(env: DynamicsEnvironment, company: string, orderNumber: string, input: { date?: string }, nowMs: number): Outcome<Posted> {
  const header = findOrder(env, company, orderNumber);
  if (!header) return fail(404, `sales order ${company}/${orderNumber} not found`);
  const lines = linesOfOrder(env, company, orderNumber);
  if (lines.length === 0) return fail(409, `sales order ${orderNumber} has no lines to confirm`);
  const date = documentDate(input.date, nowMs);
  if (!date) return fail(400, `'${input.date}' is not a date (yyyy-MM-dd or an ISO date-time with a zone)`);
  const h = header.fields;
  const number = str(h, "SalesOrderNumber");
  const confirmationNumber = NUMBERING.confirmation(number, env.store.nextNumber(`confirmation:${company}:${number.toLowerCase()}`));
  const headerFields = insert(env, "SalesOrderConfirmationHeaders", {
    ...Object.fromEntries(Object.entries(h).filter(([name]) => name.startsWith("DeliveryAddress"))),
    dataAreaId: company,
    SalesOrderNumber: number,
    ConfirmationDate: date,
    ConfirmationNumber: confirmationNumber,
    CustomersOrderReference: str(h, "CustomersOrderReference"),
    CustomerRequisitionNumber: str(h, "CustomerRequisitionNumber"),
    OrderingCustomerAccountNumber: str(h, "OrderingCustomerAccountNumber"),
    InvoiceCustomerAccountNumber: str(h, "InvoiceCustomerAccountNumber"),
    TotalConfirmedAmount: round2(lines.reduce((sum, line) => sum + num(line.fields, "LineAmount"), 0)),
    TotalQuantity: lines.reduce((sum, line) => sum + num(line.fields, "OrderedSalesQuantity"), 0),
    CurrencyCode: str(h, "CurrencyCode"),
    DeliveryModeCode: str(h, "DeliveryModeCode"),
    DeliveryTermsCode: str(h, "DeliveryTermsCode"),
    FormattedDeliveryAddress: str(h, "FormattedDelveryAddress"),
    DefaultDimensionDisplayValue: str(h, "DefaultLedgerDimensionDisplayValue"),
  });
  const lineFields = lines.map((line) =>
    insert(env, "SalesOrderConfirmationLines", {
      dataAreaId: company,
      SalesOrderNumber: number,
      ConfirmationDate: date,
      ConfirmationNumber: confirmationNumber,
      LineNumber: num(line.fields, "LineNumber"),
      ItemNumber: str(line.fields, "ItemNumber"),
      ExternalItemNumber: str(line.fields, "ExternalItemNumber"),
      ConfirmedSalesQuantity: num(line.fields, "OrderedSalesQuantity"),
      ConfirmedInventoryQuantity: num(line.fields, "OrderedSalesQuantity"),
      SalesUnitSymbol: str(line.fields, "SalesUnitSymbol"),
      SalesPrice: num(line.fields, "SalesPrice"),
      LineAmount: num(line.fields, "LineAmount"),
      ConfirmedShippingDate: str(line.fields, "RequestedShippingDate"),
      ShippingWarehouseId: str(line.fields, "ShippingWarehouseId"),
      SalesOrderLineInventoryLotId: lot(line),
    }),
  );
  for (const line of lines) env.store.update(line, { ConfirmedShippingDate: str(line.fields, "RequestedShippingDate") });
  env.store.update(header, {
    ConfirmedShippingDate: str(h, "RequestedShippingDate"),
    ConfirmedReceiptDate: str(h, "RequestedReceiptDate"),
    SalesOrderProcessingStatus: str(h, "SalesOrderProcessingStatus") === "Active" ? "Confirmed" : str(h, "SalesOrderProcessingStatus"),
  });
  const event = emitBusinessEvent(
    env,
    BUSINESS_EVENT_IDS.orderConfirmed,
    company,
    {
      SalesOrderId: number,
      ConfirmationId: confirmationNumber,
      ConfirmationDate: wcfDate(Date.parse(date)),
      CustomerAccount: str(h, "OrderingCustomerAccountNumber"),
      LegalEntity: company,
    },
    nowMs,
  );
  return { ok: true, value: { header: headerFields, lines: lineFields, event } };
}

export interface ShipInput {
  lines?: Array<{ inventoryLotId?: string; lineNumber?: number; quantity: number }>;
  date?: string;
  carrier?: string;
  deliveryMode?: string;
  trackingNumbers?: string[];
  weight?: number;
}

function pickShipQuantities(env: DynamicsEnvironment, lines: Row[], input: ShipInput): Outcome<Array<{ line: Row; quantity: number }>> {
  const remaining = (line: Row) => num(line.fields, "OrderedSalesQuantity") - env.store.postings(lot(line)).delivered;
  if (!input.lines) return { ok: true, value: lines.map((line) => ({ line, quantity: remaining(line) })).filter((pick) => pick.quantity > 0) };
  const picks: Array<{ line: Row; quantity: number }> = [];
  for (const wanted of input.lines) {
    const line = lines.find((candidate) =>
      wanted.inventoryLotId !== undefined ? lot(candidate).toLowerCase() === wanted.inventoryLotId.toLowerCase() : num(candidate.fields, "LineNumber") === wanted.lineNumber,
    );
    if (!line) return fail(404, `no line ${wanted.inventoryLotId ?? wanted.lineNumber} on this order`);
    if (wanted.quantity > remaining(line)) return fail(409, `line ${lot(line)} has only ${remaining(line)} left to deliver (asked ${wanted.quantity})`);
    picks.push({ line, quantity: wanted.quantity });
  }
  return { ok: true, value: picks };
}

export function shipOrder(env: DynamicsEnvironment, company: string, orderNumber: string, input: ShipInput, nowMs: number): Outcome<Posted & { tracking: Fields[] }> {
  const header = findOrder(env, company, orderNumber);
  if (!header) return fail(404, `sales order ${company}/${orderNumber} not found`);
  const date = documentDate(input.date, nowMs);
  if (!date) return fail(400, `'${input.date}' is not a date (yyyy-MM-dd or an ISO date-time with a zone)`);
  const picked = pickShipQuantities(env, linesOfOrder(env, company, orderNumber), input);
  if (!picked.ok) return picked;
  if (picked.value.length === 0) return fail(409, `sales order ${orderNumber} has nothing left to deliver`);
  const h = header.fields;
  const number = str(h, "SalesOrderNumber");
  const packingSlipId = NUMBERING.packingSlip(env.store.nextNumber(`packingSlip:${company}`));
  const createdOn = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  const headerFields = insert(env, "CustPackingSlipJourBiEntities", {
    dataAreaId: company,
    SourceDocumentHeader: env.store.nextRecId(),
    PackingSlipId: packingSlipId,
    SalesId: number,
    OrderAccount: str(h, "OrderingCustomerAccountNumber"),
    InvoiceAccount: str(h, "InvoiceCustomerAccountNumber"),
    CustomerRef: str(h, "CustomersOrderReference"),
    PurchaseOrder: str(h, "CustomerRequisitionNumber"),
    DeliveryDate: date,
    DocumentDate: date,
    CreatedOn: createdOn,
    DlvMode: input.deliveryMode ?? str(h, "DeliveryModeCode"),
    DlvTerm: str(h, "DeliveryTermsCode"),
    ShipCarrierId: input.carrier ?? "",
    Qty: picked.value.reduce((sum, pick) => sum + pick.quantity, 0),
    Weight: input.weight ?? 0,
    inventLocationId: str(h, "DefaultShippingWarehouseId"),
    DeliveryName: str(h, "DeliveryAddressName"),
    DeliveryPostalAddress: env.store.nextRecId(),
    InternalPackingSlipId: packingSlipId,
  });
  const lineFields = picked.value.map(({ line, quantity }) => {
    const postings = env.store.postings(lot(line));
    postings.delivered += quantity;
    return insert(env, "CustPackingSlipTransBiEntities", {
      dataAreaId: company,
      SourceDocumentLine: env.store.nextRecId(),
      PackingSlipId: packingSlipId,
      SalesId: number,
      InventTransId: lot(line), // gotcha 2: equals the sales line's InventoryLotId
      ItemId: str(line.fields, "ItemNumber"),
      ExternalItemId: str(line.fields, "ExternalItemNumber"),
      Qty: quantity,
      Ordered: num(line.fields, "OrderedSalesQuantity"),
      Remain: num(line.fields, "OrderedSalesQuantity") - postings.delivered,
      SalesUnit: str(line.fields, "SalesUnitSymbol"),
      LineNum: num(line.fields, "LineNumber"),
      DeliveryDate: date,
      CreatedOn: createdOn,
      Name: str(line.fields, "LineDescription"),
    });
  });
  const tracking = (input.trackingNumbers ?? []).map((trackingNumber) =>
    insert(env, "PackingSlipTrackingInformation", {
      dataAreaId: company,
      SalesOrderNumber: number,
      PackingSlipNumber: packingSlipId,
      DeliveryDate: date,
      TrackingNumber: trackingNumber,
      TrackingURL: trackingNumber.startsWith("1Z") ? `https://www.ups.com/track?tracknum=${trackingNumber}` : "",
    }),
  );
  refreshStatuses(env, header);
  const event = emitBusinessEvent(
    env,
    BUSINESS_EVENT_IDS.packingSlipPosted,
    company,
    { PackingSlipId: packingSlipId, SalesOrderId: number, DeliveryDate: wcfDate(Date.parse(date)), CustomerAccount: str(h, "OrderingCustomerAccountNumber"), LegalEntity: company },
    nowMs,
  );
  return { ok: true, value: { header: headerFields, lines: lineFields, tracking, event } };
}

export interface InvoiceInput {
  date?: string;
  /** "packingSlip" (default): the delivered, uninvoiced quantities; "all": every uninvoiced quantity. */
  quantity?: "packingSlip" | "all";
}

export function invoiceOrder(env: DynamicsEnvironment, company: string, orderNumber: string, input: InvoiceInput, nowMs: number): Outcome<Posted> {
  const header = findOrder(env, company, orderNumber);
  if (!header) return fail(404, `sales order ${company}/${orderNumber} not found`);
  const date = documentDate(input.date, nowMs);
  if (!date) return fail(400, `'${input.date}' is not a date (yyyy-MM-dd or an ISO date-time with a zone)`);
  const all = input.quantity === "all";
  const picks = linesOfOrder(env, company, orderNumber)
    .map((line) => {
      const postings = env.store.postings(lot(line));
      const base = all ? num(line.fields, "OrderedSalesQuantity") : postings.delivered;
      return { line, quantity: base - postings.invoiced };
    })
    .filter((pick) => pick.quantity > 0);
  if (picks.length === 0) return fail(409, `sales order ${orderNumber} has nothing to invoice${all ? "" : " (post a packing slip first, or invoice with quantity \"all\")"}`);
  const h = header.fields;
  const number = str(h, "SalesOrderNumber");
  const invoiceNumber = NUMBERING.invoice(env.store.nextNumber(`invoice:${company}`));
  const voucher = NUMBERING.invoiceVoucher(env.store.nextNumber(`voucher:${company}`));
  const stamp = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, "Z");
  const dueMs = Date.parse(date) + INVOICE_DUE_DAYS * 86_400_000;
  const amounts = picks.map(({ line, quantity }) => linePrice(line, quantity));
  const total = round2(amounts.reduce((sum, amount) => sum + amount, 0));
  const customer = env.store.get(entitySet("CustomersV3"), [company, str(h, "InvoiceCustomerAccountNumber")]);
  const headerFields = insert(env, "SalesInvoiceHeadersV2", {
    dataAreaId: company,
    InvoiceNumber: invoiceNumber,
    InvoiceDate: date,
    LedgerVoucher: voucher,
    SalesOrderNumber: number,
    InvoiceCustomerAccountNumber: str(h, "InvoiceCustomerAccountNumber"),
    CustomersOrderReference: str(h, "CustomersOrderReference"),
    TotalInvoiceAmount: total,
    CurrencyCode: str(h, "CurrencyCode"),
    PaymentTermsName: customer ? str(customer.fields, "PaymentTerms") : "",
    DeliveryModeCode: str(h, "DeliveryModeCode"),
    DeliveryTermsCode: str(h, "DeliveryTermsCode"),
  });
  insert(env, "CustInvoiceJourBiEntities", {
    dataAreaId: company,
    SourceKey: env.store.nextRecId(),
    InvoiceId: invoiceNumber,
    InvoiceDate: date,
    SalesId: number,
    PurchaseOrder: str(h, "CustomerRequisitionNumber"),
    CustomerRef: str(h, "CustomersOrderReference"),
    InvoiceAmount: total,
    InvoiceAmountMST: total,
    DueDate: new Date(dueMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
    Qty: picks.reduce((sum, pick) => sum + pick.quantity, 0),
    CreatedOn: stamp,
    SysModifiedDateTime: stamp,
  });
  const lineFields = picks.map(({ line, quantity }, index) => {
    const postings = env.store.postings(lot(line));
    postings.invoiced += quantity;
    if (all) postings.delivered = Math.max(postings.delivered, postings.invoiced); // invoicing "All" posts the delivery too
    insert(env, "CustInvoiceTransBiEntities", {
      dataAreaId: company,
      SourceKey: env.store.nextRecId(),
      InvoiceId: invoiceNumber,
      InvoiceDate: date,
      // The same sequence number as the invoice line's (the join key parts, checked-facts 2c; equal values inferred).
      LineCreationSequenceNumber: index + 1,
      LineNum: index + 1,
      SalesId: number,
      InventTransId: lot(line),
      ItemId: str(line.fields, "ItemNumber"),
      ExternalItemId: str(line.fields, "ExternalItemNumber"),
      Qty: quantity,
      LineAmount: amounts[index]!,
      DlvDate: date,
      CreatedOn: stamp,
      SysModifiedDateTime: stamp,
    });
    const product = env.store.get(entitySet("ReleasedProductsV2"), [company, str(line.fields, "ItemNumber")]);
    const invoiceLine: Fields = {
      dataAreaId: company,
      InvoiceNumber: invoiceNumber,
      LineCreationSequenceNumber: index + 1,
      InvoiceDate: date,
      LedgerVoucher: voucher,
      ProductNumber: str(line.fields, "ItemNumber"),
      ProductName: product ? str(product.fields, "ProductSearchName") : "",
      ProductDescription: str(line.fields, "LineDescription"),
      InvoicedQuantity: quantity,
      SalesUnitSymbol: str(line.fields, "SalesUnitSymbol"),
      SalesPrice: num(line.fields, "SalesPrice"),
      LineAmount: amounts[index]!,
      InventoryWarehouseId: str(line.fields, "ShippingWarehouseId"),
      InventorySiteId: str(line.fields, "ShippingSiteId"),
      ConfirmedShippingDate: str(line.fields, "ConfirmedShippingDate"),
    };
    insert(env, "SalesInvoiceV3Lines", { ...invoiceLine });
    return insert(env, "SalesInvoiceV2Lines", invoiceLine);
  });
  refreshStatuses(env, header);
  const event = emitBusinessEvent(
    env,
    BUSINESS_EVENT_IDS.invoicePosted,
    company,
    {
      // Section 6 (confirmed, D7): the members of SalesInvoicePostedBusinessEventContract.
      InvoiceAccount: str(h, "InvoiceCustomerAccountNumber"),
      InvoiceId: invoiceNumber,
      SalesOrderId: number,
      InvoiceDate: wcfDate(Date.parse(date)),
      InvoiceDueDate: wcfDate(dueMs),
      InvoiceAmountInAccountingCurrency: total,
      InvoiceTaxAmount: 0,
      LegalEntity: company,
    },
    nowMs,
  );
  return { ok: true, value: { header: headerFields, lines: lineFields, event } };
}
