// Acumatica in the ERP profile table: contract-based REST at the tenant's own instance, with the
// endpoint version in every path (reference/acumatica.md).
import type { ErpProfile } from "../profile";
import { AcumaticaAdapter } from "./adapter";
import { acumaticaTokenSource } from "./auth";
import { acumaticaConnection } from "./connection";
import { versionAdvice } from "./endpoint-versions";

export const acumaticaProfile = {
  id: "acumatica",
  label: "Acumatica",
  connection: acumaticaConnection,
  tokenSource: acumaticaTokenSource,
  createAdapter: (gate, settings, opts) => new AcumaticaAdapter(gate, settings, opts),
  outboundStreams: ["shipments", "invoices"],
  partner: { legalEntity: { required: false } },
  send855ByDefault: false,
  connectionChecks: ["endpoint", "read", "version:850", "version:856", "version:810"],
  flowLimits: (settings) =>
    (["850", "856", "810"] as const).flatMap((flow) => {
      const advice = versionAdvice(settings.endpointVersion, flow, flow === "810" ? "Invoices" : flow === "856" ? "Ship notices" : "Sales orders");
      return advice ? [{ flow, message: advice, fix: "PUT the acumatica connection with a newer endpointVersion (the instance's GET /entity lists the versions it serves)" }] : [];
    }),
  supportingDataNote: "Acumatica has no standard entity for a retailer's inventory or sales report",
} as const satisfies ErpProfile<"acumatica", typeof acumaticaConnection>;
