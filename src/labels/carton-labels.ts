// The carton labels of a shipment, pure: one label per carton (and per pallet of a tare-level 856)
// of the very ShipNoticeInput the 856 is built from, so every label's SSCC is an SSCC of the 856.
// What each label shows follows the GS1 Logistic Label Guideline's zones
// (https://www.gs1.org/docs/tl/GS1_Logistic_Label_Guideline.pdf §4) and the GS1 US carton label:
// ship-from, ship-to, ship-to postal code (AI 420), carrier, PO/department/mark-for, item for a
// single-item carton, carton n of m, SSCC (AI 00). The partner's label profile blanks forbidden
// fields and names the required ones a shipment lacks.
import { err, ok, type Result } from "../lib/result";
import type { AddressInput } from "../rsx/echo-groups";
import { isValidSscc18, shippingSerialId } from "../rsx/gs1";
import type { OrderLine } from "../rsx/order-850";
import { addressByType, linesByKey } from "../rsx/order-850-queries";
import type { CartonInput, ShipNoticeInput } from "../rsx/ship-notice-856";
import type { LabelField, ResolvedLabelProfile } from "./label-profile";

export interface LabelAddress {
  name?: string | undefined;
  lines: string[];
  /** Store or DC number. */
  location?: string | undefined;
}

export interface LabelItem {
  /** UPC, GTIN or the partner's / our part number, with what it is. */
  identifiers: Array<{ kind: "UPC" | "GTIN" | "EAN" | "BUYER" | "VENDOR"; value: string }>;
  description?: string | undefined;
  quantity: number;
  uom?: string | undefined;
}

export interface CartonLabel {
  level: "carton" | "pallet";
  /** The 18-digit SSCC (without the AI). */
  sscc: string;
  shipFrom?: LabelAddress | undefined;
  shipTo?: LabelAddress | undefined;
  /** The ship-to postal code as carried in AI 420 (GS1 General Specifications §3.7.1). */
  postalCode?: string | undefined;
  carrierName?: string | undefined;
  scac?: string | undefined;
  proNumber?: string | undefined;
  billOfLading?: string | undefined;
  purchaseOrder?: string | undefined;
  department?: string | undefined;
  markFor?: LabelAddress | undefined;
  item?: LabelItem | undefined;
  /** n of m, counted over the shipment's cartons (pallets counted on their own). */
  number: number;
  count: number;
  trackingNumber?: string | undefined;
  weight?: { value: number; uom: string } | undefined;
}

export interface LabelSource {
  notice: ShipNoticeInput;
  profile: ResolvedLabelProfile;
}

