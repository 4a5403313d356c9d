// The typed RSX 7.7 850 purchase order (sps-commerce.md §3.3): a zod schema that validates the plain tree of
// one <Order> and returns the model, and `parseOrders`, which reads a mailbox file (XML or RSX JSON, one or
// many orders) into models. Required: TradingPartnerId, PurchaseOrderNumber, one line with an OrderQty.
import { z } from "zod";
import { ok } from "../lib/result";
import {
  addressSchema,
  carrierInformationSchema,
  chargesAllowancesSchema,
  contactsSchema,
  datesSchema,
  fobSchema,
  itemIdentifierFields,
  notesSchema,
  paymentTermsSchema,
  physicalDetailsSchema,
  priceInformationSchema,
  productDescriptionSchema,
  quantitiesSchedulesLocationsSchema,
  quantityTotalsSchema,
  referencesSchema,
  taxesSchema,
  type Address,
  type CarrierInformation,
  type ChargeAllowance,
  type Contact,
  type FobRelatedInstruction,
  type ItemIdentifiers,
  type Note,
  type PaymentTerms,
  type PhysicalDetails,
  type PriceInformation,
  type ProductDescription,
  type QuantitiesSchedulesLocations,
  type QuantityTotals,
  type Reference,
  type RsxDate,
  type Tax,
} from "./common-groups";
import type { ReadLimits, RsxFormat } from "./input-text";
import { decimal, flag, integer, list, optionalGroup, requiredText, rsxGroup, text, withRawTree } from "./rsx-fields";
import type { RsxResult } from "./rsx-result";
import type { RsxObject, RsxValue } from "./rsx-tree";
import { parseTypedDocuments, type DocumentKind } from "./typed-documents";

/** SPS-internal envelope data; read on inbound only (§3.1). */
export interface OrderMeta {
  senderUniqueID?: string;
  senderCompanyName?: string;
  receiverUniqueID?: string;
  receiverCompanyName?: string;
  isDropShip?: boolean;
  interchangeControlNumber?: string;
  groupControlIdentifier?: string;
  groupControlNumber?: string;
  documentControlIdentifier?: string;
  documentControlNumber?: string;
  interchangeSenderID?: string;
  interchangeReceiverID?: string;
  groupSenderID?: string;
  groupReceiverID?: string;
  batchPart?: string;
  batchTotal?: number;
  batchID?: string;
  comments?: string;
  validation?: string;
  /** Bulk-Import, CrossDock, DropShip, MultiStore, … */
  orderManagement?: string;
  version?: string;
}
const metaSchema = rsxGroup<OrderMeta>({
  SenderUniqueID: ["senderUniqueID", text],
  SenderCompanyName: ["senderCompanyName", text],
  ReceiverUniqueID: ["receiverUniqueID", text],
  ReceiverCompanyName: ["receiverCompanyName", text],
  IsDropShip: ["isDropShip", flag],
  InterchangeControlNumber: ["interchangeControlNumber", text],
  GroupControlIdentifier: ["groupControlIdentifier", text],
  GroupControlNumber: ["groupControlNumber", text],
  DocumentControlIdentifier: ["documentControlIdentifier", text],
  DocumentControlNumber: ["documentControlNumber", text],
  InterchangeSenderID: ["interchangeSenderID", text],
  InterchangeReceiverID: ["interchangeReceiverID", text],
  GroupSenderID: ["groupSenderID", text],
  GroupReceiverID: ["groupReceiverID", text],
  BatchPart: ["batchPart", text],
  BatchTotal: ["batchTotal", integer],
  BatchID: ["batchID", text],
  Comments: ["comments", text],
  Validation: ["validation", text],
  OrderManagement: ["orderManagement", text],
  Version: ["version", text],
});

