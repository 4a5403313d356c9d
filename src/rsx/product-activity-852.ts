// The typed RSX 7.7 852 product activity report (sps-commerce.md §3.7): the report period and, per item, the
// activities (QS sold, QA on hand, QP on order, …) with quantities per location. Required: TradingPartnerId
// and ReportStartDate (the schema's required set). No SPS 852 sample exists; shapes follow the schema.
import { z } from "zod";
import { ok } from "../lib/result";
import {
  addressSchema,
  contactsSchema,
  datesSchema,
  itemIdentifierFields,
  notesSchema,
  priceInformationSchema,
  productDescriptionSchema,
  referencesSchema,
  type Address,
  type Contact,
  type ItemIdentifiers,
  type Note,
  type PriceInformation,
  type ProductDescription,
  type Reference,
  type RsxDate,
} from "./common-groups";
import type { ReadLimits, RsxFormat } from "./input-text";
import { decimal, integer, list, optionalGroup, requiredText, rsxGroup, text, withRawTree } from "./rsx-fields";
import type { RsxResult } from "./rsx-result";
import type { RsxObject } from "./rsx-tree";
import { parseTypedDocuments, type DocumentKind } from "./typed-documents";

export interface ReportHeader {
  tradingPartnerId: string;
  reportStartDate: string;
  reportEndDate?: string;
  /** F plan & submit suggested POs, G plan orders & ship, H notification only. */
  activityHandlingCode?: string;
  department?: string;
  departmentDescription?: string;
  vendor?: string;
  documentVersion?: string;
  documentRevision?: string;
  tsetPurposeCode?: string;
}
const reportHeaderSchema = rsxGroup<ReportHeader>({
  TradingPartnerId: ["tradingPartnerId", requiredText],
  ReportStartDate: ["reportStartDate", requiredText],
  ReportEndDate: ["reportEndDate", text],
  ActivityHandlingCode: ["activityHandlingCode", text],
  Department: ["department", text],
  DepartmentDescription: ["departmentDescription", text],
  Vendor: ["vendor", text],
  DocumentVersion: ["documentVersion", text],
  DocumentRevision: ["documentRevision", text],
  TsetPurposeCode: ["tsetPurposeCode", text],
});

export interface LocationActivity {
  /** Store or DC number, read with the activity's LocationCodeQualifier (usually 92). */
  location?: string;
  locationQty?: number;
  locationQtyUOM?: string;
  spsLocationUID?: string;
  priceTypeIDCode?: string;
  unitPrice?: number;
  currency?: string;
  dates: RsxDate[];
}
const locationQuantityPriceSchema = rsxGroup<LocationActivity>({
  Location: ["location", text],
  LocationQty: ["locationQty", decimal],
  LocationQtyUOM: ["locationQtyUOM", text],
  SPSLocationUID: ["spsLocationUID", text],
  Dates: ["dates", list(datesSchema)],
  PriceTypeIDCode: ["priceTypeIDCode", text],
  UnitPrice: ["unitPrice", decimal],
  Currency: ["currency", text],
});

export interface ProductActivityReporting {
  /** QS quantity sold, QA on hand, QP on order, QR received, QU returned, QO out of stock… (§3.7). */
  activityCode?: string;
  totalQty?: number;
  totalQtyUOM?: string;
  dates: RsxDate[];
  references: Reference[];
  locationCodeQualifier?: string;
  locationDescription?: string;
  locations: LocationActivity[];
}
const activitySchema = rsxGroup<ProductActivityReporting>({
  ActivityCode: ["activityCode", text],
  TotalQty: ["totalQty", decimal],
  TotalQtyUOM: ["totalQtyUOM", text],
  Dates: ["dates", list(datesSchema)],
  References: ["references", list(referencesSchema)],
  LocationCodeQualifier: ["locationCodeQualifier", text],
  LocationDescription: ["locationDescription", text],
  LocationQuantityPrice: ["locations", list(locationQuantityPriceSchema)],
});

export interface ReportLine extends ItemIdentifiers {
  spsItemUID?: string;
  purchasePrice?: number;
  purchasePriceBasis?: string;
  productSizeDescription?: string;
  productColorDescription?: string;
  department?: string;
  priceInformation: PriceInformation[];
  productDescriptions: ProductDescription[];
  activities: ProductActivityReporting[];
}
type ReportLineRecord = Omit<ReportLine, "priceInformation" | "productDescriptions" | "activities">;
const reportLineSchema = rsxGroup<ReportLineRecord>({
  ...itemIdentifierFields,
  SPSItemUID: ["spsItemUID", text],
  PurchasePrice: ["purchasePrice", decimal],
  PurchasePriceBasis: ["purchasePriceBasis", text],
  ProductSizeDescription: ["productSizeDescription", text],
  ProductColorDescription: ["productColorDescription", text],
  Department: ["department", text],
});
/** One <LineItem> of an 852 (read on its own by product-activity-segments.ts for large reports). */
export const reportLineItemSchema = z
  .object({
    ReportLineItem: reportLineSchema,
    PriceInformation: list(priceInformationSchema),
    ProductOrItemDescription: list(productDescriptionSchema),
    ProductActivityReporting: list(activitySchema),
  })
  .transform(
    (li): ReportLine => ({
      ...li.ReportLineItem,
      priceInformation: li.PriceInformation,
      productDescriptions: li.ProductOrItemDescription,
      activities: li.ProductActivityReporting,
    }),
  );

export interface ProductActivity852 {
  header: ReportHeader;
  dates: RsxDate[];
  contacts: Contact[];
  addresses: Address[];
  references: Reference[];
  notes: Note[];
  lines: ReportLine[];
  summary: { totalLineItemNumber?: number; totalNumberofPurchaseOrders?: number };
  raw: RsxObject;
}

const productActivityBodySchema = z
  .object({
    Header: z.object({
      ReportHeader: reportHeaderSchema,
      Dates: list(datesSchema),
      Contacts: list(contactsSchema),
      Address: list(addressSchema),
      References: list(referencesSchema),
      Notes: list(notesSchema),
    }),
    LineItem: list(reportLineItemSchema),
    Summary: optionalGroup(
      rsxGroup<ProductActivity852["summary"]>({
        TotalLineItemNumber: ["totalLineItemNumber", integer],
        TotalNumberofPurchaseOrders: ["totalNumberofPurchaseOrders", integer],
      }),
    ),
  })
  .transform(
    (d): Omit<ProductActivity852, "raw"> => ({
      header: d.Header.ReportHeader,
      dates: d.Header.Dates,
      contacts: d.Header.Contacts,
      addresses: d.Header.Address,
      references: d.Header.References,
      notes: d.Header.Notes,
      lines: d.LineItem,
      summary: d.Summary,
    }),
  );

/** Validates the tree of one <ProductActivity> and returns the typed 852. */
export const productActivity852Schema = withRawTree(productActivityBodySchema);

export const PRODUCT_ACTIVITY_KIND: DocumentKind = {
  type: "852",
  label: "Product activity",
  expected: "an RSX 852 product activity report (ProductActivities/ProductActivity)",
  key: ["ReportHeader", "ReportStartDate", "period from"],
};

export function parseProductActivity(bytes: Uint8Array, limits?: ReadLimits): RsxResult<{ format: RsxFormat; reports: ProductActivity852[] }> {
  const parsed = parseTypedDocuments(
    bytes,
    limits,
    PRODUCT_ACTIVITY_KIND,
    productActivity852Schema,
  );
  if (!parsed.ok) return parsed;
  return ok({ format: parsed.value.format, reports: parsed.value.documents });
}
