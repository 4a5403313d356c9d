// The F&O entity sets the simulator serves: public collection names (plural, case-sensitive),
// entity type names, keys, fields and their EDM types, navigations. Names, keys and field names
// come from dynamics-365-fo.md section 3 (live $metadata of one tenant, D11) unless a comment
// says otherwise; non-key fields of CustomersV3 and ReleasedProductsV2 beyond the ones the sheet
// names are assumed. Only SalesOrderHeadersV2 and SalesOrderLines accept writes.
import { isEnumType, type EnumTypeName } from "./enums";
import { INVOICE_LINE_NAVIGATIONS, INVOICE_TRANS_BI_KEYS, PROCESSING_STATUS_ENUM } from "./unconfirmed";

export type PrimitiveType = "string" | "int" | "int64" | "decimal" | "datetime";
export type FieldType = PrimitiveType | EnumTypeName;

export interface NavigationDef {
  target: string;
  many: boolean;
  /** Pairs of (field on this set, field on the target). */
  on: ReadonlyArray<readonly [string, string]>;
}

export interface EntitySetDef {
  name: string;
  /** Type name under Microsoft.Dynamics.DataEntities, e.g. SalesOrderHeaderV2. */
  entityType: string;
  /** AOT entity name used in Infolog messages, e.g. SalesOrderHeaderV2Entity. */
  tableEntity: string;
  keys: readonly string[];
  fields: Readonly<Record<string, FieldType>>;
  /** Fields the service fills; ignored when sent. */
  readOnly: readonly string[];
  writable: boolean;
  navigations: Readonly<Record<string, NavigationDef>>;
}

export const NULL_DATE = "1900-01-01T12:00:00Z"; // gotcha 4: unset non-nullable dates read as 1900-01-01T12:00:00Z

const DELIVERY_ADDRESS: Record<string, FieldType> = {
  DeliveryAddressName: "string",
  DeliveryAddressStreet: "string",
  DeliveryAddressStreetNumber: "string",
  DeliveryAddressCity: "string",
  DeliveryAddressStateId: "string",
  DeliveryAddressZipCode: "string",
  DeliveryAddressCountryRegionId: "string",
  DeliveryAddressCountryRegionISOCode: "string",
  DeliveryAddressLocationId: "string",
  DeliveryAddressDescription: "string",
  DeliveryAddressDunsNumber: "string",
};

function strings(...names: string[]): Record<string, FieldType> {
  return Object.fromEntries(names.map((n) => [n, "string" as const]));
}

const SALES_ORDER_HEADER: EntitySetDef = {
  name: "SalesOrderHeadersV2",
  entityType: "SalesOrderHeaderV2",
  tableEntity: "SalesOrderHeaderV2Entity",
  keys: ["dataAreaId", "SalesOrderNumber"],
  fields: {
    ...strings(
      "dataAreaId",
      "SalesOrderNumber",
      "OrderingCustomerAccountNumber",
      "InvoiceCustomerAccountNumber",
      "SalesOrderName",
      "CurrencyCode",
      "CustomersOrderReference",
      "CustomerRequisitionNumber",
      "DeliveryModeCode",
      "DeliveryTermsCode",
      "DefaultShippingSiteId",
      "DefaultShippingWarehouseId",
      "SalesOrderPoolId",
      "SalesOrderOriginCode",
      "FormattedDelveryAddress", // sic (section 3a)
      "DefaultLedgerDimensionDisplayValue",
      "Email",
      "QuotationNumber",
    ),
    ...DELIVERY_ADDRESS,
    RequestedShippingDate: "datetime",
    RequestedReceiptDate: "datetime",
    ConfirmedShippingDate: "datetime",
    ConfirmedReceiptDate: "datetime",
    OrderCreationDateTime: "datetime",
    FixedDueDate: "datetime",
    SalesOrderStatus: "SalesStatus",
    SalesOrderProcessingStatus: PROCESSING_STATUS_ENUM,
    IsDeliveryAddressOrderSpecific: "NoYes",
    ArePricesIncludingSalesTax: "NoYes",
    OrderTotalAmount: "decimal",
    OrderTotalTaxAmount: "decimal",
  },
  readOnly: ["SalesOrderStatus", "SalesOrderProcessingStatus", "OrderCreationDateTime", "OrderTotalAmount", "OrderTotalTaxAmount", "FormattedDelveryAddress"],
  writable: true,
  navigations: {
    SalesOrderLines: { target: "SalesOrderLines", many: true, on: [["dataAreaId", "dataAreaId"], ["SalesOrderNumber", "SalesOrderNumber"]] },
  },
};

