// Element tables for the RSX 7.7 groups shared by the outbound documents, in schema order (sps-commerce.md
// §3.2; checked against SPS's Invoices.json and OrderAcks.json by `npm run conformance`). Groups we never
// emit (Measurements, Commodity, Subline…) are left out; the tables only need what builders can produce.
import { fields, int, many, num } from "./element-spec";

export const DATES = many("Dates", ["DateTimeQualifier", "Date", "Time", "DateTimePeriod"]);

export const REFERENCES = many("References", [
  "ReferenceQual",
  "ReferenceID",
  "Description",
  "Date",
  "Time",
  many("ReferenceIDs", ["ReferenceQual", "ReferenceID"]),
]);

export const NOTES = many("Notes", ["NoteCode", "Note", "LanguageCode"]);

export const CONTACTS = many("Contacts", [
  "ContactTypeCode",
  "ContactName",
  "PrimaryPhone",
  "PrimaryFax",
  "PrimaryEmail",
  many("AdditionalContactDetails", ["ContactQual", "ContactID"]),
  "ContactReference",
]);

export const ADDRESS = many("Address", [
  "AddressTypeCode",
  "LocationCodeQualifier",
  "AddressLocationNumber",
  "AddressName",
  "AddressAlternateName",
  "AddressAlternateName2",
  "Address1",
  "Address2",
  "Address3",
  "Address4",
  "City",
  "State",
  "PostalCode",
  "Country",
  "LocationID",
  "CountrySubDivision",
  "AddressTaxIdNumber",
  "AddressTaxExemptNumber",
  REFERENCES,
  CONTACTS,
  DATES,
]);

export const PAYMENT_TERMS = many("PaymentTerms", [
  "TermsType",
  "TermsBasisDateCode",
  "TermsTimeRelationCode",
  num("TermsDiscountPercentage"),
  "TermsDiscountDate",
  int("TermsDiscountDueDays"),
  "TermsNetDueDate",
  int("TermsNetDueDays"),
  num("TermsDiscountAmount"),
  "TermsDeferredDueDate",
  num("TermsDeferredAmountDue"),
  num("PercentOfInvoicePayable"),
  "TermsDescription",
  int("TermsDueDay"),
  "PaymentMethodCode",
]);

export const FOB_RELATED_INSTRUCTION = many("FOBRelatedInstruction", [
  "FOBPayCode",
  "FOBLocationQualifier",
  "FOBLocationDescription",
  "FOBTitlePassageCode",
  "FOBTitlePassageLocation",
  "TransportationTermsType",
  "TransportationTerms",
  "RiskOfLossCode",
  "Description",
]);

// TransitTimeQual(ifier)/TransitTime are left out: their name differs between the 855 and 810 schemas.
export const CARRIER_INFORMATION = many("CarrierInformation", [
  "StatusCode",
  "CarrierTransMethodCode",
  "CarrierAlphaCode",
  "CarrierRouting",
  "EquipmentDescriptionCode",
  "CarrierEquipmentInitial",
  "CarrierEquipmentNumber",
  "EquipmentType",
  "OwnershipCode",
  "RoutingSequenceCode",
  "TransitDirectionCode",
  many("ServiceLevelCodes", ["ServiceLevelCode"]),
  many("SealNumbers", ["SealStatusCode", "SealNumber"]),
]);

export const TAXES = many("Taxes", [
  "TaxTypeCode",
  num("TaxAmount"),
  "TaxPercentQual",
  num("TaxPercent"),
  "JurisdictionQual",
  "JurisdictionCode",
  "TaxExemptCode",
  "RelationshipCode",
  num("PercentDollarBasis"),
  "TaxHandlingCode",
  "TaxID",
  "AssignedID",
  "Description",
]);

export const CHARGES_ALLOWANCES = many("ChargesAllowances", [
  "AllowChrgIndicator",
  "AllowChrgCode",
  "AllowChrgAgencyCode",
  "AllowChrgAgency",
  num("AllowChrgAmt"),
  "AllowChrgPercentQual",
  num("AllowChrgPercent"),
  num("PercentDollarBasis"),
  num("AllowChrgRate"),
  "AllowChrgQtyUOM",
  num("AllowChrgQty"),
  "AllowChrgHandlingCode",
  "ReferenceIdentification",
  "AllowChrgHandlingDescription",
  TAXES,
]);

export const QUANTITY_TOTALS = many("QuantityTotals", [
  "QuantityTotalsQualifier",
  num("Quantity"),
  "QuantityUOM",
  "WeightQualifier",
  num("Weight"),
  "WeightUOM",
  num("Volume"),
  "VolumeUOM",
  "Description",
]);

export const QUANTITY_AND_WEIGHT = many("QuantityAndWeight", [
  "PackingMedium",
  "PackingMaterial",
  int("LadingQuantity"),
  "LadingDescription",
  "WeightQualifier",
  num("Weight"),
  "WeightUOM",
  num("Volume"),
  "VolumeUOM",
  "PalletExchangeCode",
]);

export const PHYSICAL_DETAILS = many("PhysicalDetails", [
  "PackQualifier",
  int("PackValue"),
  num("PackSize"),
  "PackUOM",
  "PackingMedium",
  "PackingMaterial",
  "WeightQualifier",
  num("PackWeight"),
  "PackWeightUOM",
  num("PackVolume"),
  "PackVolumeUOM",
  num("PackLength"),
  num("PackWidth"),
  num("PackHeight"),
  "DimensionUOM",
  "Description",
]);

export const PRICE_INFORMATION = many("PriceInformation", [
  "ChangeReasonCode",
  "EffectiveDate",
  "PriceTypeIDCode",
  num("UnitPrice"),
  "UnitPriceBasis",
  num("UnitPriceBasisMultiplier"),
  "Currency",
  "PriceMultiplierQual",
  num("PriceMultiplier"),
  num("RebateAmount"),
  num("Quantity"),
  "QuantityUOM",
  num("MultiplePriceQuantity"),
  "ClassOfTradeCode",
  "ConditionValue",
  "Description",
]);

export const PRODUCT_OR_ITEM_DESCRIPTION = many("ProductOrItemDescription", [
  "ProductCharacteristicCode",
  "AgencyQualifierCode",
  "ProductDescriptionCode",
  "ProductDescription",
  "SurfaceLayerPositionCode",
  "SourceSubqualifier",
  "YesOrNoResponse",
  "LanguageCode",
]);

export const QUANTITIES_SCHEDULES_LOCATIONS = many("QuantitiesSchedulesLocations", [
  "QuantityQualifier",
  num("TotalQty"),
  "TotalQtyUOM",
  "QuantityDescription",
  "LocationCodeQualifier",
  "LocationDescription",
  many("LocationQuantity", ["Location", num("Qty")]),
  DATES,
]);

/** The identifiers every line record starts with, in order (§3.2). */
export const ITEM_IDENTIFIERS = fields(
  "LineSequenceNumber",
  "ApplicationId",
  "BuyerPartNumber",
  "VendorPartNumber",
  "ConsumerPackageCode",
  "EAN",
  "GTIN",
  "UPCCaseCode",
  "NatlDrugCode",
  "InternationalStandardBookNumber",
  many("ProductID", ["PartNumberQual", "PartNumber"]),
);

/** Size/colour/material/process descriptions, in the same place on every line record. */
export const PRODUCT_ATTRIBUTES = fields(
  "ProductSizeCode",
  "ProductSizeDescription",
  "ProductColorCode",
  "ProductColorDescription",
  "ProductMaterialCode",
  "ProductMaterialDescription",
  "ProductProcessCode",
  "ProductProcessDescription",
);

