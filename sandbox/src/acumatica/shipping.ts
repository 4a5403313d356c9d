// Shipping an order from the control API: a Shipment (Confirmed by default) with details linked to
// the order lines, packed cartons with UPS-style tracking numbers, and the order link; partial
// shipments allowed. Produces the records the outbound 856 flow reads (acumatica.md section 4
// "Shipment", 6c).
import { fail, type Outcome } from "./outcome";
import { formatDate, formatTimestamp, getNumber, getString, newRecord, parseDateTime, round, type StoredRecord } from "./records";
import { refreshOrderStatus } from "./sales-orders";
import { DEFAULT_WAREHOUSE } from "./seed";
import type { RecordStore } from "./store";
import { NUMBERING, SHIPMENT_STATUS } from "./unconfirmed";

/** Packing defaults: up to 24 units per carton, 0.75 lb per unit plus 0.5 lb of carton. */
const UNITS_PER_CARTON = 24;
const WEIGHT_PER_UNIT_LB = 0.75;
const CARTON_TARE_LB = 0.5;

export interface ShipRequest {
  lines?: Array<{ lineNbr: number; qty: number }>;
  packages?: Array<{ trackingNbr?: string; weight?: number; boxId?: string; customRefNbr1?: string; contents: Array<{ lineNbr: number; qty: number }> }>;
  shipVia?: string;
  status?: "Open" | "Confirmed";
  shipmentDate?: string;
}

/** UPS-style tracking number "1Z" + shipper + service + serial + check digit (mod-10, letters mapped). */
export function upsTrackingNumber(serial: number): string {
  const body = `4X8E21` + `03` + String(serial % 10_000_000).padStart(7, "0");
  let sum = 0;
  [...body].forEach((ch, index) => {
    const digit = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += index % 2 === 0 ? digit : digit * 2;
  });
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}

export function dateOrToday(text: string | undefined, nowMs: number): Outcome<string> {
  if (text === undefined) return { ok: true, value: formatDate(nowMs) };
  const ms = parseDateTime(text);
  return ms === undefined ? fail(400, `Invalid date '${text}'`) : { ok: true, value: formatDate(ms) };
}

/** Decides how much of each order line ships: explicit lines, package contents, or all open qty. */
function quantitiesToShip(order: StoredRecord, request: ShipRequest): Outcome<Map<number, number>> {
  const lines = order.details.Details ?? [];
  const wanted = new Map<number, number>();
  const add = (map: Map<number, number>, lineNbr: number, qty: number) => map.set(lineNbr, (map.get(lineNbr) ?? 0) + qty);
  const fromPackages = new Map<number, number>();
  for (const pkg of request.packages ?? []) for (const c of pkg.contents) add(fromPackages, c.lineNbr, c.qty);
  if (request.lines) for (const l of request.lines) add(wanted, l.lineNbr, l.qty);
  else if (request.packages) for (const [lineNbr, qty] of fromPackages) wanted.set(lineNbr, qty);
  else for (const line of lines) if (getNumber(line, "OpenQty") > 0) wanted.set(getNumber(line, "LineNbr"), getNumber(line, "OpenQty"));

  for (const [lineNbr, qty] of wanted) {
    const line = lines.find((l) => getNumber(l, "LineNbr") === lineNbr);
    if (!line) return fail(400, `Order line ${lineNbr} does not exist`);
    if (!(qty > 0)) return fail(400, `Quantity for line ${lineNbr} must be positive`);
    if (qty > getNumber(line, "OpenQty") + 1e-9) return fail(409, `Line ${lineNbr}: ${qty} exceeds the open quantity ${getNumber(line, "OpenQty")}`);
  }
  if (request.lines && request.packages) {
    for (const lineNbr of new Set([...wanted.keys(), ...fromPackages.keys()])) {
      if (Math.abs((wanted.get(lineNbr) ?? 0) - (fromPackages.get(lineNbr) ?? 0)) > 1e-9) {
        return fail(400, `Package contents for line ${lineNbr} do not add up to the shipped quantity`);
      }
    }
  }
  if (wanted.size === 0) return fail(409, "Nothing left to ship on this order");
  return { ok: true, value: wanted };
}

/** Auto packing: fill cartons of UNITS_PER_CARTON in line order (cartons may mix items). */
function autoPack(quantities: Map<number, number>): Array<Array<{ lineNbr: number; qty: number }>> {
  const cartons: Array<Array<{ lineNbr: number; qty: number }>> = [];
  let current: Array<{ lineNbr: number; qty: number }> = [];
  let room = UNITS_PER_CARTON;
  for (const [lineNbr, total] of [...quantities].sort(([a], [b]) => a - b)) {
    let left = total;
    while (left > 0) {
      const take = Math.min(left, room);
      current.push({ lineNbr, qty: take });
      left -= take;
      room -= take;
      if (room === 0) {
        cartons.push(current);
        current = [];
        room = UNITS_PER_CARTON;
      }
    }
  }
  if (current.length > 0) cartons.push(current);
  return cartons;
}

