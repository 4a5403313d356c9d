// The 856 mapping rules, pure: an ERP shipment and the 850(s) it fulfils become the ShipNoticeInput of
// rsx buildShipNotice (sps-commerce.md §3.5), or the reasons it cannot. ERP lines find their 850 line
// through CreatedOrderMeta (ERP line number ↔ 850 line key); cartons come from the ERP packages, with an
// SSCC-18 from the package or from the caller's allocator; cross-dock orders get one OrderLevel per store
// with a Z7 mark-for (ship-to-split semantics), and the partner's asnStructure may add a pallet level.
//
// Packing when the ERP does not say what is in a carton (no PackageContents):
//   1. Quantities the package contents do not cover are this rule's to place ("the remainder").
//   2. Cross-dock: the remainder of each 850 line is given to the stores in the 850's store order, each up
//      to its store quantity (SDQ) less what content-listed cartons already brought it; anything beyond
//      every store's share (over-shipment) goes to the last store that ordered the line.
//   3. The packages without contents are dealt to the OrderLevels (orders, or stores) that still have
//      units: one each first, then one at a time to the OrderLevel with the most units per carton.
//      Fewer such packages than OrderLevels is invalid (a carton belongs to one PO and one store).
//   4. Within an OrderLevel its units, in 850 line order, fill its cartons one after the other, each
//      carton taking an equal share of the units (the first ones one more when they do not divide).
//      More cartons than units is invalid.
//   5. A shipment without any package gets one carton per OrderLevel (package id "auto:{orderLevel}").
//   Packages left empty because contents elsewhere cover everything are ignored.
import type { PartnerRules } from "../db/partners";
import type { ErpFulfilmentLine, ErpPackage, ErpShipment } from "../erp/adapter";
import { err, ok, type Result } from "../lib/result";
import type { Address } from "../rsx/common-groups";
import { shippingSerialId } from "../rsx/gs1";
import type { AddressInput, CarrierInput, CartonInput, PalletInput, RsxInvalid, ShipNoticeInput, ShipmentOrderInput } from "../rsx";
import type { Order850, OrderLine } from "../rsx/order-850";
import { addressByType, linesByKey, orderLineKey, orderShape } from "../rsx/order-850-queries";
import { splitByShipTo } from "../rsx/ship-to-split";
import type { CreatedOrderMeta } from "./order-links";

/** One ERP order of the record and the 850 it was created from (the caller resolves it by ERP order number). */
export interface OutboundOrderLink {
  order: Order850;
  created: CreatedOrderMeta;
  orderKey: string;
  documentId: string;
}

export interface OutboundPartner {
  partnerId: string;
  rules: PartnerRules;
}

export interface ShipNoticeSupplier {
  /** Our vendor number at the retailer, sent when the 850 carries none. */
  vendor?: string | undefined;
  /** The warehouse the goods leave from (SF). Required by the flow. */
  shipFrom?: AddressInput | undefined;
  /** ERP ship-via code → carrier SCAC, when the tenant keeps such a table (Acumatica has no SCAC field). */
  carrierScacByShipVia?: Record<string, string> | undefined;
}

export interface ShipNoticeSource {
  shipment: ErpShipment;
  orders: OutboundOrderLink[];
  partner: OutboundPartner;
  supplier: ShipNoticeSupplier;
  /** An SSCC-18 for a carton or pallet id, allocated and kept by the caller (see ssccRequests). */
  ssccFor: (packageId: string) => string;
  /** YYYY-MM-DD: the ship notice date. */
  today: string;
  noticeTime?: string | undefined;
}

/** An ERP shipment or invoice line traced back to its 850 line, in the 850 line's unit. */
export interface TracedLine {
  link: OutboundOrderLink;
  /** The 850 line key (LineSequenceNumber or position, see orderLineKey). */
  line: string;
  poLine: OrderLine;
  quantity: number;
  /** ERP units per 850 unit (1 unless the item mapping converted units at order creation). */
  factor: number;
}

const EPSILON = 1e-9;

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  return (a ?? "").trim().toUpperCase() === (b ?? "").trim().toUpperCase();
}

