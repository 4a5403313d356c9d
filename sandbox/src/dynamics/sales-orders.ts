// F&O's business logic for the two writable entities, SalesOrderHeadersV2 and SalesOrderLines
// (dynamics-365-fo.md sections 3a, 3b, 7): the legal entity comes from dataAreaId (or the default
// company when it is missing), the customer and the released product must exist in that legal
// entity, the order number is auto-numbered when omitted, lines get InventoryLotId and
// LineCreationSequenceNumber, prices default from the product, and header totals follow the lines.
// Refusals are "Write failed for table row of type …" errors with an Infolog (odata-results.ts).
import { entitySet } from "./entity-sets";
import type { DynamicsEnvironment } from "./environments";
import { badRequest, writeFailed } from "./odata-results";
import type { Row } from "./store";
import { INFOLOG, MISSING_DATA_AREA_USES_DEFAULT_COMPANY, NUMBERING, SANDBOX_STRICTNESS } from "./unconfirmed";
import { comparable, dateAtNoon, formatDateTime, num, round2, str, type Fields } from "./values";

const HEADERS = entitySet("SalesOrderHeadersV2");
const LINES = entitySet("SalesOrderLines");
const CUSTOMERS = entitySet("CustomersV3");
const PRODUCTS = entitySet("ReleasedProductsV2");

const DELIVERY_ADDRESS_FIELDS = Object.keys(HEADERS.fields).filter((name) => name.startsWith("DeliveryAddress"));

export interface WriteContext {
  env: DynamicsEnvironment;
  nowMs: number;
}

/** The legal entity of a write: dataAreaId (any case; stored lower-case), else the default company. */
function companyOf(env: DynamicsEnvironment, sent: Fields, tableEntity: string): string {
  const given = str(sent, "dataAreaId");
  if (given === "") {
    if (!MISSING_DATA_AREA_USES_DEFAULT_COMPANY) throw writeFailed(tableEntity, [INFOLOG.mustBeFilledIn("Company")]);
    return env.defaultCompany;
  }
  const company = given.toLowerCase();
  if (!env.legalEntities.includes(company)) throw writeFailed(tableEntity, [INFOLOG.companyDoesNotExist(given)]);
  return company;
}

function missingRelated(tableEntity: string, field: string, label: string, table: string, value: string) {
  return writeFailed(tableEntity, [INFOLOG.notInRelatedTable(value, label, table), INFOLOG.validateFieldFailed(tableEntity, field)]);
}

function findCustomer(env: DynamicsEnvironment, company: string, account: string, field: string): Row {
  const customer = env.store.get(CUSTOMERS, [company, account]);
  if (!customer) throw missingRelated(HEADERS.tableEntity, field, "Customer account", "Customers", account);
  return customer;
}

function formattedAddress(fields: Fields): string {
  const cityLine = [str(fields, "DeliveryAddressCity"), str(fields, "DeliveryAddressStateId"), str(fields, "DeliveryAddressZipCode")].filter(Boolean).join(" ");
  return [str(fields, "DeliveryAddressName"), str(fields, "DeliveryAddressStreet"), cityLine, str(fields, "DeliveryAddressCountryRegionId")].filter(Boolean).join("\n");
}

function sameValue(a: unknown, b: unknown): boolean {
  return comparable(String(a ?? "")) === comparable(String(b ?? ""));
}

export function linesOfOrder(env: DynamicsEnvironment, company: string, orderNumber: string): Row[] {
  return env.store
    .all("SalesOrderLines")
    .filter((line) => sameValue(line.fields.dataAreaId, company) && sameValue(line.fields.SalesOrderNumber, orderNumber))
    .sort((a, b) => num(a.fields, "LineCreationSequenceNumber") - num(b.fields, "LineCreationSequenceNumber"));
}

function recomputeTotals(env: DynamicsEnvironment, header: Row): void {
  const total = linesOfOrder(env, str(header.fields, "dataAreaId"), str(header.fields, "SalesOrderNumber")).reduce((sum, line) => sum + num(line.fields, "LineAmount"), 0);
  env.store.update(header, { OrderTotalAmount: round2(total) });
}