export function shipOrder(store: RecordStore, orderType: string, orderNbr: string, request: ShipRequest, nowMs: number): Outcome<StoredRecord> {
  const order = store.get("SalesOrder", [orderType, orderNbr]);
  if (!order) return fail(404, `Sales order ${orderType} ${orderNbr} not found`);
  if (order.fields.Hold === true) return fail(409, "The order is on hold");
  const quantities = quantitiesToShip(order, request);
  if (!quantities.ok) return quantities;
  const shipmentDate = dateOrToday(request.shipmentDate, nowMs);
  if (!shipmentDate.ok) return shipmentDate;

  const status = request.status ?? SHIPMENT_STATUS.confirmed;
  const confirmed = status === SHIPMENT_STATUS.confirmed;
  const shipmentNbr = NUMBERING.shipment(store.nextNumber("shipments"));
  const timestamp = formatTimestamp(nowMs);
  const orderLines = order.details.Details ?? [];
  const lineOf = (lineNbr: number) => orderLines.find((l) => getNumber(l, "LineNbr") === lineNbr)!;

  const shipmentLineOf = new Map<number, number>();
  const details = [...quantities.value].sort(([a], [b]) => a - b).map(([lineNbr, qty], index) => {
    const line = lineOf(lineNbr);
    shipmentLineOf.set(lineNbr, index + 1);
    return newRecord({
      LineNbr: index + 1,
      InventoryID: getString(line, "InventoryID"),
      Description: line.fields.LineDescription ?? null,
      UOM: getString(line, "UOM"),
      ShippedQty: qty,
      OrderedQty: getNumber(line, "OrderQty"),
      OpenQty: round(getNumber(line, "OpenQty") - qty, 4),
      OriginalQty: getNumber(line, "OrderQty"),
      OrderType: orderType,
      OrderNbr: getString(order, "OrderNbr"),
      OrderLineNbr: lineNbr,
      WarehouseID: line.fields.WarehouseID ?? DEFAULT_WAREHOUSE,
      LocationID: "R1S1",
      LotSerialNbr: null,
      ExpirationDate: null,
    });
  });

  const cartons = request.packages
    ? request.packages.map((p) => ({ ...p }))
    : autoPack(quantities.value).map((contents) => ({ contents }) as NonNullable<ShipRequest["packages"]>[number]);
  const packages = cartons.map((carton, index) => {
    const units = carton.contents.reduce((sum, c) => sum + c.qty, 0);
    return newRecord(
      {
        LineNbr: index + 1,
        BoxID: carton.boxId ?? (units > UNITS_PER_CARTON / 2 ? "LARGE" : "SMALL"),
        Type: "Manual",
        TrackingNbr: carton.trackingNbr ?? upsTrackingNumber(store.nextNumber("packages")),
        Weight: carton.weight ?? round(units * WEIGHT_PER_UNIT_LB + CARTON_TARE_LB),
        UOM: "LB",
        Length: null,
        Width: null,
        Height: null,
        DeclaredValue: 0,
        CODAmount: 0,
        Confirmed: confirmed,
        Description: null,
        CustomRefNbr1: carton.customRefNbr1 ?? null,
        CustomRefNbr2: null,
      },
      {},
      {
        PackageContents: carton.contents.map((c) =>
          newRecord({
            InventoryID: getString(lineOf(c.lineNbr), "InventoryID"),
            Quantity: c.qty,
            UOM: getString(lineOf(c.lineNbr), "UOM"),
            OrigOrderType: orderType,
            OrigOrderNbr: getString(order, "OrderNbr"),
            ShipmentSplitLineNbr: shipmentLineOf.get(c.lineNbr) ?? null,
            LotSerialNbr: null,
          }),
        ),
      },
    );
  });

  const shippedQty = round([...quantities.value.values()].reduce((a, b) => a + b, 0), 4);
  const weight = round(packages.reduce((sum, p) => sum + getNumber(p, "Weight"), 0));
  const customer = store.get("Customer", [getString(order, "CustomerID")]);
  const shipment = newRecord(
    {
      ShipmentNbr: shipmentNbr,
      Type: "Shipment",
      Status: status,
      Operation: "Issue",
      ShipmentDate: shipmentDate.value,
      CustomerID: getString(order, "CustomerID"),
      LocationID: order.fields.LocationID ?? null,
      WarehouseID: DEFAULT_WAREHOUSE,
      ShipVia: request.shipVia ?? order.fields.ShipVia ?? null,
      ShippingTerms: customer?.fields.ShippingTerms ?? null,
      PackageCount: packages.length,
      PackageWeight: weight,
      ShippedQty: shippedQty,
      ShippedWeight: weight,
      ShippedVolume: 0,
      FreightPrice: 0,
      FreightCost: 0,
      Hold: false,
      Picked: true,
      Description: null,
      LastModifiedDateTime: timestamp,
      CreatedDateTime: timestamp,
    },
    {},
    {
      Details: details,
      Packages: packages,
      Orders: [
        newRecord({
          OrderType: orderType,
          OrderNbr: getString(order, "OrderNbr"),
          ShipmentNbr: shipmentNbr,
          ShipmentType: "Shipment",
          ShippedQty: shippedQty,
          ShippedWeight: weight,
          ShippedVolume: 0,
          InvoiceType: null,
          InvoiceNbr: null,
          InventoryDocType: null,
          InventoryRefNbr: null,
        }),
      ],
    },
  );
  store.put("Shipment", shipment);

  for (const [lineNbr, qty] of quantities.value) {
    const line = lineOf(lineNbr);
    line.fields.QtyOnShipments = round(getNumber(line, "QtyOnShipments") + qty, 4);
    line.fields.OpenQty = round(Math.max(0, getNumber(line, "OrderQty") - getNumber(line, "QtyOnShipments")), 4);
    line.fields.Completed = getNumber(line, "OpenQty") === 0;
  }
  (order.details.Shipments ??= []).push(
    newRecord({
      ShipmentNbr: shipmentNbr,
      ShipmentType: "Shipment",
      ShipmentDate: shipmentDate.value,
      Status: status,
      ShippedQty: shippedQty,
      ShippedWeight: weight,
      ShippedVolume: 0,
      InvoiceType: null,
      InvoiceNbr: null,
      InventoryDocType: null,
      InventoryRefNbr: null,
      LastModifiedDateTime: timestamp,
    }),
  );
  refreshOrderStatus(order);
  order.fields.LastModified = timestamp;
  return { ok: true, value: shipment };
}