/** What the ERP order was asked to supply of this 850 line: the store's share on a store-split order, else the line's quantity. */
export function orderedShare(poLine: OrderLine, created: CreatedOrderMeta): number {
  const store = created.shipToLocation;
  if (store !== undefined) {
    const shares = poLine.quantitiesSchedulesLocations.flatMap((q) => q.locationQuantities).filter((lq) => lq.location === store && lq.qty !== undefined);
    if (shares.length > 0) return shares.reduce((s, lq) => s + lq.qty!, 0);
  }
  return poLine.orderQty ?? 0;
}

/**
 * ERP units per 850 unit for a created line: 1 when the units agree, else what the order was created
 * with divided by what the 850 asked (inbound-order's uomFactor, which CreatedOrderMeta does not keep).
 */
export function unitFactor(createdLine: CreatedOrderMeta["lines"][number], poLine: OrderLine, created: CreatedOrderMeta): number {
  if (createdLine.uom === undefined || poLine.orderQtyUOM === undefined || sameText(createdLine.uom, poLine.orderQtyUOM)) return 1;
  const share = orderedShare(poLine, created);
  return share > 0 && createdLine.qty > 0 ? createdLine.qty / share : 1;
}

function describeErpLine(erp: ErpFulfilmentLine): string {
  const order = `${erp.orderType ? `${erp.orderType} ` : ""}${erp.orderNbr || "(no order)"}`;
  return `item ${erp.itemId || "(none)"}, sales order ${order}${erp.orderLineNbr !== undefined ? ` line ${erp.orderLineNbr}` : ""}`;
}

function linkOf(erp: ErpFulfilmentLine, links: readonly OutboundOrderLink[]): OutboundOrderLink | undefined {
  return links.find(
    (l) => l.created.reference === erp.orderNbr && (erp.orderType === undefined || l.created.orderType === undefined || l.created.orderType === erp.orderType),
  );
}

/** Follows an ERP line to the 850 line it fulfils; the reason names the line and what is missing. */
export function traceErpLine(erp: ErpFulfilmentLine, links: readonly OutboundOrderLink[], where: string): Result<TracedLine, string> {
  const at = `${where} (${describeErpLine(erp)})`;
  const link = linkOf(erp, links);
  if (link === undefined) {
    return err(`${at}: sales order ${erp.orderNbr || "(none)"} was not created from any 850 this document answers; only orders made by the connector can be sent`);
  }
  const created = link.created;
  const numbered = erp.orderLineNbr === undefined ? undefined : created.lines.filter((l) => l.lineNbr === erp.orderLineNbr);
  let createdLine = numbered?.[0];
  if (createdLine === undefined) {
    // No line number to follow (or the meta kept none): fall back to the item, when only one line has it.
    const byItem = created.lines.filter((l) => sameText(l.itemId, erp.itemId));
    const numbersKnown = created.lines.some((l) => l.lineNbr !== undefined);
    if (erp.orderLineNbr !== undefined && numbersKnown) {
      const known = created.lines.map((l) => l.lineNbr).filter((n) => n !== undefined).join(", ");
      return err(`${at}: sales order line ${erp.orderLineNbr} was not created from PO ${link.order.header.purchaseOrderNumber} (the connector created lines ${known}); a line added in the ERP cannot be reported to the retailer`);
    }
    if (byItem.length !== 1) {
      return err(
        byItem.length === 0
          ? `${at}: item ${erp.itemId} is on no line the connector created for PO ${link.order.header.purchaseOrderNumber}`
          : `${at}: item ${erp.itemId} is on ${byItem.length} lines of the order and the ERP did not say which; give the shipment line its order line number`,
      );
    }
    createdLine = byItem[0]!;
  }
  if (erp.itemId && !sameText(createdLine.itemId, erp.itemId)) {
    return err(`${at}: the order line was created for item ${createdLine.itemId} (850 line ${createdLine.lineRef}) but now ships ${erp.itemId}; the 850's identifiers would describe the wrong item`);
  }
  const poLine = linesByKey(link.order).get(createdLine.lineRef);
  if (poLine === undefined) return err(`${at}: 850 line ${createdLine.lineRef} is not on PO ${link.order.header.purchaseOrderNumber}`);
  const factor = unitFactor(createdLine, poLine, created);
  return ok({ link, line: createdLine.lineRef, poLine, quantity: round6(erp.qty / factor), factor });
}

// ---- OrderLevels ------------------------------------------------------------------------------------

