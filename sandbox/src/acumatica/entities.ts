// The simulated part of the Default endpoint contract (acumatica.md section 4, field names from the
// Default/24.200.001 OpenAPI spec, S1): fields with their wrapper types, linked entities, detail
// collections, keys and the change-tracking field of each top-level entity. Each request is served
// the contract of the version in its URL (forVersion): fields an older Default endpoint lacks are
// absent there, as Acumatica's own endpoint definitions show (checked-facts 7a-7e).

export type FieldType = "string" | "decimal" | "int" | "boolean" | "datetime" | "guid";

export interface ObjectDef {
  name: string;
  fields: Record<string, FieldType>;
  /** Linked entities: a nested object of wrapped fields (e.g. ShipToAddress). */
  linked: Record<string, ObjectDef>;
  /** Detail collections: arrays of nested objects (e.g. Details). */
  details: Record<string, ObjectDef>;
  /** Fields a PUT may carry but the server computes; they are ignored on write. */
  readOnly: readonly string[];
}

export const ENTITY_NAMES = ["SalesOrder", "Shipment", "SalesInvoice", "Customer", "CustomerLocation", "StockItem"] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export interface EntityDef extends ObjectDef {
  name: EntityName;
  /** Key fields in URL order (section 1: SalesOrder OrderType/OrderNbr, Shipment ShipmentNbr…). */
  keys: readonly string[];
  /** Gotcha 1: SalesOrder has LastModified; the others LastModifiedDateTime. */
  changeField: "LastModified" | "LastModifiedDateTime";
  /** Whether the sandbox simulates PUT for this entity. */
  writable: boolean;
}

const S = "string";
const D = "decimal";
const I = "int";
const B = "boolean";
const T = "datetime";
const G = "guid";

function object(name: string, fields: Record<string, FieldType>, parts: Partial<Omit<ObjectDef, "name" | "fields">> = {}): ObjectDef {
  return { name, fields, linked: parts.linked ?? {}, details: parts.details ?? {}, readOnly: parts.readOnly ?? [] };
}

const address = object("Address", {
  AddressLine1: S, AddressLine2: S, City: S, State: S, PostalCode: S, Country: S, Validated: B,
});
const contact = object("DocContact", { BusinessName: S, Attention: S, Phone1: S, Email: S });

const salesOrderDetail = object(
  "SalesOrderDetail",
  {
    LineNbr: I, InventoryID: S, LineType: S, LineDescription: S, OrderQty: D, UOM: S, UnitPrice: D, ManualPrice: B,
    DiscountPercent: D, DiscountAmount: D, ExtendedPrice: D, Amount: D, OpenQty: D, QtyOnShipments: D, AlternateID: S,
    CustomerOrderNbr: S, ExternalRef: S, RequestedOn: T, ShipOn: T, SchedOrderDate: T, WarehouseID: S, Location: S,
    Completed: B, LotSerialNbr: S, InvoiceType: S, InvoiceNbr: S, InvoiceLineNbr: I, LastModifiedDate: S,
  },
  {
    readOnly: ["LineNbr", "ExtendedPrice", "Amount", "OpenQty", "QtyOnShipments", "Completed", "InvoiceType", "InvoiceNbr", "InvoiceLineNbr", "LastModifiedDate"],
  },
);

const salesOrderShipment = object("SalesOrderShipment", {
  ShipmentNbr: S, ShipmentType: S, ShipmentDate: T, Status: S, ShippedQty: D, ShippedWeight: D, ShippedVolume: D,
  InvoiceType: S, InvoiceNbr: S, InventoryDocType: S, InventoryRefNbr: S, LastModifiedDateTime: T,
});

/** SalesOrder's FinancialSettings (checked-facts 7d: Terms lives here, in every Default version). */
const financialSettings = object("FinancialSettings", { Terms: S, Branch: S, CustomerTaxZone: S, InvoiceDate: T, DueDate: T });