export interface OrderHeader {
  tradingPartnerId: string;
  purchaseOrderNumber: string;
  depositorOrderNumber?: string;
  /** 00 original, 01 cancellation, 05 replace, 07 duplicate, … (§3.3). */
  tsetPurposeCode?: string;
  /** SA stand-alone, DS drop ship, KN cross dock, RL release, … */
  primaryPOTypeCode?: string;
  primaryPOTypeDescription?: string;
  releaseNumber?: string;
  purchaseOrderDate?: string;
  purchaseOrderTime?: string;
  contractType?: string;
  salesRequirementCode?: string;
  acknowledgementType?: string;
  invoiceTypeCode?: string;
  shipCompleteCode?: string;
  buyersCurrency?: string;
  sellersCurrency?: string;
  exchangeRate?: number;
  department?: string;
  departmentDescription?: string;
  vendor?: string;
  jobNumber?: string;
  division?: string;
  customerAccountNumber?: string;
  /** The consumer's order number on drop-ship orders. */
  customerOrderNumber?: string;
  documentVersion?: string;
  documentRevision?: string;
}
const orderHeaderSchema = rsxGroup<OrderHeader>({
  TradingPartnerId: ["tradingPartnerId", requiredText],
  PurchaseOrderNumber: ["purchaseOrderNumber", requiredText],
  DepositorOrderNumber: ["depositorOrderNumber", text],
  TsetPurposeCode: ["tsetPurposeCode", text],
  PrimaryPOTypeCode: ["primaryPOTypeCode", text],
  PrimaryPOTypeDescription: ["primaryPOTypeDescription", text],
  ReleaseNumber: ["releaseNumber", text],
  PurchaseOrderDate: ["purchaseOrderDate", text],
  PurchaseOrderTime: ["purchaseOrderTime", text],
  ContractType: ["contractType", text],
  SalesRequirementCode: ["salesRequirementCode", text],
  AcknowledgementType: ["acknowledgementType", text],
  InvoiceTypeCode: ["invoiceTypeCode", text],
  ShipCompleteCode: ["shipCompleteCode", text],
  BuyersCurrency: ["buyersCurrency", text],
  SellersCurrency: ["sellersCurrency", text],
  ExchangeRate: ["exchangeRate", decimal],
  Department: ["department", text],
  DepartmentDescription: ["departmentDescription", text],
  Vendor: ["vendor", text],
  JobNumber: ["jobNumber", text],
  Division: ["division", text],
  CustomerAccountNumber: ["customerAccountNumber", text],
  CustomerOrderNumber: ["customerOrderNumber", text],
  DocumentVersion: ["documentVersion", text],
  DocumentRevision: ["documentRevision", text],
});

