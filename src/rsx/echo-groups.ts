// Turns typed 850 groups (and builder inputs of the same shape) back into RSX content, so outbound documents
// echo what the retailer sent: identifiers, addresses, references, descriptions (sps-commerce.md §4 item 10).
import type {
  Address,
  CarrierInformation,
  ChargeAllowance,
  Contact,
  FobRelatedInstruction,
  ItemIdentifiers,
  Note,
  PaymentTerms,
  PhysicalDetails,
  PriceInformation,
  ProductDescription,
  Reference,
  RsxDate,
  Tax,
} from "./common-groups";
import type { OrderLine } from "./order-850";
import type { RsxOut, RsxOutValue } from "./rsx-arrange";

/** An address as builders accept it: the 850's Address, or one from configuration without nested groups. */
export type AddressInput = Omit<Address, "references" | "contacts" | "dates"> &
  Partial<Pick<Address, "references" | "contacts" | "dates">>;

export function dateOut(d: RsxDate): RsxOut {
  return { DateTimeQualifier: d.dateTimeQualifier, Date: d.date, Time: d.time, DateTimePeriod: d.dateTimePeriod };
}

export function referenceOut(r: Reference): RsxOut {
  return {
    ReferenceQual: r.referenceQual,
    ReferenceID: r.referenceID,
    Description: r.description,
    Date: r.date,
    Time: r.time,
    ReferenceIDs: r.referenceIDs.map((x) => ({ ReferenceQual: x.referenceQual, ReferenceID: x.referenceID })),
  };
}

export function noteOut(n: Note): RsxOut {
  return { NoteCode: n.noteCode, Note: n.note, LanguageCode: n.languageCode };
}

export function contactOut(c: Contact): RsxOut {
  return {
    ContactTypeCode: c.contactTypeCode,
    ContactName: c.contactName,
    PrimaryPhone: c.primaryPhone,
    PrimaryFax: c.primaryFax,
    PrimaryEmail: c.primaryEmail,
    ContactReference: c.contactReference,
  };
}

export function addressOut(a: AddressInput): RsxOut {
  return {
    AddressTypeCode: a.addressTypeCode,
    LocationCodeQualifier: a.locationCodeQualifier,
    AddressLocationNumber: a.addressLocationNumber,
    AddressName: a.addressName,
    AddressAlternateName: a.addressAlternateName,
    AddressAlternateName2: a.addressAlternateName2,
    Address1: a.address1,
    Address2: a.address2,
    Address3: a.address3,
    Address4: a.address4,
    City: a.city,
    State: a.state,
    PostalCode: a.postalCode,
    Country: a.country,
    LocationID: a.locationID,
    CountrySubDivision: a.countrySubDivision,
    AddressTaxIdNumber: a.addressTaxIdNumber,
    AddressTaxExemptNumber: a.addressTaxExemptNumber,
    References: (a.references ?? []).map(referenceOut),
    Contacts: (a.contacts ?? []).map(contactOut),
    Dates: (a.dates ?? []).map(dateOut),
  };
}

export function paymentTermsOut(t: PaymentTerms): RsxOut {
  return {
    TermsType: t.termsType,
    TermsBasisDateCode: t.termsBasisDateCode,
    TermsTimeRelationCode: t.termsTimeRelationCode,
    TermsDiscountPercentage: t.termsDiscountPercentage,
    TermsDiscountDate: t.termsDiscountDate,
    TermsDiscountDueDays: t.termsDiscountDueDays,
    TermsNetDueDate: t.termsNetDueDate,
    TermsNetDueDays: t.termsNetDueDays,
    TermsDiscountAmount: t.termsDiscountAmount,
    TermsDeferredDueDate: t.termsDeferredDueDate,
    TermsDeferredAmountDue: t.termsDeferredAmountDue,
    PercentOfInvoicePayable: t.percentOfInvoicePayable,
    TermsDescription: t.termsDescription,
    TermsDueDay: t.termsDueDay,
    PaymentMethodCode: t.paymentMethodCode,
  };
}

export function fobOut(f: FobRelatedInstruction): RsxOut {
  return {
    FOBPayCode: f.fobPayCode,
    FOBLocationQualifier: f.fobLocationQualifier,
    FOBLocationDescription: f.fobLocationDescription,
    FOBTitlePassageCode: f.fobTitlePassageCode,
    FOBTitlePassageLocation: f.fobTitlePassageLocation,
    TransportationTermsType: f.transportationTermsType,
    TransportationTerms: f.transportationTerms,
    RiskOfLossCode: f.riskOfLossCode,
    Description: f.description,
  };
}

export type CarrierInput = Partial<CarrierInformation>;

export function carrierOut(c: CarrierInput): RsxOut {
  return {
    StatusCode: c.statusCode,
    CarrierTransMethodCode: c.carrierTransMethodCode,
    CarrierAlphaCode: c.carrierAlphaCode,
    CarrierRouting: c.carrierRouting,
    EquipmentDescriptionCode: c.equipmentDescriptionCode,
    CarrierEquipmentInitial: c.carrierEquipmentInitial,
    CarrierEquipmentNumber: c.carrierEquipmentNumber,
    ServiceLevelCodes: (c.serviceLevelCodes ?? []).map((code) => ({ ServiceLevelCode: code })),
    SealNumbers: (c.sealNumbers ?? []).map((seal) => ({ SealNumber: seal })),
  };
}