function lineAmount(fields: Fields): number {
  const quantity = num(fields, "OrderedSalesQuantity");
  const priceQuantity = num(fields, "SalesPriceQuantity") || 1;
  const gross = (quantity * num(fields, "SalesPrice")) / priceQuantity - quantity * num(fields, "LineDiscountAmount");
  return round2(gross * (1 - num(fields, "LineDiscountPercentage") / 100));
}

export function createSalesOrderHeader(ctx: WriteContext, sent: Fields): Row {
  const { env, nowMs } = ctx;
  const company = companyOf(env, sent, HEADERS.tableEntity);
  const account = str(sent, "OrderingCustomerAccountNumber");
  if (account === "") throw writeFailed(HEADERS.tableEntity, [INFOLOG.mustBeFilledIn("Customer account")]);
  const customer = findCustomer(env, company, account, "OrderingCustomerAccountNumber");
  const invoiceAccountSent = str(sent, "InvoiceCustomerAccountNumber") || str(customer.fields, "InvoiceAccount") || str(customer.fields, "CustomerAccount");
  const invoiceCustomer = findCustomer(env, company, invoiceAccountSent, "InvoiceCustomerAccountNumber");

  const sequence = `salesOrder:${company}`;
  let number = str(sent, "SalesOrderNumber");
  if (number !== "") {
    if (!env.manualOrderNumbers) throw writeFailed(HEADERS.tableEntity, [INFOLOG.manualNumberNotAllowed(number)]);
    if (env.store.get(HEADERS, [company, number])) {
      throw writeFailed(HEADERS.tableEntity, [INFOLOG.alreadyExists("Sales orders (SalesTable)", "Sales order", number)]);
    }
  } else {
    do number = NUMBERING.salesOrder(env.store.nextNumber(sequence));
    while (env.store.get(HEADERS, [company, number]));
  }

  const today = dateAtNoon(nowMs);
  const fields: Fields = {
    ...sent,
    dataAreaId: company,
    SalesOrderNumber: number,
    OrderingCustomerAccountNumber: str(customer.fields, "CustomerAccount"),
    InvoiceCustomerAccountNumber: str(invoiceCustomer.fields, "CustomerAccount"),
    SalesOrderName: str(sent, "SalesOrderName") || str(customer.fields, "OrganizationName"),
    CurrencyCode: str(sent, "CurrencyCode") || str(customer.fields, "SalesCurrencyCode"),
    DeliveryModeCode: str(sent, "DeliveryModeCode") || str(customer.fields, "DeliveryMode"),
    DeliveryTermsCode: str(sent, "DeliveryTermsCode") || str(customer.fields, "DeliveryTerms"),
    DeliveryAddressCountryRegionId: str(sent, "DeliveryAddressCountryRegionId") || str(customer.fields, "AddressCountryRegionId"),
    RequestedShippingDate: str(sent, "RequestedShippingDate") || today,
    RequestedReceiptDate: str(sent, "RequestedReceiptDate") || today,
    OrderCreationDateTime: formatDateTime(nowMs),
    SalesOrderStatus: "Backorder",
    SalesOrderProcessingStatus: "Active",
    OrderTotalAmount: 0,
  };
  fields.FormattedDelveryAddress = formattedAddress(fields);
  const row = env.store.insert(HEADERS, fields);
  if (!row) throw writeFailed(HEADERS.tableEntity, [INFOLOG.alreadyExists("Sales orders (SalesTable)", "Sales order", number)]);
  return row;
}

function checkProduct(env: DynamicsEnvironment, company: string, fields: Fields): Row {
  const itemNumber = str(fields, "ItemNumber");
  if (itemNumber === "") throw writeFailed(LINES.tableEntity, [INFOLOG.mustBeFilledIn("Item number")]);
  const product = env.store.get(PRODUCTS, [company, itemNumber]);
  if (!product) throw missingRelated(LINES.tableEntity, "ItemNumber", "Item number", "Released products", itemNumber);
  return product;
}

