// Builds the 856 advance ship notice (sps-commerce.md §3.5) from what the ERP shipped and the original 850s:
// Shipment → OrderLevel (one per PO, or per PO and store for cross-dock) → PackLevel (carton P with its SSCC,
// optionally inside a pallet T) → ItemLevel (one ShipmentLine each, identifiers echoed from the 850 line).
// Structure code 0001 (pick-pack) without pallets, SOTPI with them. Input problems come back as reasons.
import { ok } from "../lib/result";
import type { Reference } from "./common-groups";
import {
  addressOut,
  carrierOut,
  fobOut,
  itemIdentifiersOut,
  priceInformationOut,
  productAttributesOut,
  productDescriptionOut,
  referenceOut,
  type AddressInput,
  type CarrierInput,
} from "./echo-groups";
import { shippingSerialId } from "./gs1";
import type { Order850, OrderLine } from "./order-850";
import { addressByType, linesByKey } from "./order-850-queries";
import { checkDateTimes, isPositiveQuantity } from "./outbound-values";
import type { RsxOut } from "./rsx-arrange";
import { renderRsxDocument, type BuiltRsxDocument } from "./rsx-document";
import { invalid, type RsxResult } from "./rsx-result";
import { SHIPMENT } from "./ship-notice-856-elements";

export interface CartonItem {
  /** The 850 line (LineSequenceNumber, or 1-based position; see orderLineKey). */
  line: string;
  quantity: number;
  /** Defaults to the 850 line's OrderQtyUOM. */
  uom?: string;
  /** ShipmentLine/ItemStatusCode when the retailer wants one (SPS samples send IA). */
  itemStatusCode?: string;
}

export interface CartonInput {
  /** SSCC-18 (or the 20-digit "00"-prefixed form) printed on the carton's GS1-128 label. */
  sscc: string;
  /** Carrier tracking number (parcel, drop ship) → Pack/CarrierPackageID. */
  trackingNumber?: string;
  weight?: number;
  /** LB (default) or KG. */
  weightUOM?: string;
  items: CartonItem[];
}

export interface PalletInput {
  sscc: string;
  weight?: number;
  weightUOM?: string;
  cartons: CartonInput[];
}

export interface ShipmentOrderInput {
  order: Order850;
  /** Cross-dock and multi-store: the store these cartons are for, sent as a Z7 mark-for at OrderLevel. */
  markFor?: AddressInput;
  invoiceNumber?: string;
  invoiceDate?: string;
  /** Pick-pack (structure 0001): the cartons of this order. */
  cartons?: CartonInput[];
  /** Pallets of cartons (structure SOTPI). Use either cartons or pallets across the whole shipment. */
  pallets?: PalletInput[];
}

export interface ShipNoticeInput {
  shipmentId: string;
  /** YYYY-MM-DD the goods left; also sent as Dates 011 (actual ship). */
  shipDate: string;
  shipTime?: string;
  shipNoticeDate: string;
  shipNoticeTime?: string;
  /** 00 original (default), 01 cancellation, 05 replace. */
  tsetPurposeCode?: string;
  billOfLadingNumber?: string;
  carrierProNumber?: string;
  appointmentNumber?: string;
  estimatedDeliveryDate?: string;
  /** 017 estimated delivery (default) or 067 current schedule delivery. */
  deliveryDateQualifier?: string;
  /** The supplier's warehouse (SF). */
  shipFrom: AddressInput;
  /** Defaults to the first order's header ST (the DC for cross-dock, the consumer for drop ship). */
  shipTo?: AddressInput;
  /** SCAC, routing, transport method; StatusCode defaults to CL (complete). */
  carrier?: CarrierInput;
  /** Gross weight of the shipment; defaults to the sum of carton weights when every carton has one. */
  grossWeight?: number;
  weightUOM?: string;
  references?: Reference[];
  orders: ShipmentOrderInput[];
}

interface LineLookup {
  order: Order850;
  lines: Map<string, OrderLine>;
  markForLocation: string | undefined;
}

