// The plain tree both readers produce: RSX element names as keys, text leaves as strings (ids keep their
// leading zeros), repeatable groups always as arrays. XML and JSON input yield the same tree shape.

/** RSX XML default namespace (sps-commerce.md §3.1). */
export const RSX_NAMESPACE = "http://www.spscommerce.com/RSX";

export type RsxValue = string | RsxObject | RsxValue[];
export interface RsxObject {
  [name: string]: RsxValue;
}

/**
 * Element names that repeat in RSX 7.7, so a lone occurrence is still read as a one-element array
 * (sps-commerce.md §4 item 8). The list is the union of every array-typed property in SPS's 7.7 JSON
 * schemas (Invoices, OrderAcks, ProductActivities, ItemRegistries) and the arrays in SPS's 850/856 sample
 * documents (§3.2–3.8). Two of them (Dates, References) are single objects under the 852's
 * ProductActivityReporting; forcing an array there is harmless and keeps one rule for all readers.
 */
export const REPEATABLE_ELEMENTS: ReadonlySet<string> = new Set([
  "AdditionalContactDetails",
  "AdditionalPOTypeCodes",
  "Address",
  "CarrierInformation",
  "CarrierSpecialHandlingDetail",
  "ChargesAllowances",
  "Commodity",
  "ConditionOfSale",
  "Contacts",
  "ContainerLevel",
  "Dates",
  "FloorReady",
  "FOBRelatedInstruction",
  "HazardousInformation",
  "ItemAttribute",
  "ItemLevel",
  "ItemLoadInfo",
  "LeadTime",
  "LineItem",
  "LineItemAcknowledgement",
  "LocationQuantity",
  "LocationQuantityPrice",
  "MarksAndNumbersCollection",
  "MasterItemAttribute",
  "Measurements",
  "MonetaryAmounts",
  "Notes",
  "OrderLevel",
  "PackLevel",
  "Packaging",
  "PalletInformation",
  "Paperwork",
  "PaymentTerms",
  "PhysicalDetails",
  "PreassignedPurchaseOrderNumbers",
  "PriceDetails",
  "PriceInformation",
  "PricingArea",
  "ProductActivityReporting",
  "ProductID",
  "ProductOrItemDescription",
  "ProductTypes",
  "QuantitiesSchedulesLocations",
  "QuantityAndWeight",
  "QuantityTotals",
  "ReferenceIDs",
  "References",
  "RegulatoryCompliances",
  "RequirementLocations",
  "RestrictionsOrConditions",
  "SealNumbers",
  "ServiceLevelCodes",
  "SpecialLabeling",
  "Structure",
  "Subline",
  "Taxes",
]);

export function isRsxObject(value: unknown): value is RsxObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
