// Item matching for 850 lines, pure: the identifiers a line carries, and the mapping that wins in
// the usual order (partner-specific buyer part number, vendor part number, then UPC/GTIN), each
// preferring a partner- and legal-entity-specific mapping over an "any" one.
import type { ItemKeyKind } from "../db/schema";
import { toGtin14 } from "../rsx/gs1";

export interface ItemKey {
  kind: ItemKeyKind;
  value: string;
}

export interface ItemMappingRow {
  partnerId: string; // "*" = any partner
  legalEntity: string; // "*" = any legal entity
  keys: ItemKey[];
  erpItemId: string;
  uom?: string | undefined;
  uomFactor?: number | undefined;
}

export interface ItemMapping {
  partnerId: string;
  legalEntity: string;
  kind: ItemKeyKind;
  value: string;
  erpItemId: string;
  uom: string | null;
  uomFactor: number | null;
}

export interface LineIdentifiers {
  buyerPartNumber?: string | undefined;
  vendorPartNumber?: string | undefined;
  consumerPackageCode?: string | undefined;
  ean?: string | undefined;
  gtin?: string | undefined;
  upcCaseCode?: string | undefined;
}

/** The lookup keys of a line (UPC, EAN, GTIN and case code all as GTIN-14). */
export function itemKeysOf(line: LineIdentifiers): ItemKey[] {
  const keys: ItemKey[] = [];
  if (line.buyerPartNumber) keys.push({ kind: "buyer_part", value: line.buyerPartNumber.trim() });
  if (line.vendorPartNumber) keys.push({ kind: "vendor_part", value: line.vendorPartNumber.trim() });
  for (const code of [line.consumerPackageCode, line.gtin, line.ean, line.upcCaseCode]) {
    const gtin = code ? toGtin14(code, { checkDigit: "ignore" }) : undefined;
    if (gtin && !keys.some((k) => k.kind === "gtin" && k.value === gtin)) keys.push({ kind: "gtin", value: gtin });
  }
  return keys;
}

const KIND_ORDER = ["buyer_part", "vendor_part", "gtin"] as const;

export function matchLine(line: LineIdentifiers, partnerId: string, legalEntity: string | null, mappings: ItemMapping[]): ItemMapping | undefined {
  const keys = itemKeysOf(line);
  for (const kind of KIND_ORDER) {
    const values = keys.filter((k) => k.kind === kind).map((k) => k.value);
    if (values.length === 0) continue;
    const candidates = mappings.filter(
      (m) =>
        m.kind === kind &&
        values.includes(m.value) &&
        (m.partnerId === partnerId || (m.partnerId === "*" && kind !== "buyer_part")) &&
        (m.legalEntity === "*" || m.legalEntity === legalEntity),
    );
    if (candidates.length === 0) continue;
    // Most specific first: partner-specific, then legal-entity-specific; then the identifier order.
    candidates.sort(
      (a, b) =>
        Number(b.partnerId !== "*") - Number(a.partnerId !== "*") ||
        Number(b.legalEntity !== "*") - Number(a.legalEntity !== "*") ||
        values.indexOf(a.value) - values.indexOf(b.value),
    );
    return candidates[0];
  }
  return undefined;
}

/** "buyer part NW-1, vendor part BH-2, UPC 081234501013": what a line offered, for messages. */
export function describeIdentifiers(line: LineIdentifiers): string {
  const parts = [
    line.buyerPartNumber && `buyer part ${line.buyerPartNumber}`,
    line.vendorPartNumber && `vendor part ${line.vendorPartNumber}`,
    line.consumerPackageCode && `UPC ${line.consumerPackageCode}`,
    line.gtin && `GTIN ${line.gtin}`,
    line.ean && `EAN ${line.ean}`,
    line.upcCaseCode && `case code ${line.upcCaseCode}`,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "no identifiers";
}