const SALES_ORDER_LINE: EntitySetDef = {
  name: "SalesOrderLines", // section 3b: there is no SalesOrderLinesV2 entity set
  entityType: "SalesOrderLine",
  tableEntity: "SalesOrderLineV2Entity", // the AOT name Microsoft Learn gives for "Sales order lines V2" (public set SalesOrderLines); the Infolog wording is a guess
  keys: ["dataAreaId", "InventoryLotId"],
  fields: {
    ...strings(
      "dataAreaId",
      "InventoryLotId",
      "SalesOrderNumber",
      "ItemNumber",
      "ExternalItemNumber",
      "LineDescription",
      "ProductColorId",
      "ProductSizeId",
      "ProductStyleId",
      "ProductConfigurationId",
      "SalesUnitSymbol",
      "ShippingSiteId",
      "ShippingWarehouseId",
      "DeliveryModeCode",
      "CustomerRequisitionNumber",
      "OrderLineReference",
      "DefaultLedgerDimensionDisplayValue",
    ),
    ...DELIVERY_ADDRESS,
    LineNumber: "decimal",
    LineCreationSequenceNumber: "int",
    CustomersLineNumber: "int",
    OrderedSalesQuantity: "decimal",
    SalesPrice: "decimal",
    SalesPriceQuantity: "decimal",
    LineAmount: "decimal",
    LineDiscountAmount: "decimal",
    LineDiscountPercentage: "decimal",
    RequestedShippingDate: "datetime",
    RequestedReceiptDate: "datetime",
    ConfirmedShippingDate: "datetime",
    CalculateLineAmount: "NoYes",
    IsPriceLocked: "NoYes",
    SalesOrderLineStatus: "SalesStatus",
  },
  readOnly: ["InventoryLotId", "LineCreationSequenceNumber", "LineAmount", "SalesOrderLineStatus"],
  writable: true,
  navigations: {
    SalesOrderHeaderV2: { target: "SalesOrderHeadersV2", many: false, on: [["dataAreaId", "dataAreaId"], ["SalesOrderNumber", "SalesOrderNumber"]] },
  },
};