export function taxOut(t: Tax): RsxOut {
  return {
    TaxTypeCode: t.taxTypeCode,
    TaxAmount: t.taxAmount,
    TaxPercentQual: t.taxPercentQual,
    TaxPercent: t.taxPercent,
    JurisdictionQual: t.jurisdictionQual,
    JurisdictionCode: t.jurisdictionCode,
    TaxExemptCode: t.taxExemptCode,
    RelationshipCode: t.relationshipCode,
    PercentDollarBasis: t.percentDollarBasis,
    TaxHandlingCode: t.taxHandlingCode,
    TaxID: t.taxID,
    AssignedID: t.assignedID,
    Description: t.description,
  };
}

export type ChargeAllowanceInput = Omit<ChargeAllowance, "taxes"> & Partial<Pick<ChargeAllowance, "taxes">>;

export function chargeAllowanceOut(c: ChargeAllowanceInput): RsxOut {
  return {
    AllowChrgIndicator: c.allowChrgIndicator,
    AllowChrgCode: c.allowChrgCode,
    AllowChrgAgencyCode: c.allowChrgAgencyCode,
    AllowChrgAgency: c.allowChrgAgency,
    AllowChrgAmt: c.allowChrgAmt,
    AllowChrgPercentQual: c.allowChrgPercentQual,
    AllowChrgPercent: c.allowChrgPercent,
    PercentDollarBasis: c.percentDollarBasis,
    AllowChrgRate: c.allowChrgRate,
    AllowChrgQtyUOM: c.allowChrgQtyUOM,
    AllowChrgQty: c.allowChrgQty,
    AllowChrgHandlingCode: c.allowChrgHandlingCode,
    ReferenceIdentification: c.referenceIdentification,
    AllowChrgHandlingDescription: c.allowChrgHandlingDescription,
    Taxes: (c.taxes ?? []).map(taxOut),
  };
}

export function physicalDetailsOut(p: PhysicalDetails): RsxOut {
  return {
    PackQualifier: p.packQualifier,
    PackValue: p.packValue,
    PackSize: p.packSize,
    PackUOM: p.packUOM,
    PackingMedium: p.packingMedium,
    PackingMaterial: p.packingMaterial,
    WeightQualifier: p.weightQualifier,
    PackWeight: p.packWeight,
    PackWeightUOM: p.packWeightUOM,
    PackVolume: p.packVolume,
    PackVolumeUOM: p.packVolumeUOM,
    PackLength: p.packLength,
    PackWidth: p.packWidth,
    PackHeight: p.packHeight,
    DimensionUOM: p.dimensionUOM,
    Description: p.description,
  };
}

export function priceInformationOut(p: PriceInformation): RsxOut {
  return {
    ChangeReasonCode: p.changeReasonCode,
    EffectiveDate: p.effectiveDate,
    PriceTypeIDCode: p.priceTypeIDCode,
    UnitPrice: p.unitPrice,
    UnitPriceBasis: p.unitPriceBasis,
    Currency: p.currency,
    Quantity: p.quantity,
    QuantityUOM: p.quantityUOM,
    Description: p.description,
  };
}

export function productDescriptionOut(p: ProductDescription): RsxOut {
  return {
    ProductCharacteristicCode: p.productCharacteristicCode,
    AgencyQualifierCode: p.agencyQualifierCode,
    ProductDescriptionCode: p.productDescriptionCode,
    ProductDescription: p.productDescription,
    LanguageCode: p.languageCode,
  };
}

/** The line's identifiers exactly as the 850 sent them (LineSequenceNumber through ProductID). */
export function itemIdentifiersOut(line: ItemIdentifiers): Record<string, RsxOutValue> {
  return {
    LineSequenceNumber: line.lineSequenceNumber,
    ApplicationId: line.applicationId,
    BuyerPartNumber: line.buyerPartNumber,
    VendorPartNumber: line.vendorPartNumber,
    ConsumerPackageCode: line.consumerPackageCode,
    EAN: line.ean,
    GTIN: line.gtin,
    UPCCaseCode: line.upcCaseCode,
    NatlDrugCode: line.natlDrugCode,
    InternationalStandardBookNumber: line.internationalStandardBookNumber,
    ProductID: line.productIDs.map((p) => ({ PartNumberQual: p.partNumberQual, PartNumber: p.partNumber })),
  };
}

/** Size/colour/material/process codes and descriptions as the 850 sent them. */
export function productAttributesOut(line: OrderLine): Record<string, RsxOutValue> {
  return {
    ProductSizeCode: line.productSizeCode,
    ProductSizeDescription: line.productSizeDescription,
    ProductColorCode: line.productColorCode,
    ProductColorDescription: line.productColorDescription,
    ProductMaterialCode: line.productMaterialCode,
    ProductMaterialDescription: line.productMaterialDescription,
    ProductProcessCode: line.productProcessCode,
    ProductProcessDescription: line.productProcessDescription,
  };
}
