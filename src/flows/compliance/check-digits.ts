// Rules sscc-check-digit and gtin-check-digit: GS1 mod-10 check digits (sps-commerce.md §3.5: the
// ShippingSerialID is "00" + the 18-digit SSCC; the SPS sample SSCC itself has a wrong check digit, so it
// is worth checking) on every carton and pallet, and on every UPC / EAN / GTIN a named 850 line carries.
import { gs1CheckDigit, isValidGtin, isValidSscc18 } from "../../rsx/gs1";
import { cartonsOf, namedLines, palletsOf, poLine } from "./document-views";
import type { ComplianceRule } from "./types";

function ssccProblem(value: string): string | undefined {
  const digits = value.trim();
  if (!/^\d+$/.test(digits)) return `"${value}" is not all digits`;
  if (digits.length === 20 && !digits.startsWith("00")) return `"${value}" has 20 digits but does not start with the application identifier 00`;
  const bare = digits.length === 20 ? digits.slice(2) : digits;
  if (bare.length !== 18) return `"${value}" has ${digits.length} digits; an SSCC-18 has 18 (20 with the 00 prefix)`;
  if (!isValidSscc18(bare)) return `${bare} ends in check digit ${bare.at(-1)}, expected ${gs1CheckDigit(bare.slice(0, 17))}`;
  return undefined;
}

export const ssccCheckDigit: ComplianceRule = {
  id: "sscc-check-digit",
  description: "Every carton and pallet SSCC is 18 digits (20 with the 00 prefix) with a valid GS1 check digit, and none repeats.",
  appliesTo: ["856"],
  enabledByDefault: true,
  check(subject) {
    if (subject.documentType !== "856") return [];
    const out: string[] = [];
    const seen = new Map<string, string>();
    const marks = [...cartonsOf(subject.input).map((c) => ({ sscc: c.carton.sscc, label: c.label })), ...palletsOf(subject.input)];
    for (const { sscc, label } of marks) {
      if (sscc.trim() === "") continue; // required-fields reports a missing one
      const problem = ssccProblem(sscc);
      if (problem) {
        out.push(`856 ${label}: ShippingSerialID ${problem}; correct the SSCC on the package (and its label) in the ERP.`);
        continue;
      }
      const bare = sscc.trim().slice(-18);
      const first = seen.get(bare);
      if (first) out.push(`856 ${label}: SSCC ${bare} is also on ${first}; every carton needs its own SSCC.`);
      else seen.set(bare, label);
    }
    return out;
  },
};

const IDENTIFIERS = [
  ["consumerPackageCode", "UPC (ConsumerPackageCode)"],
  ["ean", "EAN"],
  ["gtin", "GTIN"],
  ["upcCaseCode", "case code (UPCCaseCode)"],
] as const;

export const gtinCheckDigit: ComplianceRule = {
  id: "gtin-check-digit",
  description: "Every UPC, EAN, GTIN and case code on a document line (echoed from the 850) has 8, 12, 13 or 14 digits and a valid GS1 check digit.",
  appliesTo: ["856", "810", "855"],
  enabledByDefault: true,
  check(subject) {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const named of namedLines(subject)) {
      const line = poLine(named.order, named.line);
      const key = `${named.poNumber}|${named.line}`;
      if (line === undefined || seen.has(key)) continue;
      seen.add(key);
      for (const [field, name] of IDENTIFIERS) {
        const code = line[field]?.trim();
        if (code === undefined || code === "" || isValidGtin(code)) continue;
        const why = /^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)
          ? `ends in check digit ${code.at(-1)}, expected ${gs1CheckDigit(code.slice(0, -1))}`
          : "is not a GTIN (8, 12, 13 or 14 digits)";
        out.push(`${subject.documentType} PO ${named.poNumber} line ${named.line}: ${name} ${code} ${why}; the 850 sent it so, ask the retailer to correct the item or switch this rule off for the partner.`);
      }
    }
    return out;
  },
};