interface OrderLevelPlan {
  key: string;
  link: OutboundOrderLink;
  markFor?: Address | undefined;
  shipTo?: Address | undefined;
  /** Cross-dock: what each 850 line may still bring this store. */
  room: Map<string, number>;
  /** Units this rule must still place in cartons, by 850 line key. */
  pending: Map<string, number>;
  cartons: Array<{ order: number; carton: CartonInput }>;
}

function keyOf(order: Order850, line: OrderLine): string {
  return orderLineKey(line, order.lines.indexOf(line));
}

function orderLevelsOf(link: OutboundOrderLink): OrderLevelPlan[] {
  const { order, created } = link;
  const shape = orderShape(order);
  if (shape === "CrossDock") {
    return splitByShipTo(order).groups.map((g) => ({
      key: `${link.orderKey}@${g.locationNumber ?? "shipto"}`,
      link,
      markFor: g.markFor,
      room: new Map(g.lines.map((l) => [keyOf(order, l.line), l.quantity])),
      pending: new Map(),
      cartons: [],
    }));
  }
  // Store-split multi-store orders ship to their store; everything else to the 850's header ship-to.
  const storeGroup =
    shape === "MultiStore" && created.shipToLocation !== undefined
      ? splitByShipTo(order).groups.find((g) => g.locationNumber === created.shipToLocation)
      : undefined;
  return [{ key: link.orderKey, link, shipTo: storeGroup?.shipTo ?? (shape === "MultiStore" ? addressByType(order, "ST") : undefined), room: new Map(), pending: new Map(), cartons: [] }];
}

function add(map: Map<string, number>, key: string, qty: number): void {
  map.set(key, round6((map.get(key) ?? 0) + qty));
}

// ---- Cartons ----------------------------------------------------------------------------------------

const SSCC_SHAPED = /^(00)?\d{18}$/;

/** The package's own SSCC when it holds one; a digit string shaped like an SSCC is kept even with a bad check digit. */
function ownSscc(pkg: ErpPackage | undefined): string | undefined {
  const id = pkg?.cartonId?.trim();
  if (id === undefined || id === "") return undefined;
  if (shippingSerialId(id) !== undefined) return id;
  // Kept so the sscc-check-digit rule names it: the label on the carton may already carry this number,
  // and sending another one would make label and ASN disagree.
  return SSCC_SHAPED.test(id) ? id : undefined;
}

/** LB or KG (sps-commerce.md §3.5 QuantityAndWeight WeightUOM); undefined for other units. */
export function rsxWeightUom(uom: string | undefined): "LB" | "KG" | undefined {
  const u = uom?.trim().toUpperCase();
  if (u === undefined || u === "") return undefined;
  if (["LB", "LBS", "LBR", "POUND", "POUNDS"].includes(u)) return "LB";
  if (["KG", "KGS", "KGM", "KILOGRAM", "KILOGRAMS"].includes(u)) return "KG";
  return undefined;
}

function cartonFrom(pkg: ErpPackage | undefined, packageId: string, items: Map<string, number>, ssccFor: (id: string) => string, fallbackWeight?: number): CartonInput {
  const weight = pkg?.weight ?? fallbackWeight;
  const unit = pkg?.weightUom === undefined ? "LB" : rsxWeightUom(pkg.weightUom);
  return {
    sscc: ownSscc(pkg) ?? ssccFor(packageId),
    ...(pkg?.trackingNumber ? { trackingNumber: pkg.trackingNumber } : {}),
    // A weight in a unit RSX has no code for is left out rather than sent as pounds.
    ...(weight !== undefined && weight > 0 && unit !== undefined ? { weight, weightUOM: unit } : {}),
    items: [...items].map(([line, quantity]) => ({ line, quantity })),
  };
}

/** Splits `units` (in 850 line order) into `count` cartons of equal unit counts. */
function fillCartons(units: Array<[string, number]>, count: number): Array<Map<string, number>> {
  const total = units.reduce((s, [, q]) => s + q, 0);
  const whole = Math.floor(total + EPSILON);
  const base = Math.floor(whole / count);
  const sizes = Array.from({ length: count }, (_, i) => base + (i < whole % count ? 1 : 0));
  sizes[count - 1] = round6(sizes[count - 1]! + (total - whole)); // a fractional rest rides in the last carton
  const queue = units.map(([line, qty]) => ({ line, qty }));
  return sizes.map((size) => {
    const carton = new Map<string, number>();
    let room = size;
    while (room > EPSILON && queue.length > 0) {
      const head = queue[0]!;
      const take = Math.min(room, head.qty);
      add(carton, head.line, take);
      head.qty = round6(head.qty - take);
      room = round6(room - take);
      if (head.qty <= EPSILON) queue.shift();
    }
    return carton;
  });
}

