// The GS1 element strings a carton label carries and their human-readable forms (GS1 General
// Specifications §4.15, https://www.gs1.org/standards/barcodes-epcrfid-id-keys/gs1-general-specifications):
// AIs in parentheses, the SSCC grouped as the GS1 Logistic Label Guideline prints it,
// "(00) 0 0614141 123456789 0": extension digit, company prefix, serial reference, check digit.

/** AI (00) with the 18-digit SSCC. */
export const ssccElement = (sscc: string) => ({ ai: "00", data: sscc });
/** AI (420), ship-to postal code within a single postal authority. */
export const postalElement = (postalCode: string) => ({ ai: "420", data: postalCode });

/**
 * The SSCC's human-readable text. The company prefix length is the tenant's when the SSCC carries
 * that prefix, else 7 (the most common US length).
 */
export function ssccHumanReadable(sscc: string, companyPrefix?: string): string {
  const prefixLength = companyPrefix && sscc.slice(1, 1 + companyPrefix.length) === companyPrefix ? companyPrefix.length : 7;
  return `(00) ${sscc[0]} ${sscc.slice(1, 1 + prefixLength)} ${sscc.slice(1 + prefixLength, 17)} ${sscc[17]}`;
}

export const postalHumanReadable = (postalCode: string) => `(420) ${postalCode}`;