function checkUnit(product: Row, unit: string): void {
  const productUnit = str(product.fields, "SalesUnitSymbol");
  if (SANDBOX_STRICTNESS.lineUnitMustMatchProduct && !sameValue(unit, productUnit)) {
    throw writeFailed(LINES.tableEntity, [INFOLOG.unitConversionMissing(unit, productUnit, str(product.fields, "ItemNumber"))]);
  }
}

/** `parent` is the header when the line is posted to `SalesOrderHeadersV2(…)/SalesOrderLines`. */
export function createSalesOrderLine(ctx: WriteContext, sent: Fields, parent?: Row): Row {
  const { env } = ctx;
  const fieldsIn: Fields = { ...sent };
  if (parent) {
    for (const key of ["dataAreaId", "SalesOrderNumber"]) {
      if (fieldsIn[key] !== undefined && fieldsIn[key] !== "" && !sameValue(fieldsIn[key], parent.fields[key])) {
        throw badRequest(`The property '${key}' of the line does not match the sales order it is posted under.`);
      }
      fieldsIn[key] = parent.fields[key]!;
    }
  }
  const company = companyOf(env, fieldsIn, LINES.tableEntity);
  const orderNumber = str(fieldsIn, "SalesOrderNumber");
  if (orderNumber === "") throw writeFailed(LINES.tableEntity, [INFOLOG.mustBeFilledIn("Sales order")]);
  const header = env.store.get(HEADERS, [company, orderNumber]);
  if (!header) throw missingRelated(LINES.tableEntity, "SalesOrderNumber", "Sales order", "Sales orders", orderNumber);
  const product = checkProduct(env, company, fieldsIn);
  const unit = str(fieldsIn, "SalesUnitSymbol") || str(product.fields, "SalesUnitSymbol");
  checkUnit(product, unit);
  if (fieldsIn.OrderedSalesQuantity === undefined && SANDBOX_STRICTNESS.lineQuantityRequired) {
    throw writeFailed(LINES.tableEntity, [INFOLOG.mustBeFilledIn("Quantity")]);
  }

  const canonicalOrder = str(header.fields, "SalesOrderNumber");
  const sequenceNumber = env.store.nextNumber(`salesLine:${company}:${canonicalOrder.toLowerCase()}`);
  const inheritedAddress = Object.fromEntries(DELIVERY_ADDRESS_FIELDS.map((name) => [name, fieldsIn[name] ?? header.fields[name] ?? ""]));
  const fields: Fields = {
    ...inheritedAddress,
    ...fieldsIn,
    dataAreaId: company,
    InventoryLotId: NUMBERING.inventoryLot(env.store.nextNumber(`inventLot:${company}`), company),
    SalesOrderNumber: canonicalOrder,
    ItemNumber: str(product.fields, "ItemNumber"),
    SalesUnitSymbol: str(product.fields, "SalesUnitSymbol"),
    LineDescription: str(fieldsIn, "LineDescription") || str(product.fields, "ProductSearchName"),
    SalesPrice: fieldsIn.SalesPrice ?? num(product.fields, "SalesPrice"),
    SalesPriceQuantity: fieldsIn.SalesPriceQuantity ?? 1,
    LineCreationSequenceNumber: sequenceNumber,
    LineNumber: fieldsIn.LineNumber ?? sequenceNumber,
    RequestedShippingDate: str(fieldsIn, "RequestedShippingDate") || str(header.fields, "RequestedShippingDate"),
    RequestedReceiptDate: str(fieldsIn, "RequestedReceiptDate") || str(header.fields, "RequestedReceiptDate"),
    DeliveryModeCode: str(fieldsIn, "DeliveryModeCode") || str(header.fields, "DeliveryModeCode"),
    SalesOrderLineStatus: "Backorder",
  };
  fields.LineAmount = lineAmount(fields);
  const row = env.store.insert(LINES, fields);
  if (!row) throw writeFailed(LINES.tableEntity, [INFOLOG.alreadyExists("Order lines (SalesLine)", "Lot ID", str(fields, "InventoryLotId"))]);
  recomputeTotals(env, header);
  return row;
}

