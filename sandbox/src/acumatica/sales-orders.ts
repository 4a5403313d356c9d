// PUT SalesOrder: create (no key, or OrderType only: auto-numbered) or update (OrderType + OrderNbr
// or id of an existing order) with the validations a real tenant applies: known customer, a
// location of that customer, known items and units; 422 with the entity echoed and per-field
// `error` strings when they fail (acumatica.md sections 3, 4 and 6b). Prices follow ManualPrice;
// ship-to values follow the override flags (see unconfirmed.ts). Also the order-state upkeep that
// shipping and invoicing share: status, open quantities, the order's `Shipments` rows.
import { newRecord, formatDate, formatTimestamp, getNumber, getString, round, type Scalar, type StoredRecord } from "./records";
import type { ParsedObject } from "./wire-format";
import type { RecordStore } from "./store";
import { DEFAULT_WAREHOUSE } from "./seed";
import { NUMBERING, SALES_ORDER_STATUS, SHIPMENT_STATUS } from "./unconfirmed";

/** Order types a default tenant has (SO sales order, QT quote…); others fail like a bad selector value. */
const ORDER_TYPES = ["SO", "QT", "IN", "CS", "RM", "CR", "RC", "TR"];

type ErrorPath = Array<string | number>;
interface FieldError {
  path: ErrorPath;
  message: string;
}

export type PutOutcome =
  | { kind: "saved"; record: StoredRecord }
  | { kind: "invalid"; echo: unknown }
  | { kind: "precondition-failed"; message: string }
  | { kind: "not-found" };

export interface PutConditions {
  /** `If-None-Match: *` → insert only (section 2c). */
  insertOnly: boolean;
  /** `If-Match: *` → update only (section 2c). */
  updateOnly: boolean;
}

