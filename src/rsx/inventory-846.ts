// The typed RSX 7.7 846 inventory advice (ItemRegistry, sps-commerce.md §3.8): header, and every line of
// every Structure with its identifiers and quantities per location (QuantitiesSchedulesLocations, qualifier
// 33 = available). Required: TradingPartnerId and DocumentId (the schema's required set).
import { z } from "zod";
import { ok } from "../lib/result";
import {
  addressSchema,
  contactsSchema,
  datesSchema,
  itemIdentifierFields,
  notesSchema,
  physicalDetailsSchema,
  productDescriptionSchema,
  quantitiesSchedulesLocationsSchema,
  referencesSchema,
  type Address,
  type Contact,
  type ItemIdentifiers,
  type Note,
  type PhysicalDetails,
  type ProductDescription,
  type QuantitiesSchedulesLocations,
  type Reference,
  type RsxDate,
} from "./common-groups";
import type { ReadLimits, RsxFormat } from "./input-text";
import { decimal, integer, list, optionalGroup, requiredText, rsxGroup, text, withRawTree } from "./rsx-fields";
import type { RsxResult } from "./rsx-result";
import type { RsxObject } from "./rsx-tree";
import { parseTypedDocuments, type DocumentKind } from "./typed-documents";

export interface InventoryHeader {
  tradingPartnerId: string;
  documentId: string;
  tsetPurposeCode?: string;
  /** MB = manufacturer/distributor inventory report (SPS sample). */
  reportTypeCode?: string;
  inventoryDate?: string;
  inventoryTime?: string;
  actionCode?: string;
  vendor?: string;
  division?: string;
  department?: string;
  departmentDescription?: string;
}
const headerReportSchema = rsxGroup<InventoryHeader>({
  TradingPartnerId: ["tradingPartnerId", requiredText],
  DocumentId: ["documentId", requiredText],
  TsetPurposeCode: ["tsetPurposeCode", text],
  ReportTypeCode: ["reportTypeCode", text],
  InventoryDate: ["inventoryDate", text],
  InventoryTime: ["inventoryTime", text],
  ActionCode: ["actionCode", text],
  Vendor: ["vendor", text],
  Division: ["division", text],
  Department: ["department", text],
  DepartmentDescription: ["departmentDescription", text],
});

export interface InventoryLine extends ItemIdentifiers {
  purchasePrice?: number;
  purchasePriceBasis?: string;
  productSizeDescription?: string;
  productColorDescription?: string;
  department?: string;
  expirationDate?: string;
  /** Classification of the Structure the line sits in. */
  classification?: string;
  productDescriptions: ProductDescription[];
  physicalDetails: PhysicalDetails[];
  references: Reference[];
  notes: Note[];
  /** Quantities by qualifier (33 available, 29 projected, IQ in transit…) and location. */
  quantitiesSchedulesLocations: QuantitiesSchedulesLocations[];
}
type InventoryLineRecord = Omit<InventoryLine, "classification" | "productDescriptions" | "physicalDetails" | "references" | "notes" | "quantitiesSchedulesLocations">;
const inventoryLineRecordSchema = rsxGroup<InventoryLineRecord>({
  ...itemIdentifierFields,
  PurchasePrice: ["purchasePrice", decimal],
  PurchasePriceBasis: ["purchasePriceBasis", text],
  ProductSizeDescription: ["productSizeDescription", text],
  ProductColorDescription: ["productColorDescription", text],
  Department: ["department", text],
  ExpirationDate: ["expirationDate", text],
});
const lineItemSchema = z
  .object({
    InventoryLine: inventoryLineRecordSchema,
    ProductOrItemDescription: list(productDescriptionSchema),
    PhysicalDetails: list(physicalDetailsSchema),
    References: list(referencesSchema),
    Notes: list(notesSchema),
    QuantitiesSchedulesLocations: list(quantitiesSchedulesLocationsSchema),
  })
  .transform((li) => ({
    ...li.InventoryLine,
    productDescriptions: li.ProductOrItemDescription,
    physicalDetails: li.PhysicalDetails,
    references: li.References,
    notes: li.Notes,
    quantitiesSchedulesLocations: li.QuantitiesSchedulesLocations,
  }));
const structureSchema = z
  .object({ Classification: text, LineItem: list(lineItemSchema) })
  .transform((s): InventoryLine[] =>
    s.LineItem.map((line) => (s.Classification === undefined ? line : { ...line, classification: s.Classification })),
  );

export interface ItemRegistry846 {
  header: InventoryHeader;
  dates: RsxDate[];
  contacts: Contact[];
  /** RL reporting location, WH warehouse. */
  addresses: Address[];
  references: Reference[];
  notes: Note[];
  /** The lines of every Structure, in file order. */
  lines: InventoryLine[];
  summary: { totalLineItemNumber?: number; totalQuantity?: number };
  raw: RsxObject;
}

const itemRegistryBodySchema = z
  .object({
    Header: z.object({
      HeaderReport: headerReportSchema,
      Dates: list(datesSchema),
      Contacts: list(contactsSchema),
      Address: list(addressSchema),
      References: list(referencesSchema),
      Notes: list(notesSchema),
    }),
    Structure: list(structureSchema),
    Summary: optionalGroup(
      rsxGroup<ItemRegistry846["summary"]>({
        TotalLineItemNumber: ["totalLineItemNumber", integer],
        TotalQuantity: ["totalQuantity", decimal],
      }),
    ),
  })
  .transform(
    (d): Omit<ItemRegistry846, "raw"> => ({
      header: d.Header.HeaderReport,
      dates: d.Header.Dates,
      contacts: d.Header.Contacts,
      addresses: d.Header.Address,
      references: d.Header.References,
      notes: d.Header.Notes,
      lines: d.Structure.flat(),
      summary: d.Summary,
    }),
  );

/** Validates the tree of one <ItemRegistry> and returns the typed 846. */
export const itemRegistry846Schema = withRawTree(itemRegistryBodySchema);

export const INVENTORY_KIND: DocumentKind = {
  type: "846",
  label: "Inventory advice",
  expected: "an RSX 846 inventory advice (ItemRegistries/ItemRegistry)",
  key: ["HeaderReport", "DocumentId", "document"],
};

export function parseInventoryAdvice(bytes: Uint8Array, limits?: ReadLimits): RsxResult<{ format: RsxFormat; registries: ItemRegistry846[] }> {
  const parsed = parseTypedDocuments(
    bytes,
    limits,
    INVENTORY_KIND,
    itemRegistry846Schema,
  );
  if (!parsed.ok) return parsed;
  return ok({ format: parsed.value.format, registries: parsed.value.documents });
}
