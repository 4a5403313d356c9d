// Acumatica in the ERP profile table: contract-based REST at the tenant's own instance, with the
// endpoint version in every path (reference/acumatica.md).
import type { ErpProfile } from "../profile";
import { AcumaticaAdapter } from "./adapter";
import { acumaticaTokenSource } from "./auth";
import { acumaticaConnection } from "./connection";

export const acumaticaProfile = {
  id: "acumatica",
  label: "Acumatica",
  connection: acumaticaConnection,
  tokenSource: acumaticaTokenSource,
  createAdapter: (gate, settings, opts) => new AcumaticaAdapter(gate, settings, opts),
  outboundStreams: ["shipments", "invoices"],
  partner: { legalEntity: { required: false } },
  send855ByDefault: false,
  connectionChecks: ["endpoint", "read"],
  supportingDataNote: "Acumatica has no standard entity for a retailer's inventory or sales report",
} as const satisfies ErpProfile<"acumatica", typeof acumaticaConnection>;