const salesOrder: EntityDef = {
  ...object(
    "SalesOrder",
    {
      OrderType: S, OrderNbr: S, Status: S, Hold: B, Approved: B, CreditHold: B, Date: T, RequestedOn: T, EffectiveDate: T,
      CustomerID: S, LocationID: S, CustomerOrder: S, ExternalRef: S, Description: S, ShipVia: S, PreferredWarehouseID: S,
      CurrencyID: S, OrderTotal: D, OrderedQty: D, TaxTotal: D, ShipToAddressOverride: B, ShipToContactOverride: B,
      BillToAddressOverride: B, BillToContactOverride: B, LastModified: T, CreatedDate: T,
    },
    {
      linked: { ShipToAddress: address, ShipToContact: contact, BillToAddress: address, BillToContact: contact, FinancialSettings: financialSettings },
      details: { Details: salesOrderDetail, Shipments: salesOrderShipment },
      readOnly: ["Status", "Approved", "CreditHold", "OrderTotal", "OrderedQty", "TaxTotal", "LastModified", "CreatedDate", "Shipments"],
    },
  ),
  name: "SalesOrder",
  keys: ["OrderType", "OrderNbr"],
  changeField: "LastModified",
  writable: true,
};

const packageContents = object("ShipmentPackageDetail", {
  InventoryID: S, Quantity: D, UOM: S, OrigOrderType: S, OrigOrderNbr: S, ShipmentSplitLineNbr: I, LotSerialNbr: S,
});

const shipment: EntityDef = {
  ...object(
    "Shipment",
    {
      ShipmentNbr: S, Type: S, Status: S, Operation: S, ShipmentDate: T, CustomerID: S, LocationID: S, WarehouseID: S,
      ShipVia: S, ShippingTerms: S, PackageCount: I, PackageWeight: D, ShippedQty: D, ShippedWeight: D, ShippedVolume: D,
      FreightPrice: D, FreightCost: D, Hold: B, Picked: B, Description: S, LastModifiedDateTime: T, CreatedDateTime: T,
    },
    {
      details: {
        Details: object("ShipmentDetail", {
          LineNbr: I, InventoryID: S, Description: S, UOM: S, ShippedQty: D, OrderedQty: D, OpenQty: D, OriginalQty: D,
          OrderType: S, OrderNbr: S, OrderLineNbr: I, WarehouseID: S, LocationID: S, LotSerialNbr: S, ExpirationDate: T,
        }),
        Packages: object(
          "ShipmentPackage",
          {
            LineNbr: I, BoxID: S, Type: S, TrackingNbr: S, Weight: D, UOM: S, Length: D, Width: D, Height: D,
            DeclaredValue: D, CODAmount: D, Confirmed: B, Description: S, CustomRefNbr1: S, CustomRefNbr2: S,
          },
          { details: { PackageContents: packageContents } },
        ),
        Orders: object("ShipmentOrderDetail", {
          OrderType: S, OrderNbr: S, ShipmentNbr: S, ShipmentType: S, ShippedQty: D, ShippedWeight: D, ShippedVolume: D,
          InvoiceType: S, InvoiceNbr: S, InventoryDocType: S, InventoryRefNbr: S,
        }),
      },
    },
  ),
  name: "Shipment",
  keys: ["ShipmentNbr"],
  changeField: "LastModifiedDateTime",
  writable: false,
};

const salesInvoice: EntityDef = {
  ...object(
    "SalesInvoice",
    {
      Type: S, ReferenceNbr: S, Status: S, Date: T, DueDate: T, CustomerID: S, CustomerOrder: S, Description: S,
      Amount: D, Balance: D, DetailTotal: D, TaxTotal: D, DiscountTotal: D, FreightPrice: D, PaymentTotal: D,
      // No Terms in any Default version (checked-facts 7a): terms live on Customer and SalesOrder.FinancialSettings.
      Currency: S, Hold: B, CreditHold: B, ExternalRef: S, LastModifiedDateTime: T, LastModifiedDate: T,
      CreatedDate: T,
    },
    {
      linked: { BillToAddress: address, ShipToAddress: address, BillToContact: contact, ShipToContact: contact },
      details: {
        Details: object("SalesInvoiceDetail", {
          LineNbr: I, InventoryID: S, Description: S, TransactionDescr: S, Qty: D, UOM: S, UnitPrice: D, Amount: D,
          DiscountAmount: D, OrderType: S, OrderNbr: S, OrderLineNbr: I, ShipmentNbr: S, InventoryDocType: S,
          InventoryRefNbr: S, WarehouseID: S, TaxCategory: S,
        }),
      },
    },
  ),
  name: "SalesInvoice",
  keys: ["Type", "ReferenceNbr"],
  changeField: "LastModifiedDateTime",
  writable: false,
};

const customer: EntityDef = {
  ...object("Customer", {
    CustomerID: S, CustomerName: S, Status: S, CustomerClass: S, ShipVia: S, ShippingTerms: S, WarehouseID: S,
    Terms: S, PriceClassID: S, LastModifiedDateTime: T, CreatedDateTime: T, NoteID: G,
  }),
  name: "Customer",
  keys: ["CustomerID"],
  changeField: "LastModifiedDateTime",
  writable: false,
};

