// Typed models and tree schemas for the RSX 7.7 groups every document shares (sps-commerce.md §3.2):
// Address, Dates, References, Notes, Contacts, PaymentTerms, FOB, CarrierInformation, ChargesAllowances,
// Taxes, QuantityTotals, PhysicalDetails, PriceInformation, ProductOrItemDescription, ProductID and the
// store-level QuantitiesSchedulesLocations. Model field names are the RSX names with the leading capital
// (or leading acronym) lowered: AddressLocationNumber → addressLocationNumber, UPCCaseCode → upcCaseCode.
import { decimal, integer, list, rsxGroup, text } from "./rsx-fields";

export interface RsxDate {
  dateTimeQualifier?: string;
  date?: string;
  time?: string;
  dateTimePeriod?: string;
}
export const datesSchema = rsxGroup<RsxDate>({
  DateTimeQualifier: ["dateTimeQualifier", text],
  Date: ["date", text],
  Time: ["time", text],
  DateTimePeriod: ["dateTimePeriod", text],
});

export interface Reference {
  referenceQual?: string;
  referenceID?: string;
  description?: string;
  date?: string;
  time?: string;
  referenceIDs: Array<{ referenceQual?: string; referenceID?: string }>;
}
const referenceIdsSchema = rsxGroup<{ referenceQual?: string; referenceID?: string }>({
  ReferenceQual: ["referenceQual", text],
  ReferenceID: ["referenceID", text],
});
export const referencesSchema = rsxGroup<Reference>({
  ReferenceQual: ["referenceQual", text],
  ReferenceID: ["referenceID", text],
  Description: ["description", text],
  Date: ["date", text],
  Time: ["time", text],
  ReferenceIDs: ["referenceIDs", list(referenceIdsSchema)],
});

export interface Note {
  noteCode?: string;
  note?: string;
  languageCode?: string;
}
export const notesSchema = rsxGroup<Note>({
  NoteCode: ["noteCode", text],
  Note: ["note", text],
  LanguageCode: ["languageCode", text],
});

export interface Contact {
  contactTypeCode?: string;
  contactName?: string;
  primaryPhone?: string;
  primaryFax?: string;
  primaryEmail?: string;
  contactReference?: string;
}
export const contactsSchema = rsxGroup<Contact>({
  ContactTypeCode: ["contactTypeCode", text],
  ContactName: ["contactName", text],
  PrimaryPhone: ["primaryPhone", text],
  PrimaryFax: ["primaryFax", text],
  PrimaryEmail: ["primaryEmail", text],
  ContactReference: ["contactReference", text],
});

export interface Address {
  /** ST ship-to, BT bill-to, Z7 mark-for, SF ship-from, RI remit-to, BY buyer, VN vendor… (§3.3). */
  addressTypeCode?: string;
  /** 92 = buyer's location (store/DC) number, UL = GLN, 1 = DUNS… (§3.3). */
  locationCodeQualifier?: string;
  /** Store or DC number; a string, leading zeros kept. */
  addressLocationNumber?: string;
  addressName?: string;
  addressAlternateName?: string;
  addressAlternateName2?: string;
  address1?: string;
  address2?: string;
  address3?: string;
  address4?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  locationID?: string;
  countrySubDivision?: string;
  addressTaxIdNumber?: string;
  addressTaxExemptNumber?: string;
  references: Reference[];
  contacts: Contact[];
  dates: RsxDate[];
}
export const addressSchema = rsxGroup<Address>({
  AddressTypeCode: ["addressTypeCode", text],
  LocationCodeQualifier: ["locationCodeQualifier", text],
  AddressLocationNumber: ["addressLocationNumber", text],
  AddressName: ["addressName", text],
  AddressAlternateName: ["addressAlternateName", text],
  AddressAlternateName2: ["addressAlternateName2", text],
  Address1: ["address1", text],
  Address2: ["address2", text],
  Address3: ["address3", text],
  Address4: ["address4", text],
  City: ["city", text],
  State: ["state", text],
  PostalCode: ["postalCode", text],
  Country: ["country", text],
  LocationID: ["locationID", text],
  CountrySubDivision: ["countrySubDivision", text],
  AddressTaxIdNumber: ["addressTaxIdNumber", text],
  AddressTaxExemptNumber: ["addressTaxExemptNumber", text],
  References: ["references", list(referencesSchema)],
  Contacts: ["contacts", list(contactsSchema)],
  Dates: ["dates", list(datesSchema)],
});