/** One 850 line: the OrderLine record flattened, with the LineItem's groups beside it. */
export interface OrderLine extends ItemIdentifiers {
  orderQty?: number;
  orderQtyUOM?: string;
  purchasePriceType?: string;
  purchasePrice?: number;
  purchasePriceBasis?: string;
  buyersCurrency?: string;
  sellersCurrency?: string;
  exchangeRate?: number;
  shipDate?: string;
  extendedItemTotal?: number;
  productSizeCode?: string;
  productSizeDescription?: string;
  productColorCode?: string;
  productColorDescription?: string;
  productMaterialCode?: string;
  productMaterialDescription?: string;
  productProcessCode?: string;
  productProcessDescription?: string;
  department?: string;
  departmentDescription?: string;
  class?: string;
  gender?: string;
  sellerDateCode?: string;
  contacts: Contact[];
  dates: RsxDate[];
  priceInformation: PriceInformation[];
  productDescriptions: ProductDescription[];
  physicalDetails: PhysicalDetails[];
  references: Reference[];
  notes: Note[];
  addresses: Address[];
  /** Store-level (SDQ) quantities on MultiStore / CrossDock orders. */
  quantitiesSchedulesLocations: QuantitiesSchedulesLocations[];
  taxes: Tax[];
  chargesAllowances: ChargeAllowance[];
}
type OrderLineRecord = Omit<OrderLine, "contacts" | "dates" | "priceInformation" | "productDescriptions" | "physicalDetails" | "references" | "notes" | "addresses" | "quantitiesSchedulesLocations" | "taxes" | "chargesAllowances">;
const orderLineRecordSchema = rsxGroup<OrderLineRecord>({
  ...itemIdentifierFields,
  OrderQty: ["orderQty", decimal],
  OrderQtyUOM: ["orderQtyUOM", text],
  PurchasePriceType: ["purchasePriceType", text],
  PurchasePrice: ["purchasePrice", decimal],
  PurchasePriceBasis: ["purchasePriceBasis", text],
  BuyersCurrency: ["buyersCurrency", text],
  SellersCurrency: ["sellersCurrency", text],
  ExchangeRate: ["exchangeRate", decimal],
  ShipDate: ["shipDate", text],
  ExtendedItemTotal: ["extendedItemTotal", decimal],
  ProductSizeCode: ["productSizeCode", text],
  ProductSizeDescription: ["productSizeDescription", text],
  ProductColorCode: ["productColorCode", text],
  ProductColorDescription: ["productColorDescription", text],
  ProductMaterialCode: ["productMaterialCode", text],
  ProductMaterialDescription: ["productMaterialDescription", text],
  ProductProcessCode: ["productProcessCode", text],
  ProductProcessDescription: ["productProcessDescription", text],
  Department: ["department", text],
  DepartmentDescription: ["departmentDescription", text],
  Class: ["class", text],
  Gender: ["gender", text],
  SellerDateCode: ["sellerDateCode", text],
});
const lineItemSchema = z
  .object({
    OrderLine: orderLineRecordSchema,
    Contacts: list(contactsSchema),
    Dates: list(datesSchema),
    PriceInformation: list(priceInformationSchema),
    ProductOrItemDescription: list(productDescriptionSchema),
    PhysicalDetails: list(physicalDetailsSchema),
    References: list(referencesSchema),
    Notes: list(notesSchema),
    Address: list(addressSchema),
    QuantitiesSchedulesLocations: list(quantitiesSchedulesLocationsSchema),
    Taxes: list(taxesSchema),
    ChargesAllowances: list(chargesAllowancesSchema),
  })
  .transform(
    (li): OrderLine => ({
      ...li.OrderLine,
      contacts: li.Contacts,
      dates: li.Dates,
      priceInformation: li.PriceInformation,
      productDescriptions: li.ProductOrItemDescription,
      physicalDetails: li.PhysicalDetails,
      references: li.References,
      notes: li.Notes,
      addresses: li.Address,
      quantitiesSchedulesLocations: li.QuantitiesSchedulesLocations,
      taxes: li.Taxes,
      chargesAllowances: li.ChargesAllowances,
    }),
  );

export interface OrderSummary {
  totalAmount?: number;
  totalLineItemNumber?: number;
  description?: string;
}
const summarySchema = rsxGroup<OrderSummary>({
  TotalAmount: ["totalAmount", decimal],
  TotalLineItemNumber: ["totalLineItemNumber", integer],
  Description: ["description", text],
});

/** A validated 850. `lines[i]` is `raw.LineItem[i]`; `raw` is the original tree for echoing anything else. */
export interface Order850 {
  meta: OrderMeta;
  header: OrderHeader;
  paymentTerms: PaymentTerms[];
  dates: RsxDate[];
  contacts: Contact[];
  addresses: Address[];
  fobRelatedInstructions: FobRelatedInstruction[];
  carrierInformation: CarrierInformation[];
  references: Reference[];
  notes: Note[];
  taxes: Tax[];
  chargesAllowances: ChargeAllowance[];
  quantityTotals: QuantityTotals[];
  lines: OrderLine[];
  summary: OrderSummary;
  /** The <Order> as read (RSX element names, text values, repeatable groups as arrays). */
  raw: RsxObject;
}

const headerSchema = z.object(
  {
    OrderHeader: orderHeaderSchema,
    PaymentTerms: list(paymentTermsSchema),
    Dates: list(datesSchema),
    Contacts: list(contactsSchema),
    Address: list(addressSchema),
    FOBRelatedInstruction: list(fobSchema),
    CarrierInformation: list(carrierInformationSchema),
    References: list(referencesSchema),
    Notes: list(notesSchema),
    Taxes: list(taxesSchema),
    ChargesAllowances: list(chargesAllowancesSchema),
    QuantityTotals: list(quantityTotalsSchema),
  },
  { error: (issue) => (issue.input === undefined ? "is missing" : "must contain elements") },
);

