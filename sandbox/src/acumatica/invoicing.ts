// Invoicing from the control API: a SalesInvoice for confirmed shipments (lines linked to order
// line and shipment, amounts = shipped qty × order unit price, CustomerOrder copied from the order),
// and releasing a prepared invoice. Produces the records the outbound 810 flow reads (acumatica.md
// section 4 "SalesInvoice", 6d). Invoicing also changes the shipments (status, invoice link).
import { fail, type Outcome } from "./outcome";
import { formatDate, formatTimestamp, getNumber, getString, newRecord, parseDateTime, round, type StoredRecord } from "./records";
import { syncOrderShipmentRows } from "./sales-orders";
import { DEFAULT_WAREHOUSE } from "./seed";
import { dateOrToday } from "./shipping";
import type { RecordStore } from "./store";
import { NUMBERING, SALES_INVOICE_STATUS, SHIPMENT_STATUS } from "./unconfirmed";

export interface InvoiceRequest {
  freight?: number;
  release?: boolean;
  date?: string;
}

export function invoiceShipments(store: RecordStore, shipments: StoredRecord[], request: InvoiceRequest, nowMs: number): Outcome<StoredRecord> {
  if (shipments.length === 0) return fail(409, "No confirmed, uninvoiced shipment to invoice");
  const customerId = getString(shipments[0]!, "CustomerID");
  for (const shipment of shipments) {
    const nbr = getString(shipment, "ShipmentNbr");
    if (getString(shipment, "CustomerID") !== customerId) return fail(400, "Shipments of different customers cannot share an invoice");
    if (getString(shipment, "Status") !== SHIPMENT_STATUS.confirmed) {
      return fail(409, `Shipment ${nbr} has status ${getString(shipment, "Status")}; only Confirmed shipments can be invoiced`);
    }
    if ((shipment.details.Orders ?? []).some((o) => getString(o, "InvoiceNbr") !== "")) return fail(409, `Shipment ${nbr} is already invoiced`);
  }
  const date = dateOrToday(request.date, nowMs);
  if (!date.ok) return date;
  const release = request.release ?? true;
  const referenceNbr = NUMBERING.salesInvoice(store.nextNumber("salesInvoices"));
  const timestamp = formatTimestamp(nowMs);

  const lines: StoredRecord[] = [];
  let firstOrder: StoredRecord | undefined;
  for (const shipment of shipments) {
    for (const detail of shipment.details.Details ?? []) {
      const order = store.get("SalesOrder", [getString(detail, "OrderType"), getString(detail, "OrderNbr")]);
      firstOrder ??= order;
      const orderLine = order?.details.Details?.find((l) => getNumber(l, "LineNbr") === getNumber(detail, "OrderLineNbr"));
      const qty = getNumber(detail, "ShippedQty");
      const unitPrice = orderLine ? getNumber(orderLine, "UnitPrice") : 0;
      const line = newRecord({
        LineNbr: lines.length + 1,
        InventoryID: getString(detail, "InventoryID"),
        Description: detail.fields.Description ?? null,
        TransactionDescr: detail.fields.Description ?? null,
        Qty: qty,
        UOM: getString(detail, "UOM"),
        UnitPrice: unitPrice,
        Amount: round(qty * unitPrice),
        DiscountAmount: 0,
        OrderType: getString(detail, "OrderType"),
        OrderNbr: getString(detail, "OrderNbr"),
        OrderLineNbr: getNumber(detail, "OrderLineNbr"),
        ShipmentNbr: getString(shipment, "ShipmentNbr"),
        InventoryDocType: null,
        InventoryRefNbr: null,
        WarehouseID: detail.fields.WarehouseID ?? DEFAULT_WAREHOUSE,
        TaxCategory: null,
      });
      lines.push(line);
      if (orderLine) {
        orderLine.fields.InvoiceType = "Invoice";
        orderLine.fields.InvoiceNbr = referenceNbr;
        orderLine.fields.InvoiceLineNbr = getNumber(line, "LineNbr");
      }
    }
  }
  const detailTotal = round(lines.reduce((sum, l) => sum + getNumber(l, "Amount"), 0));
  const freight = round(request.freight ?? 0);
  const amount = round(detailTotal + freight);
  const customer = store.get("Customer", [customerId]);
  const dueMs = (parseDateTime(date.value) ?? nowMs) + 30 * 86_400_000;
  const copyLinked = (name: string) => (firstOrder?.linked[name] ? newRecord({ ...firstOrder.linked[name].fields }) : undefined);
  const linked: Record<string, StoredRecord> = {};
  for (const name of ["ShipToAddress", "ShipToContact", "BillToAddress", "BillToContact"]) {
    const copy = copyLinked(name);
    if (copy) linked[name] = copy;
  }
  const invoice = newRecord(
    {
      Type: "Invoice",
      ReferenceNbr: referenceNbr,
      Status: release ? SALES_INVOICE_STATUS.open : SALES_INVOICE_STATUS.balanced,
      Date: date.value,
      DueDate: formatDate(dueMs),
      CustomerID: customerId,
      // Section 4: whether CustomerOrder is copied from the SO is "inferred (likely)"; the sandbox copies it.
      CustomerOrder: firstOrder?.fields.CustomerOrder ?? null,
      Description: firstOrder ? `Invoice for ${getString(firstOrder, "OrderType")} ${getString(firstOrder, "OrderNbr")}` : null,
      Amount: amount,
      Balance: amount,
      DetailTotal: detailTotal,
      TaxTotal: 0,
      DiscountTotal: 0,
      FreightPrice: freight,
      PaymentTotal: 0,
      Currency: "USD",
      Hold: false,
      CreditHold: false,
      ExternalRef: firstOrder?.fields.ExternalRef ?? null,
      LastModifiedDateTime: timestamp,
      LastModifiedDate: timestamp,
      CreatedDate: timestamp,
    },
    linked,
    { Details: lines },
  );
  store.put("SalesInvoice", invoice);

  for (const shipment of shipments) {
    for (const link of shipment.details.Orders ?? []) {
      link.fields.InvoiceType = "Invoice";
      link.fields.InvoiceNbr = referenceNbr;
    }
    shipment.fields.Status = release ? SHIPMENT_STATUS.completed : SHIPMENT_STATUS.invoiced;
    shipment.fields.LastModifiedDateTime = timestamp;
    syncOrderShipmentRows(store, shipment, timestamp);
  }
  return { ok: true, value: invoice };
}

