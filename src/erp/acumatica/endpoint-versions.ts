// What each Default endpoint version of Acumatica has, of the fields the connector reads or filters
// on, in ONE place (docs/erp-facts.md "Acumatica"). Source: Acumatica's own endpoint definitions,
// Acumatica/AcumaticaRESTAPIClientForCSharp EndpointMetadata/Default_{20,22,23,24}.200.001 (checked
// in shared/reference/checked-facts.md 7a-7e). Everything else the connector touches exists in every
// version from 20.200.001 on.

/** A field the connector relies on that an older Default endpoint lacks, and the flows that need it. */
export interface VersionedField {
  entity: string;
  field: string;
  since: string;
  flows: readonly string[];
  use: string;
}

export const VERSIONED_FIELDS: readonly VersionedField[] = [
  { entity: "SalesInvoice", field: "LastModifiedDateTime", since: "23.200.001", flows: ["810"], use: "the invoice poll filters on it" },
];

/**
 * Fields the connector does NOT use because no supported version has them, or only 24.200.001 does:
 * SalesInvoice.Terms (no version: terms come from SalesOrder.FinancialSettings.Terms, else
 * Customer.Terms); SalesInvoice.ExternalRef, LastModifiedDate, CreatedDate, StockItem.LastModifiedDateTime
 * and CustomerLocation.ExtRefNbr (24.200.001 only).
 */
export const NOT_RELIED_ON = ["SalesInvoice.Terms", "SalesInvoice.ExternalRef", "StockItem.LastModifiedDateTime", "CustomerLocation.ExtRefNbr"] as const;

/** Whether endpoint version `a` is older than `b` (numeric parts: "22.200.001" < "23.200.001"). */
export function versionBefore(a: string, b: string): boolean {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

/** The fields `version` lacks that `flow` needs ("810", "856", "850"). */
export function missingForFlow(version: string, flow: string): VersionedField[] {
  return VERSIONED_FIELDS.filter((f) => f.flows.includes(flow) && versionBefore(version, f.since));
}

/** "invoices (810) need endpoint 23.200.001 or later: the invoice poll filters on SalesInvoice.LastModifiedDateTime" */
export function versionAdvice(version: string, flow: string, label: string): string | undefined {
  const missing = missingForFlow(version, flow);
  if (missing.length === 0) return undefined;
  const since = missing.map((f) => f.since).sort((a, b) => (versionBefore(a, b) ? 1 : -1))[0]!;
  const why = missing.map((f) => `${f.use}: ${f.entity}.${f.field} exists from ${f.since}`).join("; ");
  return `${label} (${flow}) need endpoint ${since} or later; endpoint ${version} lacks what ${why}. Set endpointVersion to ${since} or later (the instance's GET /entity lists the versions it serves)`;
}