const customerLocation: EntityDef = {
  ...object(
    "CustomerLocation",
    {
      Customer: S, LocationID: S, LocationName: S, Active: B, Default: B, AddressOverride: B, ShipVia: S,
      Warehouse: S, ExtRefNbr: S, LastModifiedDateTime: T,
    },
    { linked: { Address: address } },
  ),
  name: "CustomerLocation",
  keys: ["Customer", "LocationID"],
  changeField: "LastModifiedDateTime",
  writable: false,
};

const stockItem: EntityDef = {
  ...object(
    "StockItem",
    {
      InventoryID: S, Description: S, ItemStatus: S, ItemClass: S, BaseUOM: S, SalesUOM: S, DefaultPrice: D, MSRP: D,
      DefaultWarehouseID: S, LastModified: T, LastModifiedDateTime: T, NoteID: G,
    },
    {
      details: {
        CrossReferences: object("InventoryItemCrossReference", {
          AlternateID: S, AlternateType: S, VendorOrCustomer: S, UOM: S, Description: S, Subitem: S,
        }),
      },
    },
  ),
  name: "StockItem",
  keys: ["InventoryID"],
  changeField: "LastModifiedDateTime",
  writable: false,
};

export const ENTITIES: Record<EntityName, EntityDef> = {
  SalesOrder: salesOrder,
  Shipment: shipment,
  SalesInvoice: salesInvoice,
  Customer: customer,
  CustomerLocation: customerLocation,
  StockItem: stockItem,
};

export function findEntity(name: string): EntityDef | undefined {
  return (ENTITY_NAMES as readonly string[]).includes(name) ? ENTITIES[name as EntityName] : undefined;
}

/**
 * Fields that exist only from some Default endpoint version on (Acumatica/AcumaticaRESTAPIClientForCSharp
 * EndpointMetadata/Default_{20,22,23,24}.200.001; shared/reference/checked-facts.md 7b, 7e).
 */
/** Keys are field paths below the entity ("Details/ManualPrice" is a field of each Details row). */
export const FIELDS_SINCE: Partial<Record<EntityName, Record<string, string>>> = {
  SalesOrder: { "Details/ManualPrice": "22.200.001" },
  Shipment: { "Packages/LineNbr": "22.200.001", "Packages/PackageContents/OrigOrderNbr": "22.200.001", "Packages/PackageContents/OrigOrderType": "22.200.001" },
  SalesInvoice: { LastModifiedDateTime: "23.200.001", ExternalRef: "24.200.001", LastModifiedDate: "24.200.001", CreatedDate: "24.200.001" },
  StockItem: { LastModifiedDateTime: "24.200.001" },
  CustomerLocation: { ExtRefNbr: "24.200.001" },
};

/** `def` without the fields at `paths` ("Field", or "Child/…/Field" through linked entities and detail collections). */
function withoutFields<T extends ObjectDef>(def: T, paths: string[]): T {
  const here = paths.filter((p) => !p.includes("/"));
  const below = new Map<string, string[]>();
  for (const p of paths.filter((p) => p.includes("/"))) {
    const [head, ...rest] = p.split("/");
    below.set(head!, [...(below.get(head!) ?? []), rest.join("/")]);
  }
  const trim = (children: Record<string, ObjectDef>) => Object.fromEntries(Object.entries(children).map(([name, child]) => [name, below.has(name) ? withoutFields(child, below.get(name)!) : child]));
  return { ...def, fields: Object.fromEntries(Object.entries(def.fields).filter(([name]) => !here.includes(name))), linked: trim(def.linked), details: trim(def.details) };
}

/** Whether endpoint version `a` is older than `b` ("22.200.001" < "23.200.001"). */
export function versionBefore(a: string, b: string): boolean {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

/** The entity as the Default endpoint of `version` has it: later fields removed, the change field the one that exists. */
export function forVersion(def: EntityDef, version: string): EntityDef {
  const since = FIELDS_SINCE[def.name];
  if (!since) return def;
  const missing = Object.entries(since).filter(([, v]) => versionBefore(version, v)).map(([field]) => field);
  if (missing.length === 0) return def;
  const trimmed = withoutFields(def, missing);
  const changeField = missing.includes(def.changeField) ? (trimmed.fields.LastModified ? "LastModified" : def.changeField) : def.changeField;
  return { ...trimmed, changeField };
}
