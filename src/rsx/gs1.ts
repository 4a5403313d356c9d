// GS1 identifiers used in RSX: the mod-10 check digit, UPC-A / EAN-13 / GTIN-14 / SSCC-18 validation,
// normalising item codes to GTIN-14, and building the SSCC-18 that goes (with application identifier "00")
// into 856 Pack/ShippingSerialID (sps-commerce.md §3.5: 20 digits; the SPS sample SSCC has a bad check digit).
import { ok } from "../lib/result";
import { invalid, type RsxResult } from "./rsx-result";

/** GS1 mod-10 check digit of the digits before it: weights 3,1,3,… from the right. */
export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error(`gs1CheckDigit: "${body}" is not all digits`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

function hasValidCheckDigit(code: string, length: number): boolean {
  return code.length === length && /^\d+$/.test(code) && gs1CheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

export const isValidUpcA = (code: string): boolean => hasValidCheckDigit(code, 12);
export const isValidEan13 = (code: string): boolean => hasValidCheckDigit(code, 13);
export const isValidGtin14 = (code: string): boolean => hasValidCheckDigit(code, 14);
export const isValidSscc18 = (code: string): boolean => hasValidCheckDigit(code, 18);

/** Any GTIN (8, 12, 13 or 14 digits) with a correct check digit. */
export function isValidGtin(code: string): boolean {
  return [8, 12, 13, 14].includes(code.length) && hasValidCheckDigit(code, code.length);
}

/**
 * UPC-A, EAN-13, GTIN-8 or GTIN-14 as a 14-digit GTIN (left-padded with zeros); undefined when it is
 * not one. By default the check digit must be right. `checkDigit: "ignore"` takes the digits as they
 * are: item lookups key a code exactly as it was sent (a line matches the mapping entered with the
 * same digits), and the item import wants to tell a wrong length from a wrong check digit.
 */
export function toGtin14(code: string, opts: { checkDigit: "verify" | "ignore" } = { checkDigit: "verify" }): string | undefined {
  const digits = code.trim();
  if (opts.checkDigit === "ignore") return /^\d{8}$|^\d{12,14}$/.test(digits) ? digits.padStart(14, "0") : undefined;
  return isValidGtin(digits) ? digits.padStart(14, "0") : undefined;
}

export interface SsccParts {
  /** 0–9, chosen by the company (often 0). */
  extensionDigit: number;
  /** The GS1 company prefix, 6 to 12 digits. */
  companyPrefix: string;
  /** A per-carton serial; sized to fill the 17 digits before the check digit. */
  serial: number | bigint | string;
}

/** The 18-digit SSCC: extension digit + company prefix + zero-padded serial + check digit. */
export function buildSscc(parts: SsccParts): RsxResult<string> {
  const { extensionDigit, companyPrefix } = parts;
  if (!Number.isInteger(extensionDigit) || extensionDigit < 0 || extensionDigit > 9) {
    return invalid(`SSCC extension digit ${extensionDigit} must be a single digit 0-9.`);
  }
  if (!/^\d{6,12}$/.test(companyPrefix)) {
    return invalid(`GS1 company prefix "${companyPrefix}" must be 6 to 12 digits.`);
  }
  const serial = String(parts.serial);
  const room = 16 - companyPrefix.length;
  if (!/^\d+$/.test(serial)) return invalid(`SSCC serial "${serial}" must be a whole number.`);
  const trimmed = serial.replace(/^0+(?=\d)/, "");
  if (trimmed.length > room) {
    return invalid(`SSCC serial ${serial} does not fit: with company prefix ${companyPrefix} the serial has ${room} digits.`);
  }
  const body = `${extensionDigit}${companyPrefix}${trimmed.padStart(room, "0")}`;
  return ok(body + gs1CheckDigit(body));
}

/**
 * The 20-digit Pack/ShippingSerialID for an SSCC: application identifier "00" + the 18 digits. Accepts the
 * 18-digit SSCC or an already prefixed 20-digit value; undefined if the check digit is wrong.
 */
export function shippingSerialId(sscc: string): string | undefined {
  const digits = sscc.trim();
  const bare = digits.length === 20 && digits.startsWith("00") ? digits.slice(2) : digits;
  return isValidSscc18(bare) ? `00${bare}` : undefined;
}