export function buildShipNotice(input: ShipNoticeInput): RsxResult<BuiltRsxDocument> {
  const reasons = validateShipNotice(input);
  if (reasons.length > 0) return invalid(reasons);

  const usesPallets = input.orders.some((o) => (o.pallets ?? []).length > 0);
  const weightUOM = input.weightUOM ?? "LB";
  const allCartons = input.orders.flatMap(cartonsOf);
  const orderWeights = input.orders.map(grossWeightOf);
  const grossWeight =
    input.grossWeight ?? (orderWeights.every((w) => w !== undefined) ? sum(orderWeights as number[]) : undefined);
  const first = input.orders[0]!.order;
  const shipTo = input.shipTo ?? addressByType(first, "ST");

  let itemLevels = 0;
  const shippedUnits: Array<{ quantity: number; uom: string | undefined }> = [];
  const orderLevels = input.orders.map((orderInput): RsxOut => {
    const { order } = orderInput;
    const lookup: LineLookup = { order, lines: linesByKey(order), markForLocation: orderInput.markFor?.addressLocationNumber };
    const carton = (c: CartonInput): RsxOut => {
      const items = c.items.map((item) => {
        itemLevels++;
        const line = lookup.lines.get(item.line)!;
        shippedUnits.push({ quantity: item.quantity, uom: item.uom ?? line.orderQtyUOM });
        return itemLevelOut(lookup, line, item);
      });
      return {
        Pack: { PackLevelType: "P", ShippingSerialID: shippingSerialId(c.sscc), CarrierPackageID: c.trackingNumber },
        PhysicalDetails: c.weight === undefined ? [] : [packWeight("CTN", "25", c.weight, c.weightUOM ?? weightUOM)],
        ItemLevel: items,
      };
    };
    const cartons = orderInput.cartons ?? [];
    const pallets = orderInput.pallets ?? [];
    const orderCartons = cartonsOf(orderInput);
    const h = order.header;
    return {
      OrderHeader: {
        InvoiceNumber: orderInput.invoiceNumber,
        InvoiceDate: orderInput.invoiceDate,
        PurchaseOrderNumber: h.purchaseOrderNumber,
        ReleaseNumber: h.releaseNumber,
        PurchaseOrderDate: h.purchaseOrderDate,
        Department: h.department,
        Vendor: h.vendor,
        Division: h.division,
        CustomerAccountNumber: h.customerAccountNumber,
        CustomerOrderNumber: h.customerOrderNumber,
      },
      QuantityAndWeight: [
        ladingOut(orderCartons.length, grossWeightOf(orderInput), weightUOM),
      ],
      // Retailers typically want back whatever References the PO carried (§4 item 10).
      References: order.references.map(referenceOut),
      Address: orderInput.markFor ? [addressOut({ ...orderInput.markFor, addressTypeCode: "Z7" })] : [],
      PackLevel: usesPallets
        ? pallets.map((p) => ({
            Pack: { PackLevelType: "T", ShippingSerialID: shippingSerialId(p.sscc) },
            PhysicalDetails: p.weight === undefined ? [] : [packWeight("PLT", "94", p.weight, p.weightUOM ?? weightUOM)],
            PackLevel: p.cartons.map(carton),
          }))
        : cartons.map(carton),
    };
  });

  const uoms = new Set(shippedUnits.map((u) => u.uom));
  const content: RsxOut = {
    Header: {
      ShipmentHeader: {
        TradingPartnerId: first.header.tradingPartnerId,
        ShipmentIdentification: input.shipmentId,
        ShipDate: input.shipDate,
        ShipmentTime: input.shipTime,
        TsetPurposeCode: input.tsetPurposeCode ?? "00",
        ShipNoticeDate: input.shipNoticeDate,
        ShipNoticeTime: input.shipNoticeTime,
        // 0001 = Shipment/Order/Pack/Item; SOTPI = Shipment/Order/Tare/Pack/Item (§3.5).
        ASNStructureCode: usesPallets ? "SOTPI" : "0001",
        BillOfLadingNumber: input.billOfLadingNumber,
        CarrierProNumber: input.carrierProNumber,
        AppointmentNumber: input.appointmentNumber,
        CurrentScheduledDeliveryDate: input.estimatedDeliveryDate,
      },
      Dates: [
        { DateTimeQualifier: "011", Date: input.shipDate, Time: input.shipTime },
        input.estimatedDeliveryDate === undefined
          ? undefined
          : { DateTimeQualifier: input.deliveryDateQualifier ?? "017", Date: input.estimatedDeliveryDate },
      ],
      References: (input.references ?? []).map(referenceOut),
      Address: [
        addressOut({ ...input.shipFrom, addressTypeCode: "SF" }),
        shipTo === undefined ? undefined : addressOut({ ...shipTo, addressTypeCode: "ST" }),
      ],
      CarrierInformation: input.carrier ? [carrierOut({ statusCode: "CL", ...input.carrier })] : [],
      QuantityAndWeight: [ladingOut(allCartons.length, grossWeight, weightUOM)],
      FOBRelatedInstruction: first.fobRelatedInstructions.map(fobOut),
      QuantityTotals: [
        {
          QuantityTotalsQualifier: "SQT",
          Quantity: sum(shippedUnits.map((u) => u.quantity)),
          QuantityUOM: uoms.size === 1 ? [...uoms][0] : undefined,
        },
      ],
    },
    OrderLevel: orderLevels,
    Summary: { TotalLineItemNumber: itemLevels },
  };
  return ok(renderRsxDocument(SHIPMENT, "Shipments", content));
}

