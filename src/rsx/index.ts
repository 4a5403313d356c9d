// Public API of the RSX 7.7 module: parse what SPS delivers (850, 846, 852; XML or RSX JSON) into typed
// models, and build what we send (855, 856, 810) as RSX XML and JSON. Pure: no I/O, no clock, no env.

// Results
export type { RsxInvalid, RsxResult } from "./rsx-result";

// Reading
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, type ReadLimits, type RsxFormat } from "./input-text";
export { detectDocumentType, readRsxDocuments, type InboundDocumentType, type RsxDocuments } from "./document-reader";
export { parseInboundDocument, type InboundDocument } from "./inbound-document";
export { REPEATABLE_ELEMENTS, RSX_NAMESPACE, type RsxObject, type RsxValue } from "./rsx-tree";

// 850
export {
  order850Schema,
  parseOrders,
  type Order850,
  type OrderHeader,
  type OrderLine,
  type OrderMeta,
  type OrderSummary,
  type ParsedOrders,
} from "./order-850";
export type {
  Address,
  CarrierInformation,
  ChargeAllowance,
  Contact,
  FobRelatedInstruction,
  ItemIdentifiers,
  LocationQuantity,
  Note,
  PaymentTerms,
  PhysicalDetails,
  PriceInformation,
  ProductDescription,
  ProductID,
  QuantitiesSchedulesLocations,
  QuantityTotals,
  Reference,
  RsxDate,
  Tax,
} from "./common-groups";
export {
  DateQualifier,
  addressByType,
  addressesByType,
  billTo,
  dateByQualifier,
  datesByQualifier,
  linesByKey,
  orderLineKey,
  orderShape,
  partnerId,
  poNumber,
  purposeCode,
  shipTo,
  storeLocations,
  type OrderShape,
  type PurposeCode,
} from "./order-850-queries";
export { splitByShipTo, type ShipToGroup, type ShipToLine, type ShipToSplit } from "./ship-to-split";

// 846, 852
export {
  itemRegistry846Schema,
  parseInventoryAdvice,
  type InventoryHeader,
  type InventoryLine,
  type ItemRegistry846,
} from "./inventory-846";
export {
  parseProductActivity,
  productActivity852Schema,
  type LocationActivity,
  type ProductActivity852,
  type ProductActivityReporting,
  type ReportHeader,
  type ReportLine,
} from "./product-activity-852";

// Building
export type { BuiltRsxDocument } from "./rsx-document";
export type { AddressInput, CarrierInput, ChargeAllowanceInput } from "./echo-groups";
export {
  buildOrderAck,
  type AcknowledgementType,
  type ItemStatusCode,
  type LineAcknowledgement,
  type OrderAckInput,
  type OrderAckLineInput,
} from "./order-ack-855";
export { deriveAckLines, type AcceptedLine, type DeriveAckOptions, type DerivedAck } from "./order-ack-lines";
export {
  buildShipNotice,
  type CartonInput,
  type CartonItem,
  type PalletInput,
  type ShipNoticeInput,
  type ShipmentOrderInput,
} from "./ship-notice-856";
export { buildInvoice, termsFromOrder, type InvoiceInput, type InvoiceLineInput } from "./invoice-810";
export { outboundFileName, type OutboundDocumentType, type OutboundFileNameInput } from "./file-names";

// GS1
export {
  buildSscc,
  gs1CheckDigit,
  isValidEan13,
  isValidGtin,
  isValidGtin14,
  isValidSscc18,
  isValidUpcA,
  shippingSerialId,
  toGtin14,
  type SsccParts,
} from "./gs1";

// Element tables (for conformance checks)
export type { ElementSpec, GroupSpec, LeafKind, LeafSpec } from "./element-spec";
export { ORDER_ACK } from "./order-ack-855-elements";
export { SHIPMENT } from "./ship-notice-856-elements";
export { INVOICE } from "./invoice-810-elements";