function addressOf(a: AddressInput | undefined): LabelAddress | undefined {
  if (!a) return undefined;
  const cityLine = [a.city, [a.state, a.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const lines = [a.address1, a.address2, a.address3, cityLine, a.country && !["US", "USA"].includes(a.country) ? a.country : undefined].filter((l): l is string => Boolean(l && l.trim()));
  if (!a.addressName && lines.length === 0 && !a.addressLocationNumber) return undefined;
  return { ...(a.addressName ? { name: a.addressName } : {}), lines, ...(a.addressLocationNumber ? { location: a.addressLocationNumber } : {}) };
}

/**
 * AI 420 data: the postal code within one postal authority, GS1 AI characters only, at most 20.
 * US ZIP codes are sent as their 5 digits (the GS1 US carton label; ZIP+4 would need 9 and most
 * routing guides ask for 5).
 */
export function postalCodeForAi420(postalCode: string | undefined, country: string | undefined): string | undefined {
  const raw = postalCode?.trim().toUpperCase();
  if (!raw) return undefined;
  const us = country === undefined || ["US", "USA"].includes(country.trim().toUpperCase());
  if (us && /^\d{5}(-?\d{4})?$/.test(raw)) return raw.slice(0, 5);
  const cleaned = raw.replace(/[^A-Z0-9]/g, "");
  return cleaned === "" ? undefined : cleaned.slice(0, 20);
}

/** Well-known SCACs (NMFTA, https://nmfta.org/scac/) → the name printed in the carrier zone. */
const CARRIER_NAMES: Record<string, string> = {
  UPSN: "UPS",
  UPSS: "UPS Supply Chain",
  FDEG: "FedEx Ground",
  FDXG: "FedEx Ground",
  FDE: "FedEx Express",
  FXFE: "FedEx Freight",
  USPS: "USPS",
  ODFL: "Old Dominion Freight Line",
  RDWY: "YRC Freight",
  SAIA: "Saia",
  EXLA: "Estes Express",
  ABFS: "ABF Freight",
  CNWY: "XPO Logistics",
};

function carrierNameOf(scac: string | undefined, routing: string | undefined): string | undefined {
  return (scac ? CARRIER_NAMES[scac.toUpperCase()] : undefined) ?? routing ?? scac;
}

function itemOf(line: OrderLine, carton: CartonInput): LabelItem {
  const ids: LabelItem["identifiers"] = [];
  if (line.consumerPackageCode) ids.push({ kind: "UPC", value: line.consumerPackageCode });
  else if (line.gtin) ids.push({ kind: "GTIN", value: line.gtin });
  else if (line.ean) ids.push({ kind: "EAN", value: line.ean });
  if (line.buyerPartNumber) ids.push({ kind: "BUYER", value: line.buyerPartNumber });
  if (line.vendorPartNumber) ids.push({ kind: "VENDOR", value: line.vendorPartNumber });
  const description = line.productDescriptions.find((d) => d.productDescription)?.productDescription;
  const item = carton.items[0]!;
  const uom = item.uom ?? line.orderQtyUOM;
  return { identifiers: ids, ...(description ? { description } : {}), quantity: item.quantity, ...(uom ? { uom } : {}) };
}

/** Which label field a label value fills (for the profile's required and forbidden lists). */
const FIELD_VALUE: Record<LabelField, (l: CartonLabel) => unknown> = {
  shipFrom: (l) => l.shipFrom,
  shipTo: (l) => l.shipTo,
  postalBarcode: (l) => l.postalCode,
  carrierName: (l) => l.carrierName,
  scac: (l) => l.scac,
  proNumber: (l) => l.proNumber,
  billOfLading: (l) => l.billOfLading,
  purchaseOrder: (l) => l.purchaseOrder,
  department: (l) => l.department,
  markForStore: (l) => l.markFor,
  item: (l) => l.item,
  cartonCount: (l) => (l.count > 0 ? l.count : undefined),
};

const FIELD_KEY: Record<LabelField, keyof CartonLabel> = {
  shipFrom: "shipFrom",
  shipTo: "shipTo",
  postalBarcode: "postalCode",
  carrierName: "carrierName",
  scac: "scac",
  proNumber: "proNumber",
  billOfLading: "billOfLading",
  purchaseOrder: "purchaseOrder",
  department: "department",
  markForStore: "markFor",
  item: "item",
  cartonCount: "count",
};

const FIELD_WORDS: Record<LabelField, string> = {
  shipFrom: "a ship-from address (set the tenant's shipFrom)",
  shipTo: "a ship-to address",
  postalBarcode: "a ship-to postal code for the AI 420 barcode",
  carrierName: "a carrier",
  scac: "a carrier SCAC",
  proNumber: "a PRO number",
  billOfLading: "a bill of lading number",
  purchaseOrder: "a PO number",
  department: "a department",
  markForStore: "a mark-for store",
  item: "a single item per carton",
  cartonCount: "a carton count",
};

/**
 * The labels of the shipment, cartons in 856 order then pallets; or, when the partner's profile
 * requires a field the shipment lacks, the reasons (one per field, naming the cartons).
 */
export function cartonLabelsOf(source: LabelSource): Result<CartonLabel[], { reasons: string[] }> {
  const { notice, profile } = source;
  const first = notice.orders[0]?.order;
  const shipToInput = notice.shipTo ?? (first ? addressByType(first, "ST") : undefined);
  const shipFrom = addressOf(notice.shipFrom);
  const shipTo = addressOf(shipToInput);
  const postalCode = postalCodeForAi420(shipToInput?.postalCode, shipToInput?.country);
  const scac = notice.carrier?.carrierAlphaCode;
  const carrierName = carrierNameOf(scac, notice.carrier?.carrierRouting);
  const cartons = notice.orders.flatMap((o) => [...(o.cartons ?? []), ...(o.pallets ?? []).flatMap((p) => p.cartons)].map((carton) => ({ o, carton })));
  const pallets = notice.orders.flatMap((o) => (o.pallets ?? []).map((pallet) => ({ o, pallet })));
  const common = (o: ShipmentOrderOf) => ({
    shipFrom,
    shipTo,
    postalCode,
    carrierName,
    scac,
    proNumber: notice.carrierProNumber,
    billOfLading: notice.billOfLadingNumber,
    purchaseOrder: o.order.header.purchaseOrderNumber,
    department: o.order.header.department,
    markFor: addressOf(o.markFor),
  });
  const labels: CartonLabel[] = [
    ...cartons.map(({ o, carton }, i): CartonLabel => {
      const lines = linesByKey(o.order);
      const single = carton.items.length === 1 ? lines.get(carton.items[0]!.line) : undefined;
      return {
        level: "carton",
        sscc: bare(carton.sscc),
        ...common(o),
        ...(single ? { item: itemOf(single, carton) } : {}),
        number: i + 1,
        count: cartons.length,
        trackingNumber: carton.trackingNumber,
        ...(carton.weight !== undefined ? { weight: { value: carton.weight, uom: carton.weightUOM ?? notice.weightUOM ?? "LB" } } : {}),
      };
    }),
    ...pallets.map(({ o, pallet }, i): CartonLabel => ({
      level: "pallet",
      sscc: bare(pallet.sscc),
      ...common(o),
      number: i + 1,
      count: pallets.length,
      ...(pallet.weight !== undefined ? { weight: { value: pallet.weight, uom: pallet.weightUOM ?? notice.weightUOM ?? "LB" } } : {}),
    })),
  ];
  for (const label of labels) {
    for (const field of profile.forbidden) delete (label as unknown as Record<string, unknown>)[FIELD_KEY[field]];
    if (profile.forbidden.has("cartonCount")) label.count = 0;
  }
  const reasons: string[] = [];
  // An SSCC the ERP holds with a bad check digit is kept by the 856 mapping so its compliance rule names
  // it; a label cannot carry it (a scanner would refuse it), so the print is refused the same way.
  for (const label of labels) {
    if (!isValidSscc18(label.sscc)) reasons.push(`${label.level === "pallet" ? "Pallet" : "Carton"} ${label.number} of shipment ${notice.shipmentId} has SSCC ${label.sscc}, which is not a valid SSCC-18 (check digit); correct it in the ERP.`);
  }
  for (const field of profile.required) {
    // "item" is required of single-item cartons only: a mixed carton has no one item to print.
    const lacking = labels.filter((l) => l.level === "carton" && FIELD_VALUE[field](l) === undefined && !(field === "item" && isMixed(l, cartons)));
    if (lacking.length > 0) reasons.push(`The partner's label profile requires ${FIELD_WORDS[field]}; carton(s) ${lacking.map((l) => l.number).join(", ")} of shipment ${notice.shipmentId} have none.`);
  }
  return reasons.length > 0 ? err({ reasons }) : ok(labels);
}

type ShipmentOrderOf = ShipNoticeInput["orders"][number];

function isMixed(label: CartonLabel, cartons: Array<{ carton: CartonInput }>): boolean {
  return (cartons[label.number - 1]?.carton.items.length ?? 0) > 1;
}

/** The 18 digits of an SSCC given as 18 digits or in the "00"-prefixed form the 856 sends. */
function bare(sscc: string): string {
  return (shippingSerialId(sscc) ?? `00${sscc}`).slice(2);
}