function shipmentsOfInvoice(store: RecordStore, invoice: StoredRecord): StoredRecord[] {
  const numbers = new Set((invoice.details.Details ?? []).map((l) => getString(l, "ShipmentNbr")));
  return [...numbers].map((nbr) => store.get("Shipment", [nbr])).filter((s): s is StoredRecord => s !== undefined);
}

/** Releases a Balanced invoice: status Open; its shipments become Completed. */
export function releaseInvoice(store: RecordStore, type: string, referenceNbr: string, nowMs: number): Outcome<StoredRecord> {
  const invoice = store.get("SalesInvoice", [type, referenceNbr]);
  if (!invoice) return fail(404, `Sales invoice ${type} ${referenceNbr} not found`);
  if (getString(invoice, "Status") !== SALES_INVOICE_STATUS.balanced) return fail(409, `The invoice has status ${getString(invoice, "Status")}`);
  const timestamp = formatTimestamp(nowMs);
  invoice.fields.Status = SALES_INVOICE_STATUS.open;
  invoice.fields.LastModifiedDateTime = timestamp;
  invoice.fields.LastModifiedDate = timestamp;
  for (const shipment of shipmentsOfInvoice(store, invoice)) {
    shipment.fields.Status = SHIPMENT_STATUS.completed;
    shipment.fields.LastModifiedDateTime = timestamp;
    syncOrderShipmentRows(store, shipment, timestamp);
  }
  return { ok: true, value: invoice };
}