/** The body echoed back with `error` strings on the failing fields (section 3, 422). */
function echoWithErrors(rawBody: unknown, errors: FieldError[]): unknown {
  const echo = structuredClone(rawBody) as Record<string, unknown>;
  for (const { path, message } of errors) {
    let node: unknown = echo;
    for (const step of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[step];
    const last = path[path.length - 1]!;
    const container = node as Record<string | number, unknown>;
    if (last === "id") {
      // `id` is a system field (a bare GUID): the error goes on the row itself.
      container.error = message;
      continue;
    }
    const field = container[last];
    if (typeof field === "object" && field !== null && !Array.isArray(field)) (field as Record<string, unknown>).error = message;
    else container[last] = { error: message };
  }
  return echo;
}

function str(value: Scalar | undefined): string | undefined {
  return value === undefined || value === null || value === "" ? undefined : String(value);
}

function defaultLocation(store: RecordStore, customerId: string): StoredRecord | undefined {
  const locations = store.all("CustomerLocation").filter((l) => getString(l, "Customer").toLowerCase() === customerId.toLowerCase());
  return locations.find((l) => l.fields.Default === true) ?? locations[0];
}

function addressFrom(source: Record<string, Scalar> | undefined): StoredRecord {
  return newRecord({
    AddressLine1: source?.AddressLine1 ?? null,
    AddressLine2: source?.AddressLine2 ?? null,
    City: source?.City ?? null,
    State: source?.State ?? null,
    PostalCode: source?.PostalCode ?? null,
    Country: source?.Country ?? null,
    Validated: false,
  });
}

function contactFrom(source: Record<string, Scalar> | undefined): StoredRecord {
  return newRecord({
    BusinessName: source?.BusinessName ?? null,
    Attention: source?.Attention ?? null,
    Phone1: source?.Phone1 ?? null,
    Email: source?.Email ?? null,
  });
}

/** Recomputes line amounts and order totals (ExtendedPrice = qty × price; Amount after discounts). */
function recomputeTotals(order: StoredRecord): void {
  let total = 0;
  let quantity = 0;
  for (const line of order.details.Details ?? []) {
    const qty = getNumber(line, "OrderQty");
    const extended = round(qty * getNumber(line, "UnitPrice"));
    const amount = round(extended - getNumber(line, "DiscountAmount") - (extended * getNumber(line, "DiscountPercent")) / 100);
    line.fields.ExtendedPrice = extended;
    line.fields.Amount = amount;
    line.fields.OpenQty = round(Math.max(0, qty - getNumber(line, "QtyOnShipments")), 4);
    total += amount;
    quantity += qty;
  }
  order.fields.OrderTotal = round(total);
  order.fields.OrderedQty = round(quantity, 4);
  order.fields.TaxTotal = 0;
}

/** Order status from hold, shipments and open quantities (status strings in unconfirmed.ts). */
export function refreshOrderStatus(order: StoredRecord): void {
  const lines = order.details.Details ?? [];
  const shipments = order.details.Shipments ?? [];
  let status: string = SALES_ORDER_STATUS.open;
  if (order.fields.Hold === true) status = SALES_ORDER_STATUS.onHold;
  else if (shipments.some((s) => getString(s, "Status") === SHIPMENT_STATUS.open)) status = SALES_ORDER_STATUS.shipping;
  else if (lines.length > 0 && lines.every((l) => getNumber(l, "OpenQty") === 0) && shipments.length > 0) status = SALES_ORDER_STATUS.completed;
  else if (shipments.length > 0) status = SALES_ORDER_STATUS.backOrder;
  order.fields.Status = status;
}

/** Applies one PUT line to a new or existing line; returns errors for this row. */
function applyLine(
  store: RecordStore,
  line: StoredRecord,
  row: ParsedObject,
  rowPath: ErrorPath,
  headerRequestedOn: Scalar,
  isNew: boolean,
  nowMs: number,
): FieldError[] {
  const errors: FieldError[] = [];
  const f = row.fields;
  const shipped = getNumber(line, "QtyOnShipments") > 0;
  const inventoryId = str(f.InventoryID) ?? str(line.fields.InventoryID);
  const item = inventoryId === undefined ? undefined : store.get("StockItem", [inventoryId]);
  if (inventoryId === undefined) errors.push({ path: [...rowPath, "InventoryID"], message: "'Inventory ID' cannot be empty." });
  else if (!item) errors.push({ path: [...rowPath, "InventoryID"], message: `Inventory ID '${inventoryId}' cannot be found in the system.` });
  else if (shipped && f.InventoryID !== undefined && getString(item, "InventoryID") !== getString(line, "InventoryID")) {
    errors.push({ path: [...rowPath, "InventoryID"], message: "The item cannot be changed on a line that has shipments." });
  }
  const uom = str(f.UOM) ?? str(line.fields.UOM) ?? (item ? getString(item, "SalesUOM") : undefined);
  if (item && uom !== undefined && ![getString(item, "BaseUOM"), getString(item, "SalesUOM")].some((u) => u.toLowerCase() === uom.toLowerCase())) {
    errors.push({ path: [...rowPath, "UOM"], message: `Unit conversion is missing: '${uom}' is not defined for item '${getString(item, "InventoryID")}'.` });
  }
  const qty = f.OrderQty !== undefined ? Number(f.OrderQty ?? 0) : getNumber(line, "OrderQty");
  if (qty < 0) errors.push({ path: [...rowPath, "OrderQty"], message: "'Quantity' cannot be negative." });
  if (qty < getNumber(line, "QtyOnShipments")) {
    errors.push({ path: [...rowPath, "OrderQty"], message: "The quantity cannot be less than the quantity already shipped." });
  }
  if (errors.length > 0 || !item) return errors;

  for (const [name, value] of Object.entries(f)) line.fields[name] = value;
  line.fields.InventoryID = getString(item, "InventoryID");
  line.fields.UOM = uom === undefined ? getString(item, "SalesUOM") : uom.toUpperCase();
  line.fields.OrderQty = qty;
  const manual = line.fields.ManualPrice === true;
  if (!manual || line.fields.UnitPrice === null || line.fields.UnitPrice === undefined) {
    // Without ManualPrice the price comes from the item (see unconfirmed.ts, OVERRIDE_FLAGS_REQUIRED).
    line.fields.UnitPrice = getNumber(item, "DefaultPrice");
  }
  line.fields.ManualPrice = manual;
  if (isNew) {
    line.fields.LineType = "Goods for IN";
    line.fields.LineDescription ??= getString(item, "Description");
    line.fields.DiscountPercent ??= 0;
    line.fields.DiscountAmount ??= 0;
    line.fields.QtyOnShipments = 0;
    line.fields.RequestedOn ??= headerRequestedOn;
    line.fields.ShipOn ??= line.fields.RequestedOn;
    line.fields.WarehouseID ??= DEFAULT_WAREHOUSE;
    line.fields.Completed = false;
    for (const name of ["AlternateID", "CustomerOrderNbr", "ExternalRef", "SchedOrderDate", "Location", "LotSerialNbr", "InvoiceType", "InvoiceNbr", "InvoiceLineNbr"]) {
      line.fields[name] ??= null;
    }
  }
  line.fields.LastModifiedDate = formatDate(nowMs);
  return errors;
}

export function putSalesOrder(store: RecordStore, parsed: ParsedObject, rawBody: unknown, conditions: PutConditions, nowMs: number): PutOutcome {
  const f = parsed.fields;
  let existing: StoredRecord | undefined;
  const errors: FieldError[] = [];
  const requestedType = str(f.OrderType)?.toUpperCase();
  if (parsed.id !== undefined) {
    existing = store.getById("SalesOrder", parsed.id);
    if (!existing) return { kind: "not-found" };
  } else if (str(f.OrderNbr) !== undefined) {
    existing = store.get("SalesOrder", [requestedType ?? "SO", str(f.OrderNbr)!]);
    if (!existing) {
      // Order numbers are auto-numbered: a number that does not exist cannot be chosen by the client.
      errors.push({ path: ["OrderNbr"], message: `Order Nbr. '${str(f.OrderNbr)}' cannot be found in the system.` });
      return { kind: "invalid", echo: echoWithErrors(rawBody, errors) };
    }
  }
  if (existing && conditions.insertOnly) return { kind: "precondition-failed", message: "The record already exists (If-None-Match: *)." };
  if (!existing && conditions.updateOnly) return { kind: "precondition-failed", message: "The record does not exist (If-Match: *)." };
  const orderType = existing ? getString(existing, "OrderType") : (requestedType ?? "SO");
  if (existing && requestedType !== undefined && requestedType !== orderType) {
    errors.push({ path: ["OrderType"], message: "The order type of an existing order cannot be changed." });
  }
  if (!ORDER_TYPES.includes(orderType)) {
    errors.push({ path: ["OrderType"], message: `Order Type '${orderType}' cannot be found in the system.` });
  }

  // Work on a copy; commit only when everything validates.
  const order: StoredRecord = existing ? structuredClone(existing) : newRecord({}, {}, { Details: [], Shipments: [] });
  const hasShipments = (order.details.Shipments ?? []).length > 0;

  const customerId = str(f.CustomerID) ?? str(order.fields.CustomerID);
  const customer = customerId === undefined ? undefined : store.get("Customer", [customerId]);
  if (customerId === undefined) errors.push({ path: ["CustomerID"], message: "'Customer' cannot be empty." });
  else if (!customer) errors.push({ path: ["CustomerID"], message: `Customer '${customerId}' cannot be found in the system.` });
  else if (existing && hasShipments && getString(customer, "CustomerID") !== getString(existing, "CustomerID")) {
    errors.push({ path: ["CustomerID"], message: "The customer cannot be changed on an order that has shipments." });
  }
  const customerChanged = existing !== undefined && customer !== undefined && getString(customer, "CustomerID") !== getString(existing, "CustomerID");
  let location: StoredRecord | undefined;
  if (customer) {
    const canonicalCustomer = getString(customer, "CustomerID");
    const locationId = str(f.LocationID) ?? (customerChanged ? undefined : str(order.fields.LocationID));
    location = locationId === undefined ? defaultLocation(store, canonicalCustomer) : store.get("CustomerLocation", [canonicalCustomer, locationId]);
    if (locationId !== undefined && !location) {
      errors.push({ path: ["LocationID"], message: `Location '${locationId}' cannot be found in the system for customer '${canonicalCustomer}'.` });
    }
  }

  // Header fields first so line defaults (RequestedOn) see them.
  for (const [name, value] of Object.entries(f)) order.fields[name] = value;
  order.fields.OrderType = orderType;
  if (existing) order.fields.OrderNbr = getString(existing, "OrderNbr");
  const date = order.fields.Date ?? formatDate(nowMs);
  order.fields.Date = date;
  order.fields.RequestedOn ??= date;
  order.fields.EffectiveDate ??= date;

  const lines = order.details.Details ?? [];
  const rows = parsed.details.Details ?? [];
  let nextLineNbr = lines.reduce((max, l) => Math.max(max, getNumber(l, "LineNbr")), 0) + 1;
  rows.forEach((row, index) => {
    const rowPath: ErrorPath = ["Details", index];
    if (row.id !== undefined) {
      const line = lines.find((l) => l.id.toLowerCase() === row.id!.toLowerCase());
      if (!line) {
        errors.push({ path: [...rowPath, "id"], message: `The line with id ${row.id} does not exist on this order.` });
        return;
      }
      if (row.delete) {
        if (getNumber(line, "QtyOnShipments") > 0) errors.push({ path: [...rowPath, "id"], message: "A line that has shipments cannot be deleted." });
        else lines.splice(lines.indexOf(line), 1);
        return;
      }
      errors.push(...applyLine(store, line, row, rowPath, order.fields.RequestedOn ?? null, false, nowMs));
      return;
    }
    if (row.delete) return;
    const line = newRecord({ LineNbr: nextLineNbr });
    const lineErrors = applyLine(store, line, row, rowPath, order.fields.RequestedOn ?? null, true, nowMs);
    errors.push(...lineErrors);
    if (lineErrors.length === 0) {
      lines.push(line);
      nextLineNbr++;
    }
  });

  if (errors.length > 0 || !customer) return { kind: "invalid", echo: echoWithErrors(rawBody, errors) };

  order.fields.CustomerID = getString(customer, "CustomerID");
  order.fields.LocationID = location ? getString(location, "LocationID") : null;
  if (!existing) {
    order.fields.OrderNbr = NUMBERING.salesOrder(orderType, store.nextOrderNumber(orderType));
    order.fields.CreatedDate = formatTimestamp(nowMs);
    order.fields.CurrencyID ??= "USD";
    order.fields.Hold ??= false;
    order.fields.Approved = true;
    order.fields.CreditHold = false;
    order.fields.ShipVia ??= location ? getString(location, "ShipVia") : null;
    for (const name of ["CustomerOrder", "ExternalRef", "Description", "PreferredWarehouseID"]) order.fields[name] ??= null;
  }
  order.fields.ShipToAddressOverride = order.fields.ShipToAddressOverride === true;
  order.fields.ShipToContactOverride = order.fields.ShipToContactOverride === true;
  order.fields.BillToAddressOverride = order.fields.BillToAddressOverride === true;
  order.fields.BillToContactOverride = order.fields.BillToContactOverride === true;
  // Override flags gate the linked values (unconfirmed.ts, OVERRIDE_FLAGS_REQUIRED).
  const defaultAddress = location?.linked.Address?.fields;
  const defaultContact = { BusinessName: location ? getString(location, "LocationName") : getString(customer, "CustomerName") };
  order.linked.ShipToAddress = order.fields.ShipToAddressOverride
    ? addressFrom({ ...(order.linked.ShipToAddress?.fields ?? {}), ...(parsed.linked.ShipToAddress?.fields ?? {}) })
    : addressFrom(defaultAddress);
  order.linked.ShipToContact = order.fields.ShipToContactOverride
    ? contactFrom({ ...(order.linked.ShipToContact?.fields ?? {}), ...(parsed.linked.ShipToContact?.fields ?? {}) })
    : contactFrom(defaultContact);
  order.linked.BillToAddress = order.fields.BillToAddressOverride
    ? addressFrom({ ...(order.linked.BillToAddress?.fields ?? {}), ...(parsed.linked.BillToAddress?.fields ?? {}) })
    : addressFrom(undefined);
  order.linked.BillToContact = order.fields.BillToContactOverride
    ? contactFrom({ ...(order.linked.BillToContact?.fields ?? {}), ...(parsed.linked.BillToContact?.fields ?? {}) })
    : contactFrom({ BusinessName: getString(customer, "CustomerName") });

  // Terms default from the customer (a PUT may name others).
  const financial = { ...(order.linked.FinancialSettings?.fields ?? {}), ...(parsed.linked.FinancialSettings?.fields ?? {}) };
  financial.Terms ??= getString(customer, "Terms") || null;
  order.linked.FinancialSettings = newRecord({ Branch: null, CustomerTaxZone: null, InvoiceDate: null, DueDate: null, ...financial });

  order.details.Details = lines;
  recomputeTotals(order);
  refreshOrderStatus(order);
  order.fields.LastModified = formatTimestamp(nowMs);
  store.put("SalesOrder", order);
  return { kind: "saved", record: order };
}

/** Keeps the order's `Shipments` rows in step with a shipment's status and invoice. */
export function syncOrderShipmentRows(store: RecordStore, shipment: StoredRecord, timestamp: string): void {
  for (const link of shipment.details.Orders ?? []) {
    const order = store.get("SalesOrder", [getString(link, "OrderType"), getString(link, "OrderNbr")]);
    if (!order) continue;
    for (const row of order.details.Shipments ?? []) {
      if (getString(row, "ShipmentNbr") !== getString(shipment, "ShipmentNbr")) continue;
      row.fields.Status = shipment.fields.Status ?? null;
      row.fields.InvoiceType = link.fields.InvoiceType ?? null;
      row.fields.InvoiceNbr = link.fields.InvoiceNbr ?? null;
      row.fields.LastModifiedDateTime = timestamp;
    }
    refreshOrderStatus(order);
    order.fields.LastModified = timestamp;
  }
}