function itemLevelOut(lookup: LineLookup, line: OrderLine, item: CartonItem): RsxOut {
  return {
    ShipmentLine: {
      ...itemIdentifiersOut(line),
      OrderQty: orderedFor(line, lookup.markForLocation),
      OrderQtyUOM: line.orderQtyUOM,
      PurchasePrice: line.purchasePrice,
      PurchasePriceBasis: line.purchasePriceBasis,
      ItemStatusCode: item.itemStatusCode,
      ShipQty: item.quantity,
      ShipQtyUOM: item.uom ?? line.orderQtyUOM,
      ...productAttributesOut(line),
    },
    PriceInformation: line.priceInformation.map(priceInformationOut),
    ProductOrItemDescription: line.productDescriptions.map(productDescriptionOut),
  };
}

/** For a store's OrderLevel the ordered quantity is that store's share (SDQ), as in SPS's cross-dock ASN sample. */
function orderedFor(line: OrderLine, storeLocation: string | undefined): number | undefined {
  if (storeLocation !== undefined) {
    const shares = line.quantitiesSchedulesLocations
      .flatMap((q) => q.locationQuantities)
      .filter((lq) => lq.location === storeLocation && lq.qty !== undefined);
    if (shares.length > 0) return sum(shares.map((lq) => lq.qty!));
  }
  return line.orderQty;
}

function ladingOut(cartons: number, weight: number | undefined, uom: string): RsxOut {
  return {
    PackingMedium: "CTN",
    PackingMaterial: "25",
    LadingQuantity: cartons,
    WeightQualifier: weight === undefined ? undefined : "G",
    Weight: weight === undefined ? undefined : round3(weight),
    WeightUOM: weight === undefined ? undefined : uom,
  };
}

function packWeight(medium: string, material: string, weight: number, uom: string): RsxOut {
  return { PackQualifier: "OU", PackValue: 1, PackingMedium: medium, PackingMaterial: material, WeightQualifier: "G", PackWeight: round3(weight), PackWeightUOM: uom };
}

/** A pallet's own gross weight when given (it includes its cartons), else its cartons'; undefined if any is unknown. */
function grossWeightOf(o: ShipmentOrderInput): number | undefined {
  const parts = [
    ...(o.cartons ?? []).map((c) => c.weight),
    ...(o.pallets ?? []).map((p) => {
      if (p.weight !== undefined) return p.weight;
      const inner = p.cartons.map((c) => c.weight);
      return inner.every((w) => w !== undefined) ? sum(inner as number[]) : undefined;
    }),
  ];
  return parts.every((w) => w !== undefined) ? sum(parts as number[]) : undefined;
}

