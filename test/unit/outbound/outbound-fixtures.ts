// Shared inputs of the outbound flow tests: the demo world's items, CreatedOrderMeta as the inbound flow
// records it for a fixture 850 (whole, or one store of a multi-store split), ERP shipments and invoices
// shaped like the Acumatica mapping produces them, and an SSCC allocator on the demo GS1 prefix.
import demoWorld from "../../../sandbox/fixtures/demo-world.json";
import type { PartnerRules } from "../../../src/db/partners";
import type { ErpInvoice, ErpPackage, ErpShipment } from "../../../src/erp/adapter";
import type { CreatedOrderMeta } from "../../../src/flows/order-links";
import type { OutboundOrderLink } from "../../../src/flows/line-tracing";
import { buildSscc, orderLineKey, type AddressInput, type Order850 } from "../../../src/rsx";
import { fixtureOrder } from "../rsx/fixtures";

export { fixtureOrder };

export const SHAPES = ["CrossDock", "MultiStore", "BulkImport", "DropShip"] as const;

export const warehouse: AddressInput = {
  addressName: "Blue Heron Candle Co. Warehouse",
  address1: "15 Millrace Road",
  city: "Eugene",
  state: "OR",
  postalCode: "97402",
  country: "USA",
};

export const remitTo: AddressInput = { addressName: "Blue Heron Candle Co.", address1: "PO Box 5520", city: "Eugene", state: "OR", postalCode: "97405", country: "USA" };

const itemByVendorPart = new Map(demoWorld.items.map((i) => [i.vendorPartNumber, i.inventoryId]));

export function partnerIdOf(order: Order850): string {
  return order.header.tradingPartnerId;
}

/** CreatedOrderMeta as the inbound flow keeps it: ERP lines numbered 1… in 850 order; a store takes its SDQ share. */
export function createdFor(order: Order850, reference: string, store?: string): CreatedOrderMeta {
  const lines: CreatedOrderMeta["lines"] = [];
  order.lines.forEach((line, index) => {
    const share =
      store === undefined
        ? line.orderQty
        : line.quantitiesSchedulesLocations.flatMap((q) => q.locationQuantities).find((lq) => lq.location === store)?.qty;
    if (!share) return;
    lines.push({
      lineRef: orderLineKey(line, index),
      lineNbr: lines.length + 1,
      itemId: itemByVendorPart.get(line.vendorPartNumber ?? "") ?? `ITEM-${index + 1}`,
      qty: share,
      uom: line.orderQtyUOM,
      unitPrice: line.purchasePrice,
    });
  });
  const shipToLocation = store ?? order.addresses.find((a) => a.addressTypeCode === "ST")?.addressLocationNumber;
  return { reference, orderType: "SO", linked: false, lines, ...(shipToLocation ? { shipToLocation } : {}) };
}

export function linkFor(order: Order850, created: CreatedOrderMeta): OutboundOrderLink {
  const po = order.header.purchaseOrderNumber;
  const split = created.shipToLocation !== undefined && isStoreOf(order, created.shipToLocation);
  return { order, created, orderKey: split ? `${po}/${created.shipToLocation}` : po, documentId: `doc-${po}` };
}

function isStoreOf(order: Order850, location: string): boolean {
  return order.lines.some((l) => l.quantitiesSchedulesLocations.some((q) => q.locationQuantities.some((lq) => lq.location === location)));
}

/** The link(s) of a fixture as the inbound flow creates them: one order, or one per store for MultiStore. */
export function linksOf(shape: (typeof SHAPES)[number]): OutboundOrderLink[] {
  const order = fixtureOrder(shape);
  if (shape !== "MultiStore") return [linkFor(order, createdFor(order, `SO-${shape}`))];
  return ["0010", "0020", "0030"].map((store) => linkFor(order, createdFor(order, `SO-${shape}-${store}`, store)));
}

/** A shipped ERP shipment of whole created lines (or the quantities given), without packages unless given. */
export function shipmentOf(links: OutboundOrderLink[], overrides: Partial<ErpShipment> = {}, qty?: (lineNbr: number, ordered: number) => number): ErpShipment {
  return {
    shipmentNbr: "SH000101",
    status: "Confirmed",
    shipped: true,
    shipDate: "2026-03-10",
    customerId: "CUST",
    shipVia: "UPSGROUND",
    lines: links.flatMap((l) =>
      l.created.lines.map((c) => ({ orderNbr: l.created.reference, orderType: "SO", orderLineNbr: c.lineNbr, itemId: c.itemId, qty: qty ? qty(c.lineNbr!, c.qty) : c.qty, uom: c.uom })),
    ),
    packages: [],
    orders: links.map((l) => ({ orderNbr: l.created.reference, orderType: "SO" })),
    lastModified: "2026-03-10T16:02:11.350Z",
    ...overrides,
  };
}

export function packageOf(packageId: string, contents: Array<{ link: OutboundOrderLink; lineNbr: number; qty: number }>, extra: Partial<ErpPackage> = {}): ErpPackage {
  return {
    packageId,
    weight: 10,
    weightUom: "LB",
    contents: contents.map(({ link, lineNbr, qty }) => {
      const c = link.created.lines.find((l) => l.lineNbr === lineNbr)!;
      return { orderNbr: link.created.reference, orderType: "SO", orderLineNbr: lineNbr, itemId: c.itemId, qty, uom: c.uom };
    }),
    ...extra,
  };
}

export function invoiceOf(links: OutboundOrderLink[], overrides: Partial<ErpInvoice> = {}): ErpInvoice {
  const lines = links.flatMap((l) =>
    l.created.lines.map((c) => ({
      orderNbr: l.created.reference,
      orderType: "SO",
      orderLineNbr: c.lineNbr,
      itemId: c.itemId,
      qty: c.qty,
      uom: c.uom,
      shipmentNbr: "SH000101",
      unitPrice: c.unitPrice ?? 0,
      amount: Math.round(c.qty * (c.unitPrice ?? 0) * 100) / 100,
    })),
  );
  const detail = Math.round(lines.reduce((s, l) => s + l.amount, 0) * 100) / 100;
  return {
    invoiceNbr: "INV000101",
    invoiceType: "Invoice",
    status: "Open",
    released: true,
    credit: false,
    date: "2026-03-11",
    dueDate: "2026-04-10",
    customerId: "CUST",
    terms: "30D",
    currency: "USD",
    lines,
    freight: 0,
    taxTotal: 0,
    discountTotal: 0,
    total: detail,
    lastModified: "2026-03-11T09:00:00.000Z",
    ...overrides,
  };
}

/** Allocates SSCC-18s from the demo GS1 prefix and remembers which id got which. */
export function ssccAllocator(start = 1): { ssccFor: (id: string) => string; given: Map<string, string> } {
  let serial = start;
  const given = new Map<string, string>();
  return {
    given,
    ssccFor: (id) => {
      const existing = given.get(id);
      if (existing) return existing;
      const built = buildSscc({ extensionDigit: 0, companyPrefix: demoWorld.supplier.gs1CompanyPrefix, serial: serial++ });
      if (!built.ok) throw new Error(built.error.reasons.join("; "));
      given.set(id, built.value);
      return built.value;
    },
  };
}

export function partnerFor(order: Order850, rules: PartnerRules = {}) {
  return { partnerId: partnerIdOf(order), rules };
}

export const supplier = { vendor: demoWorld.supplier.vendorNumber, shipFrom: warehouse };