export interface PaymentTerms {
  termsType?: string;
  termsBasisDateCode?: string;
  termsTimeRelationCode?: string;
  termsDiscountPercentage?: number;
  termsDiscountDate?: string;
  termsDiscountDueDays?: number;
  termsNetDueDate?: string;
  termsNetDueDays?: number;
  termsDiscountAmount?: number;
  termsDeferredDueDate?: string;
  termsDeferredAmountDue?: number;
  percentOfInvoicePayable?: number;
  termsDescription?: string;
  termsDueDay?: number;
  paymentMethodCode?: string;
}
export const paymentTermsSchema = rsxGroup<PaymentTerms>({
  TermsType: ["termsType", text],
  TermsBasisDateCode: ["termsBasisDateCode", text],
  TermsTimeRelationCode: ["termsTimeRelationCode", text],
  TermsDiscountPercentage: ["termsDiscountPercentage", decimal],
  TermsDiscountDate: ["termsDiscountDate", text],
  TermsDiscountDueDays: ["termsDiscountDueDays", integer],
  TermsNetDueDate: ["termsNetDueDate", text],
  TermsNetDueDays: ["termsNetDueDays", integer],
  TermsDiscountAmount: ["termsDiscountAmount", decimal],
  TermsDeferredDueDate: ["termsDeferredDueDate", text],
  TermsDeferredAmountDue: ["termsDeferredAmountDue", decimal],
  PercentOfInvoicePayable: ["percentOfInvoicePayable", decimal],
  TermsDescription: ["termsDescription", text],
  TermsDueDay: ["termsDueDay", integer],
  PaymentMethodCode: ["paymentMethodCode", text],
});

export interface FobRelatedInstruction {
  fobPayCode?: string;
  fobLocationQualifier?: string;
  fobLocationDescription?: string;
  fobTitlePassageCode?: string;
  fobTitlePassageLocation?: string;
  transportationTermsType?: string;
  transportationTerms?: string;
  riskOfLossCode?: string;
  description?: string;
}
export const fobSchema = rsxGroup<FobRelatedInstruction>({
  FOBPayCode: ["fobPayCode", text],
  FOBLocationQualifier: ["fobLocationQualifier", text],
  FOBLocationDescription: ["fobLocationDescription", text],
  FOBTitlePassageCode: ["fobTitlePassageCode", text],
  FOBTitlePassageLocation: ["fobTitlePassageLocation", text],
  TransportationTermsType: ["transportationTermsType", text],
  TransportationTerms: ["transportationTerms", text],
  RiskOfLossCode: ["riskOfLossCode", text],
  Description: ["description", text],
});

export interface CarrierInformation {
  statusCode?: string;
  carrierTransMethodCode?: string;
  /** SCAC. */
  carrierAlphaCode?: string;
  carrierRouting?: string;
  equipmentDescriptionCode?: string;
  carrierEquipmentInitial?: string;
  carrierEquipmentNumber?: string;
  serviceLevelCodes: string[];
  sealNumbers: string[];
}
const serviceLevelSchema = rsxGroup<{ serviceLevelCode?: string }>({ ServiceLevelCode: ["serviceLevelCode", text] });
const sealNumberSchema = rsxGroup<{ sealNumber?: string }>({ SealNumber: ["sealNumber", text] });
export const carrierInformationSchema = rsxGroup<Omit<CarrierInformation, "serviceLevelCodes" | "sealNumbers"> & {
  serviceLevelCodes: Array<{ serviceLevelCode?: string }>;
  sealNumbers: Array<{ sealNumber?: string }>;
}>({
  StatusCode: ["statusCode", text],
  CarrierTransMethodCode: ["carrierTransMethodCode", text],
  CarrierAlphaCode: ["carrierAlphaCode", text],
  CarrierRouting: ["carrierRouting", text],
  EquipmentDescriptionCode: ["equipmentDescriptionCode", text],
  CarrierEquipmentInitial: ["carrierEquipmentInitial", text],
  CarrierEquipmentNumber: ["carrierEquipmentNumber", text],
  ServiceLevelCodes: ["serviceLevelCodes", list(serviceLevelSchema)],
  SealNumbers: ["sealNumbers", list(sealNumberSchema)],
}).transform(
  (c): CarrierInformation => ({
    ...c,
    serviceLevelCodes: c.serviceLevelCodes.flatMap((s) => (s.serviceLevelCode ? [s.serviceLevelCode] : [])),
    sealNumbers: c.sealNumbers.flatMap((s) => (s.sealNumber ? [s.sealNumber] : [])),
  }),
);

