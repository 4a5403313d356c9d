// Element table of the RSX 7.7 856 Shipment, in schema order (sps-commerce.md §3.5). SPS's Shipments.json was
// not obtainable; the order comes from the classes generated from it (ShipStream SDK, §3.5 sources) and SPS's
// full Shipments sample, and `npm run conformance` re-checks it against that sample.
import { fields, int, many, num, one } from "./element-spec";
import {
  ADDRESS,
  CARRIER_INFORMATION,
  CHARGES_ALLOWANCES,
  CONTACTS,
  DATES,
  FOB_RELATED_INSTRUCTION,
  ITEM_IDENTIFIERS,
  NOTES,
  PHYSICAL_DETAILS,
  PRICE_INFORMATION,
  PRODUCT_ATTRIBUTES,
  PRODUCT_OR_ITEM_DESCRIPTION,
  QUANTITY_AND_WEIGHT,
  QUANTITY_TOTALS,
  REFERENCES,
  TAXES,
} from "./shared-elements";

const SHIPMENT_HEADER = one("ShipmentHeader", [
  "TradingPartnerId",
  "ShipmentIdentification",
  "ShipDate",
  "ShipmentTime",
  "TsetPurposeCode",
  "TsetTypeCode",
  "ShipNoticeDate",
  "ShipNoticeTime",
  "ASNStructureCode",
  "BuyersCurrency",
  "SellersCurrency",
  num("ExchangeRate"),
  "StatusReasonCode",
  "BillOfLadingNumber",
  "CarrierProNumber",
  "AppointmentNumber",
  "PickupNumber",
  "RequestedPickupDate",
  "RequestedPickupTime",
  "ScheduledShipDate",
  "ScheduledShipTime",
  "CurrentScheduledDeliveryDate",
  "CurrentScheduledDeliveryTime",
  "CurrentScheduledShipDate",
  "CurrentScheduledShipTime",
  "DocumentVersion",
  "DocumentRevision",
]);

const ORDER_HEADER = one("OrderHeader", [
  "DepositorOrderNumber",
  "InternalOrderNumber",
  "InternalOrderDate",
  "InvoiceNumber",
  "InvoiceDate",
  "PurchaseOrderNumber",
  "ReleaseNumber",
  "PurchaseOrderDate",
  "Department",
  "DepartmentDescription",
  "Vendor",
  "JobNumber",
  "Division",
  "CustomerAccountNumber",
  "CustomerOrderNumber",
  "DeliveryDate",
  "DeliveryTime",
]);

const SHIPMENT_LINE = one("ShipmentLine", [
  ITEM_IDENTIFIERS,
  num("OrderQty"),
  "OrderQtyUOM",
  "PurchasePriceType",
  num("PurchasePrice"),
  "PurchasePriceBasis",
  "ItemStatusCode",
  num("ShipQty"),
  "ShipQtyUOM",
  num("CumulativeQty"),
  "ShipDate",
  num("QtyLeftToReceive"),
  PRODUCT_ATTRIBUTES,
  "Department",
  "DepartmentDescription",
  "Class",
  "SellerDateCode",
]);

// One ShipmentLine per ItemLevel: it is a single object in the schema (§3.5).
const ITEM_LEVEL = many("ItemLevel", [
  SHIPMENT_LINE,
  PHYSICAL_DETAILS,
  CARRIER_INFORMATION,
  PRICE_INFORMATION,
  PRODUCT_OR_ITEM_DESCRIPTION,
  DATES,
  REFERENCES,
  NOTES,
  ADDRESS,
  TAXES,
  CHARGES_ALLOWANCES,
]);

const PACK = one("Pack", ["PackLevelType", "ShippingSerialID", "CarrierPackageID"]);
const MARKS_AND_NUMBERS = many("MarksAndNumbersCollection", ["MarksAndNumbersQualifier1", "MarksAndNumbers1"]);
const PACK_LEVEL_BODY = fields(PACK, PHYSICAL_DETAILS, MARKS_AND_NUMBERS, DATES, REFERENCES, NOTES, ADDRESS, CARRIER_INFORMATION);

/** A carton (PackLevelType P) holds ItemLevels; a tare/pallet (T) holds cartons: Shipment/Order/Tare/Pack/Item. */
const PACK_LEVEL = many("PackLevel", [PACK_LEVEL_BODY, ITEM_LEVEL, many("PackLevel", [PACK_LEVEL_BODY, ITEM_LEVEL])]);

const ORDER_LEVEL = many("OrderLevel", [
  ORDER_HEADER,
  QUANTITY_AND_WEIGHT,
  CARRIER_INFORMATION,
  DATES,
  REFERENCES,
  NOTES,
  ADDRESS,
  TAXES,
  CHARGES_ALLOWANCES,
  PACK_LEVEL,
]);

export const SHIPMENT = one("Shipment", [
  one("Header", [
    SHIPMENT_HEADER,
    DATES,
    REFERENCES,
    NOTES,
    CONTACTS,
    ADDRESS,
    CARRIER_INFORMATION,
    QUANTITY_AND_WEIGHT,
    TAXES,
    CHARGES_ALLOWANCES,
    FOB_RELATED_INSTRUCTION,
    QUANTITY_TOTALS,
  ]),
  ORDER_LEVEL,
  one("Summary", [int("TotalOrders"), int("TotalLineItemNumber")]),
]);
