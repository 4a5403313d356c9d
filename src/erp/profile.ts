// What the connector knows about one ERP, in one record: everything outside src/erp/ that differs by
// ERP reads it from the table in ./profiles.ts, never from an `erp === "…"` switch.
import type { z } from "zod";
import type { ConnectionOfSpec, ConnectionSpec } from "../lib/connection-spec";
import type { UpstreamGate } from "../lib/gated-request";
import type { TokenSource } from "../lib/token-source";
import type { ErpAdapter } from "./adapter";

/** The outbound records an ERP can be polled for (856 from shipments, 810 from invoices, 855 from confirmations). */
export type OutboundStreamName = "shipments" | "invoices" | "acks";

/** What one business event asks for, once its ERP-specific payload is read. */
export type EventIntent =
  | { kind: "810"; legalEntity: string; orderNbr: string; invoiceNbr: string }
  | { kind: "856"; legalEntity: string; orderNbr: string; packingSlipId: string }
  | { kind: "855"; legalEntity: string; orderNbr: string; confirmationNbr: string | undefined }
  | { kind: "ignore"; reason: string };

/** One event of a business-event payload, in the terms the intake needs. */
export interface BusinessEventStub {
  /** The ERP's dedup number for the delivery (F&O's ControlNumber). */
  controlNumber: string;
  businessEventId: string;
  eventId: string;
  /** The legal entity the envelope names, if any. */
  legalEntity?: string | undefined;
  intent: EventIntent;
}

/** ERPs that push events to POST /v1/hooks/<erp>/:tenant (Dynamics business events). */
export interface BusinessEventSpec<Secrets> {
  /** Title of the hook route in the OpenAPI document. */
  summary: string;
  /** The body: one event or a list of them. */
  payload: z.ZodType;
  /** Each event of a validated payload. */
  events(payload: unknown): BusinessEventStub[];
  /** The secret the caller must present, from the stored connection secrets. */
  secretOf(secrets: Secrets): string | undefined;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : never;

export interface ErpProfile<
  Id extends string = string,
  Spec extends ConnectionSpec<z.ZodType, z.ZodType, z.ZodType> = ConnectionSpec<z.ZodType, z.ZodType, z.ZodType>,
> {
  id: Id;
  /** The name an operator knows it by, in messages ("Acumatica", "Dynamics 365"). */
  label: string;
  connection: Spec;
  tokenSource: TokenSource<ConnectionOfSpec<Id, Infer<Spec["settings"]>, Infer<Spec["secrets"]>>>;
  /** The system named in errors from the token endpoint, when it is not the ERP itself (Entra ID for F&O). */
  tokenAuthority?: string;
  createAdapter(gate: UpstreamGate, settings: Infer<Spec["settings"]>, opts: { timeoutMs?: number | undefined }): ErpAdapter;
  /** The outbound records polled for this ERP, in the order they are polled. */
  outboundStreams: readonly OutboundStreamName[];
  /** Trading partners' fields this ERP needs (Dynamics: the legal entity, dataAreaId). */
  partner: { legalEntity: { required: false } | { required: true; why: string } };
  /** Whether a partner sends an 855 when its rules do not say. */
  send855ByDefault: boolean;
  /** What POST .../connections/<erp>/test checks after the token, in order (the adapter runs them). */
  connectionChecks: readonly string[];
  /**
   * What the stored connection settings keep a flow from doing, in words with the fix (Acumatica:
   * an endpoint version without a field that flow reads). Read by the readiness report; no call.
   */
  flowLimits?(settings: Infer<Spec["settings"]>): { flow: "850" | "855" | "856" | "810"; message: string; fix: string }[];
  /** Why retailers' 846 and 852 stay in the connector rather than going to the ERP. */
  supportingDataNote: string;
  businessEvents?: BusinessEventSpec<Infer<Spec["secrets"]>>;
}