function cartonsOf(o: ShipmentOrderInput): CartonInput[] {
  return [...(o.cartons ?? []), ...(o.pallets ?? []).flatMap((p) => p.cartons)];
}

function validateShipNotice(input: ShipNoticeInput): string[] {
  const reasons: string[] = [];
  if (input.shipmentId.trim() === "") reasons.push("ShipmentIdentification is empty.");
  checkDateTimes(
    [
      ["ShipDate", input.shipDate, "date"],
      ["ShipmentTime", input.shipTime, "time"],
      ["ShipNoticeDate", input.shipNoticeDate, "date"],
      ["ShipNoticeTime", input.shipNoticeTime, "time"],
      ["Estimated delivery date", input.estimatedDeliveryDate, "date"],
    ],
    reasons,
  );
  if (input.orders.length === 0) {
    reasons.push("The shipment has no order.");
    return reasons;
  }
  const partners = new Set(input.orders.map((o) => o.order.header.tradingPartnerId));
  if (partners.size > 1) reasons.push(`One shipment cannot mix trading partners (${[...partners].join(", ")}).`);
  const withPallets = input.orders.filter((o) => (o.pallets ?? []).length > 0).length;
  const withCartons = input.orders.filter((o) => (o.cartons ?? []).length > 0).length;
  if (withPallets > 0 && withCartons > 0) {
    reasons.push("Send loose cartons or pallets of cartons, not both: one ASN has one structure (0001 or SOTPI).");
  }
  const seen = new Set<string>();
  const checkSscc = (sscc: string, what: string) => {
    const id = shippingSerialId(sscc);
    if (id === undefined) reasons.push(`${what} SSCC "${sscc}" is not a valid SSCC-18 (18 digits with a GS1 check digit).`);
    else if (seen.has(id)) reasons.push(`${what} SSCC ${sscc} is used twice.`);
    else seen.add(id);
  };
  for (const o of input.orders) {
    const po = o.order.header.purchaseOrderNumber;
    const lines = linesByKey(o.order);
    checkDateTimes([[`PO ${po} invoice date`, o.invoiceDate, "date"]], reasons);
    if (o.markFor && o.markFor.addressLocationNumber === undefined && o.markFor.addressName === undefined) {
      reasons.push(`PO ${po}: the mark-for store needs a location number or a name.`);
    }
    for (const p of o.pallets ?? []) {
      checkSscc(p.sscc, `PO ${po} pallet`);
      if (p.cartons.length === 0) reasons.push(`PO ${po}: pallet ${p.sscc} holds no carton.`);
    }
    const cartons = cartonsOf(o);
    if (cartons.length === 0) reasons.push(`PO ${po} has no carton in this shipment.`);
    for (const c of cartons) {
      checkSscc(c.sscc, `PO ${po} carton`);
      if (c.weight !== undefined && !isPositiveQuantity(c.weight)) reasons.push(`PO ${po} carton ${c.sscc}: weight ${c.weight} is not a weight.`);
      if (c.items.length === 0) reasons.push(`PO ${po} carton ${c.sscc} holds no item.`);
      for (const item of c.items) {
        if (!lines.has(item.line)) reasons.push(`PO ${po} carton ${c.sscc}: line ${item.line} is not on the PO.`);
        if (!isPositiveQuantity(item.quantity)) reasons.push(`PO ${po} carton ${c.sscc}: quantity ${item.quantity} for line ${item.line} is not above zero.`);
      }
    }
  }
  return reasons;
}

function sum(values: readonly number[]): number {
  return round3(values.reduce((a, b) => a + b, 0));
}

// Weights and unit counts: three decimals keep binary-float noise (0.1 + 0.2) out of the document.
function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