const CUSTOMER: EntitySetDef = {
  name: "CustomersV3",
  entityType: "CustomerV3",
  tableEntity: "CustCustomerV3Entity",
  keys: ["dataAreaId", "CustomerAccount"],
  fields: {
    // Assumed (not listed in the sheet): every field but the keys and IsOneTimeCustomer.
    ...strings(
      "dataAreaId",
      "CustomerAccount",
      "OrganizationName",
      "NameAlias",
      "CustomerGroupId",
      "SalesCurrencyCode",
      "InvoiceAccount",
      "PaymentTerms",
      "DeliveryMode",
      "DeliveryTerms",
      "AddressStreet",
      "AddressCity",
      "AddressState",
      "AddressZipCode",
      "AddressCountryRegionId",
    ),
    IsOneTimeCustomer: "NoYes",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const RELEASED_PRODUCT: EntitySetDef = {
  name: "ReleasedProductsV2",
  entityType: "ReleasedProductV2",
  tableEntity: "EcoResReleasedProductV2Entity",
  keys: ["dataAreaId", "ItemNumber"],
  fields: {
    // Assumed (not listed in the sheet): every field but the keys.
    ...strings("dataAreaId", "ItemNumber", "SearchName", "ProductSearchName", "SalesUnitSymbol", "InventoryUnitSymbol", "PurchaseUnitSymbol", "ItemModelGroupId", "ProductGroupId"),
    SalesPrice: "decimal",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const CONFIRMATION_HEADER: EntitySetDef = {
  name: "SalesOrderConfirmationHeaders",
  entityType: "SalesOrderConfirmationHeader",
  tableEntity: "SalesOrderConfirmationHeaderEntity",
  keys: ["dataAreaId", "SalesOrderNumber", "ConfirmationDate", "ConfirmationNumber"],
  fields: {
    ...strings(
      "dataAreaId",
      "SalesOrderNumber",
      "ConfirmationNumber",
      "CustomersOrderReference",
      "CustomerRequisitionNumber",
      "OrderingCustomerAccountNumber",
      "InvoiceCustomerAccountNumber",
      "CurrencyCode",
      "DeliveryModeCode",
      "DeliveryTermsCode",
      "FormattedDeliveryAddress",
      "DefaultDimensionDisplayValue",
      "ConfirmationDocumentReference",
    ),
    ...DELIVERY_ADDRESS,
    ConfirmationDate: "datetime",
    TotalConfirmedAmount: "decimal",
    TotalQuantity: "decimal",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const CONFIRMATION_LINE: EntitySetDef = {
  name: "SalesOrderConfirmationLines",
  entityType: "SalesOrderConfirmationLine",
  tableEntity: "SalesOrderConfirmationLineEntity",
  keys: ["dataAreaId", "SalesOrderNumber", "ConfirmationDate", "ConfirmationNumber", "LineNumber"],
  fields: {
    ...strings("dataAreaId", "SalesOrderNumber", "ConfirmationNumber", "ItemNumber", "ExternalItemNumber", "SalesUnitSymbol", "ShippingWarehouseId", "SalesOrderLineInventoryLotId"),
    ConfirmationDate: "datetime",
    LineNumber: "decimal",
    ConfirmedSalesQuantity: "decimal",
    ConfirmedInventoryQuantity: "decimal",
    SalesPrice: "decimal",
    LineAmount: "decimal",
    ConfirmedShippingDate: "datetime",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const PACKING_SLIP_JOUR: EntitySetDef = {
  name: "CustPackingSlipJourBiEntities",
  entityType: "CustPackingSlipJourBiEntity",
  tableEntity: "CustPackingSlipJourBiEntity",
  keys: ["dataAreaId", "SourceDocumentHeader"],
  fields: {
    ...strings(
      "dataAreaId",
      "PackingSlipId",
      "SalesId",
      "OrderAccount",
      "InvoiceAccount",
      "CustomerRef",
      "PurchaseOrder",
      "DlvMode",
      "DlvTerm",
      "ShipCarrierId",
      "ShipCarrierAccount",
      "BillOfLadingId",
      "inventLocationId",
      "DeliveryName",
      "InternalPackingSlipId",
    ),
    SourceDocumentHeader: "int64",
    DeliveryPostalAddress: "int64",
    DeliveryDate: "datetime",
    DocumentDate: "datetime",
    CreatedOn: "datetime",
    Qty: "decimal",
    Weight: "decimal",
    Volume: "decimal",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const PACKING_SLIP_TRANS: EntitySetDef = {
  name: "CustPackingSlipTransBiEntities",
  entityType: "CustPackingSlipTransBiEntity",
  tableEntity: "CustPackingSlipTransBiEntity",
  keys: ["dataAreaId", "SourceDocumentLine"],
  fields: {
    ...strings("dataAreaId", "PackingSlipId", "SalesId", "InventTransId", "ItemId", "ExternalItemId", "SalesUnit", "InventDimId", "Name"),
    SourceDocumentLine: "int64",
    Qty: "decimal",
    Ordered: "decimal",
    Remain: "decimal",
    LineNum: "decimal",
    DeliveryDate: "datetime",
    CreatedOn: "datetime",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const PACKING_SLIP_TRACKING: EntitySetDef = {
  name: "PackingSlipTrackingInformation",
  entityType: "PackingSlipTrackingInformation",
  tableEntity: "PackingSlipTrackingInformationEntity",
  keys: ["dataAreaId", "SalesOrderNumber", "PackingSlipNumber", "DeliveryDate", "TrackingNumber"],
  fields: {
    ...strings("dataAreaId", "SalesOrderNumber", "PackingSlipNumber", "TrackingNumber", "TrackingURL"),
    DeliveryDate: "datetime",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const INVOICE_HEADER: EntitySetDef = {
  name: "SalesInvoiceHeadersV2",
  entityType: "SalesInvoiceHeaderV2",
  tableEntity: "SalesInvoiceHeaderV2Entity",
  keys: ["dataAreaId", "InvoiceNumber", "InvoiceDate", "LedgerVoucher"],
  fields: {
    ...strings(
      "dataAreaId",
      "InvoiceNumber",
      "LedgerVoucher",
      "SalesOrderNumber",
      "InvoiceCustomerAccountNumber",
      "CustomersOrderReference",
      "CurrencyCode",
      "PaymentTermsName",
      "DeliveryModeCode",
      "DeliveryTermsCode",
    ),
    InvoiceDate: "datetime",
    TotalInvoiceAmount: "decimal",
    TotalTaxAmount: "decimal",
    TotalChargeAmount: "decimal",
    TotalDiscountAmount: "decimal",
    InvoiceHeaderTaxAmount: "decimal",
  },
  readOnly: [],
  writable: false,
  navigations: Object.fromEntries(
    INVOICE_LINE_NAVIGATIONS.map((name) => [
      name,
      {
        // SalesInvoiceLinesV2 → SalesInvoiceV2Lines, SalesInvoiceLinesV3 → SalesInvoiceV3Lines (published $metadata).
        target: name === "SalesInvoiceLinesV3" ? "SalesInvoiceV3Lines" : "SalesInvoiceV2Lines",
        many: true,
        on: [
          ["dataAreaId", "dataAreaId"],
          ["InvoiceNumber", "InvoiceNumber"],
          ["InvoiceDate", "InvoiceDate"],
          ["LedgerVoucher", "LedgerVoucher"],
        ],
      } satisfies NavigationDef,
    ]),
  ),
};

const INVOICE_LINE: EntitySetDef = {
  name: "SalesInvoiceV2Lines", // section 8 gotcha 1: the line set is SalesInvoiceV2Lines
  entityType: "SalesInvoiceV2Line",
  tableEntity: "SalesInvoiceLineV2Entity",
  keys: ["dataAreaId", "InvoiceNumber", "LineCreationSequenceNumber", "InvoiceDate", "LedgerVoucher"],
  fields: {
    ...strings("dataAreaId", "InvoiceNumber", "LedgerVoucher", "ProductNumber", "ProductName", "ProductDescription", "SalesUnitSymbol", "InventoryWarehouseId", "InventorySiteId", "ItemBatchNumber"),
    LineCreationSequenceNumber: "int",
    InvoiceDate: "datetime",
    InvoicedQuantity: "decimal",
    SalesPrice: "decimal",
    LineAmount: "decimal",
    LineTotalTaxAmount: "decimal",
    LineTotalDiscountAmount: "decimal",
    LineTotalChargeAmount: "decimal",
    ConfirmedShippingDate: "datetime",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const INVOICE_JOUR_BI: EntitySetDef = {
  name: "CustInvoiceJourBiEntities",
  entityType: "CustInvoiceJourBiEntity",
  tableEntity: "CustInvoiceJourBiEntity",
  keys: ["dataAreaId", "SourceKey"],
  fields: {
    ...strings("dataAreaId", "InvoiceId", "SalesId", "PurchaseOrder", "CustomerRef"),
    SourceKey: "int64",
    InvoiceDate: "datetime",
    DueDate: "datetime",
    InvoiceAmount: "decimal",
    InvoiceAmountMST: "decimal",
    Qty: "decimal",
    CreatedOn: "datetime",
    SysModifiedDateTime: "datetime",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

const INVOICE_TRANS_BI: EntitySetDef = {
  name: "CustInvoiceTransBiEntities",
  entityType: "CustInvoiceTransBiEntity",
  tableEntity: "CustInvoiceTransBiEntity",
  keys: INVOICE_TRANS_BI_KEYS,
  fields: {
    ...strings("dataAreaId", "InvoiceId", "SalesId", "InventTransId", "ItemId", "ExternalItemId"),
    SourceKey: "int64",
    InvoiceDate: "datetime",
    LineCreationSequenceNumber: "int",
    LineNum: "decimal",
    Qty: "decimal",
    LineAmount: "decimal",
    TaxAmount: "decimal",
    DlvDate: "datetime",
    CreatedOn: "datetime",
    SysModifiedDateTime: "datetime",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

/** The V3 line set: the same keys and fields as SalesInvoiceV2Lines (published $metadata), its own rows. */
const INVOICE_LINE_V3: EntitySetDef = { ...INVOICE_LINE, name: "SalesInvoiceV3Lines", entityType: "SalesInvoiceV3Line", tableEntity: "SalesInvoiceLineV3Entity" };

/**
 * On-hand per item and warehouse (InventWarehouseOnHandEntity): keys as published $metadata gives
 * them for WarehousesOnHand; the quantity fields are the Common Data Model's list for the entity
 * (docs/erp-facts.md "Inventory"). Read-only.
 */
const WAREHOUSES_ON_HAND: EntitySetDef = {
  name: "WarehousesOnHand",
  entityType: "WarehousesOnHand",
  tableEntity: "InventWarehouseOnHandEntity",
  keys: ["dataAreaId", "ItemNumber", "ProductColorId", "ProductConfigurationId", "ProductSizeId", "ProductStyleId", "InventorySiteId", "InventoryWarehouseId"],
  fields: {
    ...strings("dataAreaId", "ItemNumber", "ProductName", "ProductColorId", "ProductConfigurationId", "ProductSizeId", "ProductStyleId", "InventorySiteId", "InventoryWarehouseId"),
    OnHandQuantity: "decimal",
    ReservedOnHandQuantity: "decimal",
    AvailableOnHandQuantity: "decimal",
    OrderedQuantity: "decimal",
    ReservedOrderedQuantity: "decimal",
    AvailableOrderedQuantity: "decimal",
    OnOrderQuantity: "decimal",
    TotalAvailableQuantity: "decimal",
  },
  readOnly: [],
  writable: false,
  navigations: {},
};

export const ENTITY_SETS: Readonly<Record<string, EntitySetDef>> = Object.fromEntries(
  [
    SALES_ORDER_HEADER,
    SALES_ORDER_LINE,
    CUSTOMER,
    RELEASED_PRODUCT,
    CONFIRMATION_HEADER,
    CONFIRMATION_LINE,
    PACKING_SLIP_JOUR,
    PACKING_SLIP_TRANS,
    PACKING_SLIP_TRACKING,
    INVOICE_HEADER,
    INVOICE_LINE,
    INVOICE_LINE_V3,
    INVOICE_JOUR_BI,
    INVOICE_TRANS_BI,
    WAREHOUSES_ON_HAND,
  ].map((def) => [def.name, def]),
);

export type EntitySetName =
  | "SalesOrderHeadersV2"
  | "SalesOrderLines"
  | "CustomersV3"
  | "ReleasedProductsV2"
  | "SalesOrderConfirmationHeaders"
  | "SalesOrderConfirmationLines"
  | "CustPackingSlipJourBiEntities"
  | "CustPackingSlipTransBiEntities"
  | "PackingSlipTrackingInformation"
  | "SalesInvoiceHeadersV2"
  | "SalesInvoiceV2Lines"
  | "SalesInvoiceV3Lines"
  | "CustInvoiceJourBiEntities"
  | "CustInvoiceTransBiEntities"
  | "WarehousesOnHand";

/** Entity-set names are case-sensitive (section 2): `salesorderheadersv2` is not found. */
export function findEntitySet(name: string): EntitySetDef | undefined {
  return Object.prototype.hasOwnProperty.call(ENTITY_SETS, name) ? ENTITY_SETS[name] : undefined;
}

export function entitySet(name: EntitySetName): EntitySetDef {
  return ENTITY_SETS[name]!;
}

export function edmTypeName(type: FieldType): string {
  if (isEnumType(type)) return `Microsoft.Dynamics.DataEntities.${type}`;
  return { string: "Edm.String", int: "Edm.Int32", int64: "Edm.Int64", decimal: "Edm.Decimal", datetime: "Edm.DateTimeOffset" }[type];
}

export function qualifiedTypeName(def: EntitySetDef): string {
  return `Microsoft.Dynamics.DataEntities.${def.entityType}`;
}
