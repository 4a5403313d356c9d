// What each Default endpoint version of Acumatica has, of the fields the connector reads, writes or
// filters on, in ONE place (docs/erp-facts.md "Acumatica"). Source: Acumatica's own endpoint
// definitions and generated models, Acumatica/AcumaticaRESTAPIClientForCSharp
// EndpointMetadata/Default_{20,22,23,24}.200.001 and Acumatica.Default_<v>/Model (checked-facts
// 7a-7e, and every field of src/erp/acumatica/ checked per version in December 2026). Everything
// else the connector touches exists in every version from 20.200.001 on.

/** A field the connector relies on that an older Default endpoint lacks, and the flows that need it. */
export interface VersionedField {
  entity: string;
  field: string;
  since: string;
  flows: readonly string[];
  use: string;
}

export const VERSIONED_FIELDS: readonly VersionedField[] = [
  { entity: "SalesOrderDetail", field: "ManualPrice", since: "22.200.001", flows: ["850"], use: "the connector keeps the EDI price with it (without it Acumatica re-prices lines from its price lists)" },
  { entity: "ShipmentPackage", field: "LineNbr", since: "22.200.001", flows: ["856"], use: "cartons are identified by it" },
  { entity: "ShipmentPackageDetail", field: "OrigOrderNbr", since: "22.200.001", flows: ["856"], use: "carton contents are tied to their sales order by it" },
  { entity: "ShipmentPackageDetail", field: "OrigOrderType", since: "22.200.001", flows: ["856"], use: "carton contents are tied to their sales order by it" },
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

/** "Invoices (810) need endpoint 23.200.001 or later; endpoint 22.200.001 lacks what the invoice poll filters on: …" */
export function versionAdvice(version: string, flow: string, label: string): string | undefined {
  const missing = missingForFlow(version, flow);
  if (missing.length === 0) return undefined;
  const since = missing.map((f) => f.since).sort((a, b) => (versionBefore(a, b) ? 1 : -1))[0]!;
  const why = missing.map((f) => `${f.entity}.${f.field} (from ${f.since}; ${f.use})`).join(", ");
  return `${label} (${flow}) need endpoint ${since} or later; endpoint ${version} lacks ${why}. Set endpointVersion to ${since} or later (the instance's GET /entity lists the versions it serves)`;
}