export interface Tax {
  taxTypeCode?: string;
  taxAmount?: number;
  taxPercentQual?: string;
  taxPercent?: number;
  jurisdictionQual?: string;
  jurisdictionCode?: string;
  taxExemptCode?: string;
  relationshipCode?: string;
  percentDollarBasis?: number;
  taxHandlingCode?: string;
  taxID?: string;
  assignedID?: string;
  description?: string;
}
export const taxesSchema = rsxGroup<Tax>({
  TaxTypeCode: ["taxTypeCode", text],
  TaxAmount: ["taxAmount", decimal],
  TaxPercentQual: ["taxPercentQual", text],
  TaxPercent: ["taxPercent", decimal],
  JurisdictionQual: ["jurisdictionQual", text],
  JurisdictionCode: ["jurisdictionCode", text],
  TaxExemptCode: ["taxExemptCode", text],
  RelationshipCode: ["relationshipCode", text],
  PercentDollarBasis: ["percentDollarBasis", decimal],
  TaxHandlingCode: ["taxHandlingCode", text],
  TaxID: ["taxID", text],
  AssignedID: ["assignedID", text],
  Description: ["description", text],
});

export interface ChargeAllowance {
  /** A allowance, C charge, N no allowance or charge. */
  allowChrgIndicator?: string;
  /** D240 freight, C310 discount, D500 handling, … (§3.6). */
  allowChrgCode?: string;
  allowChrgAgencyCode?: string;
  allowChrgAgency?: string;
  allowChrgAmt?: number;
  allowChrgPercentQual?: string;
  allowChrgPercent?: number;
  percentDollarBasis?: number;
  allowChrgRate?: number;
  allowChrgQtyUOM?: string;
  allowChrgQty?: number;
  allowChrgHandlingCode?: string;
  referenceIdentification?: string;
  allowChrgHandlingDescription?: string;
  taxes: Tax[];
}
export const chargesAllowancesSchema = rsxGroup<ChargeAllowance>({
  AllowChrgIndicator: ["allowChrgIndicator", text],
  AllowChrgCode: ["allowChrgCode", text],
  AllowChrgAgencyCode: ["allowChrgAgencyCode", text],
  AllowChrgAgency: ["allowChrgAgency", text],
  AllowChrgAmt: ["allowChrgAmt", decimal],
  AllowChrgPercentQual: ["allowChrgPercentQual", text],
  AllowChrgPercent: ["allowChrgPercent", decimal],
  PercentDollarBasis: ["percentDollarBasis", decimal],
  AllowChrgRate: ["allowChrgRate", decimal],
  AllowChrgQtyUOM: ["allowChrgQtyUOM", text],
  AllowChrgQty: ["allowChrgQty", decimal],
  AllowChrgHandlingCode: ["allowChrgHandlingCode", text],
  ReferenceIdentification: ["referenceIdentification", text],
  AllowChrgHandlingDescription: ["allowChrgHandlingDescription", text],
  Taxes: ["taxes", list(taxesSchema)],
});

export interface QuantityTotals {
  /** SQT summary, LQT line. */
  quantityTotalsQualifier?: string;
  quantity?: number;
  quantityUOM?: string;
  weightQualifier?: string;
  weight?: number;
  weightUOM?: string;
  volume?: number;
  volumeUOM?: string;
  description?: string;
}
export const quantityTotalsSchema = rsxGroup<QuantityTotals>({
  QuantityTotalsQualifier: ["quantityTotalsQualifier", text],
  Quantity: ["quantity", decimal],
  QuantityUOM: ["quantityUOM", text],
  WeightQualifier: ["weightQualifier", text],
  Weight: ["weight", decimal],
  WeightUOM: ["weightUOM", text],
  Volume: ["volume", decimal],
  VolumeUOM: ["volumeUOM", text],
  Description: ["description", text],
});

export interface PhysicalDetails {
  /** OU outer pack, IN inner pack, CP consumer pack. */
  packQualifier?: string;
  /** Units of PackUOM per pack (an integer in 7.7). */
  packValue?: number;
  packSize?: number;
  packUOM?: string;
  packingMedium?: string;
  packingMaterial?: string;
  weightQualifier?: string;
  packWeight?: number;
  packWeightUOM?: string;
  packVolume?: number;
  packVolumeUOM?: string;
  packLength?: number;
  packWidth?: number;
  packHeight?: number;
  dimensionUOM?: string;
  description?: string;
}
export const physicalDetailsSchema = rsxGroup<PhysicalDetails>({
  PackQualifier: ["packQualifier", text],
  PackValue: ["packValue", integer],
  PackSize: ["packSize", decimal],
  PackUOM: ["packUOM", text],
  PackingMedium: ["packingMedium", text],
  PackingMaterial: ["packingMaterial", text],
  WeightQualifier: ["weightQualifier", text],
  PackWeight: ["packWeight", decimal],
  PackWeightUOM: ["packWeightUOM", text],
  PackVolume: ["packVolume", decimal],
  PackVolumeUOM: ["packVolumeUOM", text],
  PackLength: ["packLength", decimal],
  PackWidth: ["packWidth", decimal],
  PackHeight: ["packHeight", decimal],
  DimensionUOM: ["dimensionUOM", text],
  Description: ["description", text],
});

