// Dynamics 365 F&O in the ERP profile table: OData at the environment URL, tokens from Entra ID,
// business events pushed to the hook, sales orders per legal entity (reference/dynamics-365-fo.md).
import type { ErpProfile } from "../profile";
import { DynamicsAdapter } from "./adapter";
import { dynamicsTokenSource } from "./auth";
import { eventStubs, HookPayloadSchema } from "./business-events";
import { dynamicsConnection } from "./connection";

export const dynamicsProfile = {
  id: "dynamics",
  label: "Dynamics 365",
  connection: dynamicsConnection,
  tokenSource: dynamicsTokenSource,
  tokenAuthority: "entra",
  createAdapter: (gate, settings, opts) => new DynamicsAdapter(gate, settings, opts),
  outboundStreams: ["shipments", "invoices", "acks"],
  partner: { legalEntity: { required: true, why: "the dataAreaId of the customer" } },
  // F&O confirms orders as a separate step; retailers expect the 855 the connector sends for it.
  send855ByDefault: true,
  connectionChecks: ["read", "entities", "posting-times", "order-write"],
  supportingDataNote: "Dynamics 365 has no standard entity for a retailer's inventory or sales report",
  businessEvents: {
    summary: "Receive Dynamics 365 F&O business events (invoice posted, packing slip posted, order confirmed)",
    payload: HookPayloadSchema,
    events: eventStubs,
    secretOf: (secrets) => secrets.webhookSecret,
  },
} as const satisfies ErpProfile<"dynamics", typeof dynamicsConnection>;