function pendingUnits(level: OrderLevelPlan): number {
  return [...level.pending.values()].reduce((s, q) => s + q, 0);
}

/** How many of `count` packages each OrderLevel gets: one each, then to the most units per carton. */
function dealPackages(levels: OrderLevelPlan[], count: number): number[] {
  const counts = levels.map(() => 1);
  for (let left = count - levels.length; left > 0; left--) {
    let best = 0;
    levels.forEach((level, i) => {
      if (pendingUnits(level) / counts[i]! > pendingUnits(levels[best]!) / counts[best]! + EPSILON) best = i;
    });
    counts[best]!++;
  }
  return counts;
}

// ---- The mapping ------------------------------------------------------------------------------------

function withVendor(order: Order850, vendor: string | undefined): Order850 {
  return order.header.vendor !== undefined || vendor === undefined ? order : { ...order, header: { ...order.header, vendor } };
}

function carrierOf(shipment: ErpShipment, orders: readonly Order850[], supplier: ShipNoticeSupplier): CarrierInput | undefined {
  const fromPo = orders.flatMap((o) => o.carrierInformation)[0];
  const mapped = shipment.shipVia ? supplier.carrierScacByShipVia?.[shipment.shipVia] : undefined;
  const scac = shipment.carrierCode ?? mapped ?? fromPo?.carrierAlphaCode;
  const routing = mapped !== undefined || shipment.carrierCode !== undefined ? shipment.shipVia : (fromPo?.carrierRouting ?? shipment.shipVia);
  if (scac === undefined && routing === undefined && fromPo === undefined) return undefined;
  return {
    ...(fromPo?.carrierTransMethodCode ? { carrierTransMethodCode: fromPo.carrierTransMethodCode } : {}),
    ...(scac ? { carrierAlphaCode: scac } : {}),
    ...(routing ? { carrierRouting: routing } : {}),
    ...(fromPo && fromPo.serviceLevelCodes.length > 0 && mapped === undefined ? { serviceLevelCodes: fromPo.serviceLevelCodes } : {}),
  };
}

function sameAddress(a: Address | undefined, b: Address | undefined): boolean {
  return (a?.addressLocationNumber ?? a?.addressName ?? a?.address1) === (b?.addressLocationNumber ?? b?.addressName ?? b?.address1);
}