export interface PriceInformation {
  changeReasonCode?: string;
  effectiveDate?: string;
  /** RTL retail, WHL wholesale, UCP unit cost… */
  priceTypeIDCode?: string;
  unitPrice?: number;
  unitPriceBasis?: string;
  currency?: string;
  quantity?: number;
  quantityUOM?: string;
  description?: string;
}
export const priceInformationSchema = rsxGroup<PriceInformation>({
  ChangeReasonCode: ["changeReasonCode", text],
  EffectiveDate: ["effectiveDate", text],
  PriceTypeIDCode: ["priceTypeIDCode", text],
  UnitPrice: ["unitPrice", decimal],
  UnitPriceBasis: ["unitPriceBasis", text],
  Currency: ["currency", text],
  Quantity: ["quantity", decimal],
  QuantityUOM: ["quantityUOM", text],
  Description: ["description", text],
});

export interface ProductDescription {
  /** 08 = product description. */
  productCharacteristicCode?: string;
  agencyQualifierCode?: string;
  productDescriptionCode?: string;
  productDescription?: string;
  languageCode?: string;
}
export const productDescriptionSchema = rsxGroup<ProductDescription>({
  ProductCharacteristicCode: ["productCharacteristicCode", text],
  AgencyQualifierCode: ["agencyQualifierCode", text],
  ProductDescriptionCode: ["productDescriptionCode", text],
  ProductDescription: ["productDescription", text],
  LanguageCode: ["languageCode", text],
});

export interface ProductID {
  /** MG manufacturer part, SK SKU, VA vendor style, CB buyer catalog… */
  partNumberQual?: string;
  partNumber?: string;
}
export const productIdSchema = rsxGroup<ProductID>({
  PartNumberQual: ["partNumberQual", text],
  PartNumber: ["partNumber", text],
});

export interface LocationQuantity {
  /** Store or DC number (interpreted with the group's LocationCodeQualifier, usually 92). */
  location?: string;
  qty?: number;
}
export interface QuantitiesSchedulesLocations {
  quantityQualifier?: string;
  totalQty?: number;
  totalQtyUOM?: string;
  quantityDescription?: string;
  locationCodeQualifier?: string;
  locationDescription?: string;
  locationQuantities: LocationQuantity[];
  dates: RsxDate[];
}
const locationQuantitySchema = rsxGroup<LocationQuantity>({
  Location: ["location", text],
  Qty: ["qty", decimal],
});
export const quantitiesSchedulesLocationsSchema = rsxGroup<QuantitiesSchedulesLocations>({
  QuantityQualifier: ["quantityQualifier", text],
  TotalQty: ["totalQty", decimal],
  TotalQtyUOM: ["totalQtyUOM", text],
  QuantityDescription: ["quantityDescription", text],
  LocationCodeQualifier: ["locationCodeQualifier", text],
  LocationDescription: ["locationDescription", text],
  LocationQuantity: ["locationQuantities", list(locationQuantitySchema)],
  Dates: ["dates", list(datesSchema)],
});

/** The item identifiers every RSX line record carries, in schema order (§3.2). */
export interface ItemIdentifiers {
  lineSequenceNumber?: string;
  applicationId?: string;
  buyerPartNumber?: string;
  vendorPartNumber?: string;
  /** UPC-A (12 digits). */
  consumerPackageCode?: string;
  ean?: string;
  /** GTIN-14. */
  gtin?: string;
  upcCaseCode?: string;
  natlDrugCode?: string;
  internationalStandardBookNumber?: string;
  productIDs: ProductID[];
}
export const itemIdentifierFields = {
  LineSequenceNumber: ["lineSequenceNumber", text],
  ApplicationId: ["applicationId", text],
  BuyerPartNumber: ["buyerPartNumber", text],
  VendorPartNumber: ["vendorPartNumber", text],
  ConsumerPackageCode: ["consumerPackageCode", text],
  EAN: ["ean", text],
  GTIN: ["gtin", text],
  UPCCaseCode: ["upcCaseCode", text],
  NatlDrugCode: ["natlDrugCode", text],
  InternationalStandardBookNumber: ["internationalStandardBookNumber", text],
  ProductID: ["productIDs", list(productIdSchema)],
} as const;
