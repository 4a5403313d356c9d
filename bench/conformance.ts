// Entry bundled by `npm run conformance` (scripts/conformance.mjs): for each fixture 850 it invents what an ERP
// would report (accepted lines, cartons, an invoice) and builds the 855, 856 and 810 with the real builders.
// Pure: the script reads the fixture files and SPS's schemas and hands the bytes in.
import {
  buildInvoice,
  buildOrderAck,
  buildShipNotice,
  buildSscc,
  deriveAckLines,
  orderShape,
  outboundFileName,
  parseOrders,
  splitByShipTo,
  type AcceptedLine,
  type AddressInput,
  type BuiltRsxDocument,
  type CartonInput,
  type Order850,
  type OrderShape,
  type RsxResult,
  type ShipmentOrderInput,
} from "../src/rsx";

import { buildInventoryAdvice } from "../src/rsx/inventory-846-build";

export { INVOICE, ORDER_ACK, SHIPMENT } from "../src/rsx";

export interface ConformanceCase {
  fixture: string;
  shape: OrderShape;
  poNumber: string;
  orderAck: { fileName: string; result: RsxResult<BuiltRsxDocument> };
  shipNotice: { fileName: string; result: RsxResult<BuiltRsxDocument> };
  invoice: { fileName: string; result: RsxResult<BuiltRsxDocument> };
}

/** The demo supplier (sandbox/fixtures/demo-world.json): Blue Heron Candle Co., GS1 prefix 0812345. */
const WAREHOUSE: AddressInput = {
  locationCodeQualifier: "91",
  addressLocationNumber: "BH-WH1",
  addressName: "Blue Heron Candle Co. Warehouse",
  address1: "15 Millrace Road",
  city: "Eugene",
  state: "OR",
  postalCode: "97402",
  country: "USA",
};
const REMIT_TO: AddressInput = {
  addressName: "Blue Heron Candle Co.",
  address1: "PO Box 5520",
  city: "Eugene",
  state: "OR",
  postalCode: "97405",
  country: "USA",
};
const COMPANY_PREFIX = "0812345";

export function conformanceCases(fixtures: ReadonlyMap<string, Uint8Array>): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  let serial = 1;
  const nextSscc = (): string => {
    const sscc = buildSscc({ extensionDigit: 0, companyPrefix: COMPANY_PREFIX, serial: serial++ });
    if (!sscc.ok) throw new Error(sscc.error.reasons.join("; "));
    return sscc.value;
  };

  for (const [fixture, bytes] of fixtures) {
    const parsed = parseOrders(bytes);
    if (!parsed.ok) throw new Error(`${fixture}: ${parsed.error.reasons.join("; ")}`);
    for (const order of parsed.value.orders) {
      const shape = orderShape(order);
      const po = order.header.purchaseOrderNumber;

      const derived = deriveAckLines(order, acceptedByErp(order, shape));
      const orderAck = buildOrderAck({
        order,
        acknowledgementType: derived.acknowledgementType,
        acknowledgementDate: "2026-03-06",
        acknowledgementNumber: `SO-${po}`,
        internalOrderNumber: `SO-${po}`,
        dates: [{ dateTimeQualifier: "068", date: "2026-03-10" }],
        lines: derived.lines,
      });

      const shipmentId = `ASN-${po}`;
      const shipment = shipmentOrders(order, shape, nextSscc);
      const shipNotice = buildShipNotice({
        shipmentId,
        shipDate: "2026-03-10",
        shipTime: "15:30:00",
        shipNoticeDate: "2026-03-10",
        shipNoticeTime: "15:42:00",
        billOfLadingNumber: shape === "DropShip" ? undefined : `BOL${po}`,
        carrierProNumber: shape === "DropShip" ? undefined : `PRO${po}`,
        estimatedDeliveryDate: "2026-03-13",
        shipFrom: WAREHOUSE,
        ...(shipment.shipTo ? { shipTo: shipment.shipTo } : {}),
        carrier:
          shape === "DropShip"
            ? { carrierTransMethodCode: "M", carrierAlphaCode: "UPSN", carrierRouting: "UPS Ground" }
            : { carrierTransMethodCode: "M", carrierAlphaCode: "HRNX", carrierRouting: "Heron Freight LTL" },
        orders: shipment.orders,
      });

      const invoiceNumber = `INV-${po}`;
      const invoice = buildInvoice({
        order,
        invoiceNumber,
        invoiceDate: "2026-03-10",
        internalOrderNumber: `SO-${po}`,
        shipDate: "2026-03-10",
        billOfLadingNumber: shape === "DropShip" ? undefined : `BOL${po}`,
        remitTo: REMIT_TO,
        chargesAllowances:
          shape === "BulkImport"
            ? [{ allowChrgIndicator: "C", allowChrgCode: "D240", allowChrgAmt: 45, allowChrgHandlingCode: "06", allowChrgHandlingDescription: "Freight" }]
            : [],
        lines: order.lines.map((line, index) => ({ line: line.lineSequenceNumber ?? String(index + 1), quantity: line.orderQty ?? 0 })),
      });

      cases.push({
        fixture,
        shape,
        poNumber: po,
        orderAck: { fileName: outboundFileName({ documentType: "855", documentId: po, model: shape, format: "json" }), result: orderAck },
        shipNotice: { fileName: outboundFileName({ documentType: "856", documentId: shipmentId, model: shape, format: "json" }), result: shipNotice },
        invoice: { fileName: outboundFileName({ documentType: "810", documentId: invoiceNumber, model: shape, format: "json" }), result: invoice },
      });
    }
  }
  return cases;
}