function refuseKeyChanges(keys: readonly string[], row: Row, sent: Fields): void {
  for (const key of keys) {
    if (sent[key] !== undefined && !sameValue(sent[key], row.fields[key])) throw badRequest(`The key property '${key}' cannot be changed.`);
  }
}

export function updateSalesOrderHeader(ctx: WriteContext, row: Row, sent: Fields): void {
  refuseKeyChanges(HEADERS.keys, row, sent);
  const company = str(row.fields, "dataAreaId");
  const changes: Fields = { ...sent };
  if (sent.OrderingCustomerAccountNumber !== undefined) {
    changes.OrderingCustomerAccountNumber = str(findCustomer(ctx.env, company, str(sent, "OrderingCustomerAccountNumber"), "OrderingCustomerAccountNumber").fields, "CustomerAccount");
  }
  if (sent.InvoiceCustomerAccountNumber !== undefined) {
    changes.InvoiceCustomerAccountNumber = str(findCustomer(ctx.env, company, str(sent, "InvoiceCustomerAccountNumber"), "InvoiceCustomerAccountNumber").fields, "CustomerAccount");
  }
  ctx.env.store.update(row, changes);
  ctx.env.store.update(row, { FormattedDelveryAddress: formattedAddress(row.fields) });
}

export function updateSalesOrderLine(ctx: WriteContext, row: Row, sent: Fields): void {
  refuseKeyChanges([...LINES.keys, "SalesOrderNumber"], row, sent);
  const { env } = ctx;
  const company = str(row.fields, "dataAreaId");
  const changes: Fields = { ...sent };
  const product = checkProduct(env, company, { ItemNumber: sent.ItemNumber ?? row.fields.ItemNumber ?? "" });
  changes.ItemNumber = str(product.fields, "ItemNumber");
  if (sent.SalesUnitSymbol !== undefined) checkUnit(product, str(sent, "SalesUnitSymbol"));
  const postings = env.store.postings(str(row.fields, "InventoryLotId"));
  if (sent.OrderedSalesQuantity !== undefined && num(sent, "OrderedSalesQuantity") < postings.delivered) {
    throw writeFailed(LINES.tableEntity, [`Error: The quantity cannot be less than the ${postings.delivered} already delivered.`]);
  }
  env.store.update(row, changes);
  env.store.update(row, { LineAmount: lineAmount(row.fields) });
  const header = env.store.get(HEADERS, [company, str(row.fields, "SalesOrderNumber")]);
  if (header) recomputeTotals(env, header);
}

function hasPostings(env: DynamicsEnvironment, line: Row): boolean {
  const postings = env.store.postings(str(line.fields, "InventoryLotId"));
  return postings.delivered > 0 || postings.invoiced > 0;
}

export function deleteSalesOrderHeader(ctx: WriteContext, row: Row): void {
  const { env } = ctx;
  const lines = linesOfOrder(env, str(row.fields, "dataAreaId"), str(row.fields, "SalesOrderNumber"));
  if (lines.some((line) => hasPostings(env, line))) {
    throw writeFailed(HEADERS.tableEntity, [`Error: Sales order ${str(row.fields, "SalesOrderNumber")} cannot be deleted because it has been delivered or invoiced.`]);
  }
  for (const line of lines) env.store.delete(LINES, line);
  env.store.delete(HEADERS, row);
}

export function deleteSalesOrderLine(ctx: WriteContext, row: Row): void {
  const { env } = ctx;
  if (hasPostings(env, row)) throw writeFailed(LINES.tableEntity, [`Error: The line ${str(row.fields, "InventoryLotId")} cannot be deleted because it has been delivered or invoiced.`]);
  env.store.delete(LINES, row);
  const header = env.store.get(HEADERS, [str(row.fields, "dataAreaId"), str(row.fields, "SalesOrderNumber")]);
  if (header) recomputeTotals(env, header);
}