const orderBodySchema = z
  .object({
    Meta: optionalGroup(metaSchema),
    Header: headerSchema,
    LineItem: list(lineItemSchema),
    Summary: optionalGroup(summarySchema),
  })
  .superRefine((order, ctx) => {
    if (!order.LineItem.some((line) => line.orderQty !== undefined && line.orderQty > 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["LineItem"],
        message:
          order.LineItem.length === 0
            ? "the order has no LineItem; at least one line with an OrderQty is required"
            : "no line has an OrderQty above zero; at least one is required",
      });
    }
  })
  .transform(
    (order): Omit<Order850, "raw"> => ({
      meta: order.Meta,
      header: order.Header.OrderHeader,
      paymentTerms: order.Header.PaymentTerms,
      dates: order.Header.Dates,
      contacts: order.Header.Contacts,
      addresses: order.Header.Address,
      fobRelatedInstructions: order.Header.FOBRelatedInstruction,
      carrierInformation: order.Header.CarrierInformation,
      references: order.Header.References,
      notes: order.Header.Notes,
      taxes: order.Header.Taxes,
      chargesAllowances: order.Header.ChargesAllowances,
      quantityTotals: order.Header.QuantityTotals,
      lines: order.LineItem,
      summary: order.Summary,
    }),
  );

/** The RSX version the connector reads (SPS's 7.7 schemas and samples: docs/erp-facts.md "SPS"). */
export const READ_RSX_VERSION = "7.7";

function firstText(value: RsxValue | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

function child(tree: RsxObject, name: string): RsxObject | undefined {
  const v = Array.isArray(tree[name]) ? (tree[name] as RsxValue[])[0] : tree[name];
  return v !== undefined && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

/** "7.7.7" → [7, 7, 7]; undefined when it is not a version. */
function versionParts(version: string): number[] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/i.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/**
 * The RSX version an order declares (Meta/Version, "XML Version number" in SPS's 7.7 schema) or
 * shows (a LineItems wrapper around its lines, which 7.7 does not have), when that is older than
 * 7.7: the reason an operator can act on. Undefined for 7.7 and later, and for files that say nothing.
 */
export function olderRsxReason(tree: RsxObject): string | undefined {
  const meta = child(tree, "Meta");
  const declared = meta ? firstText(meta.Version) : undefined;
  const parts = declared ? versionParts(declared) : undefined;
  const older = parts !== undefined && (parts[0]! < 7 || (parts[0] === 7 && parts[1]! < 7));
  const wrapper = tree.LineItems !== undefined && tree.LineItem === undefined;
  if (!older && !wrapper) return undefined;
  const what = older ? `RSX ${declared}` : "an RSX version older than 7.7 (its lines are wrapped in <LineItems>, which RSX 7.7 does not have)";
  return (
    `This order is ${what}; the connector reads RSX ${READ_RSX_VERSION} only. ` +
    `Ask SPS Commerce to deliver this trading partner's documents as RSX ${READ_RSX_VERSION} (the RSX version of your Fulfillment account's mailbox), then replay the document`
  );
}

/** Validates the tree of one <Order> (RSX element names, text leaves) and returns the typed 850. */
export const order850Schema = withRawTree(
  orderBodySchema,
  (tree) => olderRsxReason(tree),
);

export interface ParsedOrders {
  format: RsxFormat;
  orders: Order850[];
}

export const ORDER_KIND: DocumentKind = {
  type: "850",
  label: "Order",
  expected: "an RSX 850 purchase order (Orders/Order)",
  key: ["OrderHeader", "PurchaseOrderNumber", "PO"],
};

/**
 * Reads a mailbox file holding one or many 850s (XML or RSX JSON). Every order must be valid: reasons name
 * the order (by position and PO number) and the element, e.g. `Order 2 (PO 4500012): LineItem[3]/OrderLine/
 * OrderQty: "12x" is not a number`.
 */
export function parseOrders(bytes: Uint8Array, limits?: ReadLimits): RsxResult<ParsedOrders> {
  const parsed = parseTypedDocuments(bytes, limits, ORDER_KIND, order850Schema);
  if (!parsed.ok) return parsed;
  return ok({ format: parsed.value.format, orders: parsed.value.documents });
}
