// The 856 mapping rules, pure: an ERP shipment and the 850(s) it fulfils become the ShipNoticeInput of
// rsx buildShipNotice (sps-commerce.md §3.5), or the reasons it cannot. ERP lines find their 850 line
// through CreatedOrderMeta (ERP line number ↔ 850 line key); cartons come from the ERP packages, with an
// SSCC-18 from the package or from the caller's allocator; cross-dock orders get one OrderLevel per store
// with a Z7 mark-for (ship-to-split semantics), and the partner's asnStructure may add a pallet level.
//
// Line tracing is ./line-tracing.ts; carton packing (how units are placed when the ERP does not say)
// is ./carton-packing.ts.
import type { ErpShipment } from "../erp/adapter";
import { err, ok, type Result } from "../lib/result";
import type { Address } from "../rsx/common-groups";
import type { AddressInput, CarrierInput, PalletInput, RsxInvalid, ShipNoticeInput, ShipmentOrderInput } from "../rsx";
import type { Order850 } from "../rsx/order-850";
import { orderLineKey } from "../rsx/order-850-queries";
import { add, cartonFrom, dealPackages, fillCartons, orderLevelsOf, pendingUnits, rsxWeightUom } from "./carton-packing";
import { EPSILON, linkOf, round6, traceErpLine, type OutboundOrderLink, type OutboundPartner } from "./line-tracing";

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