export function shipNoticeInputFrom(source: ShipNoticeSource): Result<ShipNoticeInput, RsxInvalid> {
  const { shipment, partner, supplier, ssccFor } = source;
  const reasons: string[] = [];
  const fail = () => err<RsxInvalid>({ kind: "invalid", reasons });
  const label = `Shipment ${shipment.shipmentNbr}`;

  if (source.orders.length === 0) {
    reasons.push(`${label} fulfils no sales order the connector created from an 850.`);
    return fail();
  }
  for (const link of source.orders) {
    const tp = link.order.header.tradingPartnerId;
    if (tp !== partner.partnerId) reasons.push(`${label}: PO ${link.order.header.purchaseOrderNumber} is from trading partner ${tp}, not ${partner.partnerId}.`);
  }
  for (const o of shipment.orders) {
    if (!linkOf({ orderNbr: o.orderNbr, orderType: o.orderType, itemId: "", qty: 0 }, source.orders)) {
      reasons.push(`${label} contains sales order ${o.orderType ? `${o.orderType} ` : ""}${o.orderNbr}, which was not created from an 850 this shipment answers.`);
    }
  }
  if (supplier.shipFrom === undefined) reasons.push("The ship-from address (SF) of the supplier is not configured; set it in the tenant's settings.");

  // Shipped quantities, by ERP order and 850 line.
  const shipped = new Map<OutboundOrderLink, Map<string, number>>();
  shipment.lines.forEach((erp, i) => {
    if (!(erp.qty > 0)) return; // Acumatica keeps zero-quantity lines on partial shipments
    const traced = traceErpLine(erp, source.orders, `${label} line ${i + 1}`);
    if (!traced.ok) return reasons.push(traced.error);
    const map = shipped.get(traced.value.link) ?? new Map<string, number>();
    add(map, traced.value.line, traced.value.quantity);
    shipped.set(traced.value.link, map);
  });
  if (reasons.length > 0) return fail();
  if (shipped.size === 0) {
    reasons.push(`${label} ships no quantity.`);
    return fail();
  }

  const links = source.orders.filter((l) => shipped.has(l));
  const levels = links.flatMap(orderLevelsOf);
  const levelsOf = (link: OutboundOrderLink) => levels.filter((l) => l.link === link);
  const packageOrder = new Map(shipment.packages.map((p, i) => [p, i]));

  // 1. Cartons whose contents the ERP lists.
  const covered = new Map<OutboundOrderLink, Map<string, number>>();
  shipment.packages.forEach((pkg, index) => {
    if (pkg.contents.length === 0) return;
    const where = `${label} package ${pkg.packageId}${pkg.trackingNumber ? ` (tracking ${pkg.trackingNumber})` : ""}`;
    const items = new Map<string, number>();
    const owners = new Set<OutboundOrderLink>();
    pkg.contents.forEach((content, c) => {
      if (!(content.qty > 0)) return;
      const traced = traceErpLine(content, source.orders, `${where} content ${c + 1}`);
      if (!traced.ok) return reasons.push(traced.error);
      owners.add(traced.value.link);
      add(items, traced.value.line, traced.value.quantity);
    });
    if (owners.size > 1) {
      reasons.push(`${where} holds goods of ${owners.size} purchase orders; an 856 carton belongs to one PO, so pack each PO separately.`);
      return;
    }
    const link = [...owners][0];
    if (link === undefined) return;
    const candidates = levelsOf(link);
    const level =
      candidates.length === 1
        ? candidates[0]
        : candidates.find((l) => [...items].every(([line, qty]) => (l.room.get(line) ?? 0) + EPSILON >= qty));
    if (level === undefined) {
      const what = [...items].map(([line, qty]) => `${qty} of line ${line}`).join(", ");
      reasons.push(`${where} holds ${what}, which no single store of cross-dock PO ${link.order.header.purchaseOrderNumber} has left to receive; pack cross-dock cartons per store.`);
      return;
    }
    for (const [line, qty] of items) {
      if (level.room.has(line)) level.room.set(line, round6(level.room.get(line)! - qty));
      const map = covered.get(link) ?? new Map<string, number>();
      add(map, line, qty);
      covered.set(link, map);
    }
    level.cartons.push({ order: index, carton: cartonFrom(pkg, pkg.packageId, items, ssccFor) });
  });

  // A carton that could not be placed would only make the quantity checks below repeat the problem.
  if (reasons.length > 0) return fail();

  // 2. What the contents do not cover goes to the OrderLevels (stores in 850 order for cross-dock).
  for (const link of links) {
    for (const [line, qty] of shipped.get(link)!) {
      let rest = round6(qty - (covered.get(link)?.get(line) ?? 0));
      if (rest < -EPSILON) {
        reasons.push(`${label}: the package contents hold ${round6(qty - rest)} of PO ${link.order.header.purchaseOrderNumber} line ${line}, but the shipment ships ${qty}.`);
        continue;
      }
      if (rest <= EPSILON) continue;
      const candidates = levelsOf(link);
      const receiving = candidates.filter((l) => l.room.has(line));
      for (const level of receiving) {
        const take = Math.min(rest, Math.max(0, level.room.get(line)!));
        if (take <= EPSILON) continue;
        add(level.pending, line, take);
        level.room.set(line, round6(level.room.get(line)! - take));
        rest = round6(rest - take);
      }
      if (rest > EPSILON) add((receiving.at(-1) ?? candidates.at(-1)!).pending, line, rest);
    }
  }

  // 3. Packages without contents carry the rest.
  const needy = levels.filter((l) => pendingUnits(l) > EPSILON);
  const empty = shipment.packages.filter((p) => p.contents.length === 0);
  if (needy.length > 0) {
    if (shipment.packages.length === 0) {
      const single = needy.length === 1 && levels.every((l) => l.cartons.length === 0);
      for (const level of needy) {
        const id = `auto:${level.key}`;
        const synthetic = cartonFrom(undefined, id, level.pending, ssccFor, single ? shipment.totalWeight : undefined);
        level.cartons.push({ order: Number.MAX_SAFE_INTEGER, carton: synthetic });
      }
    } else if (empty.length === 0) {
      const missing = needy.flatMap((l) => [...l.pending].map(([line, qty]) => `${qty} of PO ${l.link.order.header.purchaseOrderNumber} line ${line}`));
      reasons.push(`${label}: its packages' contents leave ${missing.join(", ")} in no carton; complete the package contents in the ERP.`);
    } else if (empty.length < needy.length) {
      reasons.push(
        `${label} has ${empty.length} package(s) without contents for goods of ${needy.length} orders/stores (${needy.map((l) => l.key).join(", ")}); a carton belongs to one PO and store, so add package contents or packages in the ERP.`,
      );
    } else {
      const counts = dealPackages(needy, empty.length);
      let next = 0;
      needy.forEach((level, i) => {
        const count = counts[i]!;
        const units = level.link.order.lines
          .map((l, index) => orderLineKey(l, index))
          .filter((key) => (level.pending.get(key) ?? 0) > EPSILON)
          .map((key): [string, number] => [key, level.pending.get(key)!]);
        const total = units.reduce((s, [, q]) => s + q, 0);
        if (Math.floor(total + EPSILON) < count) {
          reasons.push(`${label}: ${count} package(s) without contents would carry ${total} unit(s) for ${level.key}; record the package contents in the ERP.`);
          next += count;
          return;
        }
        fillCartons(units, count).forEach((items) => {
          const pkg = empty[next++]!;
          level.cartons.push({ order: packageOrder.get(pkg)!, carton: cartonFrom(pkg, pkg.packageId, items, ssccFor) });
        });
      });
    }
  }
  if (reasons.length > 0) return fail();

  // 4. OrderLevels, with a pallet per OrderLevel when the partner wants the tare level.
  const tare = partner.rules.asnStructure === "tare";
  const used = levels.filter((l) => l.cartons.length > 0);
  const orderInputs: ShipmentOrderInput[] = used.map((level) => {
    const cartons = [...level.cartons].sort((a, b) => a.order - b.order).map((c) => c.carton);
    const pallets: PalletInput[] | undefined = tare ? [{ sscc: ssccFor(`pallet:${level.key}`), cartons }] : undefined;
    return {
      order: withVendor(level.link.order, supplier.vendor),
      ...(level.markFor ? { markFor: level.markFor } : {}),
      ...(pallets ? { pallets } : { cartons }),
    };
  });

  const shipTos = used.filter((l) => l.shipTo !== undefined);
  if (shipTos.some((l) => !sameAddress(l.shipTo, shipTos[0]!.shipTo))) {
    const where = shipTos.map((l) => l.shipTo?.addressLocationNumber ?? l.shipTo?.addressName ?? "?").join(", ");
    reasons.push(`${label} goes to several ship-to locations (${where}); an 856 has one ship-to, so ship each store separately.`);
    return fail();
  }

  const units = new Set(shipment.packages.map((p) => rsxWeightUom(p.weightUom)).filter((u) => u !== undefined));
  const carrier = carrierOf(shipment, links.map((l) => l.order), supplier);
  return ok({
    shipmentId: shipment.shipmentNbr,
    shipDate: shipment.shipDate ?? source.today,
    shipNoticeDate: source.today,
    ...(source.noticeTime ? { shipNoticeTime: source.noticeTime } : {}),
    ...(shipment.billOfLading ? { billOfLadingNumber: shipment.billOfLading } : {}),
    ...(shipment.proNumber ? { carrierProNumber: shipment.proNumber } : {}),
    shipFrom: supplier.shipFrom!,
    ...(shipTos[0]?.shipTo ? { shipTo: shipTos[0].shipTo } : {}),
    ...(carrier ? { carrier } : {}),
    ...(shipment.totalWeight !== undefined && shipment.totalWeight > 0 ? { grossWeight: shipment.totalWeight } : {}),
    ...(units.size === 1 ? { weightUOM: [...units][0]! } : {}),
    orders: orderInputs,
  });
}

/**
 * The package ids (and "pallet:…"/"auto:…" ids) the mapping will ask `ssccFor` about, so the caller can
 * allocate and store those SSCCs before building: one dry run with a recording allocator.
 */
export function ssccRequests(source: Omit<ShipNoticeSource, "ssccFor">): string[] {
  const asked: string[] = [];
  shipNoticeInputFrom({
    ...source,
    ssccFor: (id) => {
      asked.push(id);
      return "";
    },
  });
  return asked;
}