/** An ERP that accepts most lines as ordered, with one change per shape so every status path is built. */
function acceptedByErp(order: Order850, shape: OrderShape): AcceptedLine[] {
  return order.lines.flatMap((line, index): AcceptedLine[] => {
    const accepted: AcceptedLine = {
      vendorPartNumber: line.vendorPartNumber,
      quantity: line.orderQty ?? 0,
      unitPrice: line.purchasePrice,
      scheduleDate: "2026-03-10",
    };
    if (shape === "BulkImport" && index === 1) return [{ ...accepted, quantity: accepted.quantity - 12 }]; // IQ
    if (shape === "BulkImport" && index === 3) return []; // IR
    if (shape === "MultiStore" && index === 2) return [{ ...accepted, unitPrice: 3.1 }]; // IP
    return [accepted];
  });
}

/** Cartons of one outer pack each (PhysicalDetails/PackValue, else 12), per store for SDQ orders. */
function shipmentOrders(
  order: Order850,
  shape: OrderShape,
  nextSscc: () => string,
): { orders: ShipmentOrderInput[]; shipTo?: AddressInput } {
  const pack = (lineKey: string, quantity: number, packSize: number): CartonInput[] => {
    const cartons: CartonInput[] = [];
    for (let left = quantity; left > 0; left -= packSize) {
      cartons.push({ sscc: nextSscc(), weight: 9.5, items: [{ line: lineKey, quantity: Math.min(packSize, left), itemStatusCode: "IA" }] });
    }
    return cartons;
  };
  const split = splitByShipTo(order);
  // Multi-store: each store is its own ship-to, so one ASN per store; this one is the first store's truck.
  const groups = shape === "MultiStore" ? split.groups.slice(0, 1) : split.groups;
  const orders = groups.map((group): ShipmentOrderInput => {
    const cartons = group.lines.flatMap((l) =>
      pack(l.line.lineSequenceNumber ?? "1", l.quantity, l.line.physicalDetails[0]?.packValue ?? 12),
    );
    if (shape === "DropShip") cartons.forEach((c, i) => (c.trackingNumber = `1Z999AA1012345678${i}`));
    return {
      order,
      ...(group.markFor ? { markFor: group.markFor } : {}),
      ...(shape === "BulkImport" ? { pallets: [{ sscc: nextSscc(), weight: 400, cartons }] } : { cartons }),
    };
  });
  const shipTo = shape === "MultiStore" ? groups[0]?.shipTo : undefined;
  return shipTo ? { orders, shipTo } : { orders };
}

/** Issue 16: an outbound 846 per fixture, advertising each of the PO's items (the feed's builder). */
export function inventoryAdviceCases(fixtures: ReadonlyMap<string, Uint8Array>): { label: string; result: RsxResult<BuiltRsxDocument> }[] {
  const out: { label: string; result: RsxResult<BuiltRsxDocument> }[] = [];
  for (const [fixture, bytes] of fixtures) {
    const parsed = parseOrders(bytes);
    if (!parsed.ok) throw new Error(`${fixture}: ${parsed.error.reasons.join("; ")}`);
    const order = parsed.value.orders[0]!;
    const lines = order.lines.map((l, i) => ({ buyerPartNumber: l.buyerPartNumber, vendorPartNumber: l.vendorPartNumber, upc: l.consumerPackageCode, quantity: 10 * (i + 1) }));
    out.push({
      label: `846 for ${order.header.tradingPartnerId} from ${fixture}`,
      result: buildInventoryAdvice({ tradingPartnerId: order.header.tradingPartnerId, documentId: `FEED-${order.header.purchaseOrderNumber}`, inventoryDate: "2026-12-04", inventoryTime: "20:00:00", lines }),
    });
  }
  return out;
}
