// Business-event payloads as F&O sends them to an endpoint (dynamics-365-fo.md section 6 and 9f):
// the common envelope (BusinessEventId, BusinessEventLegalEntity, ContextRecordSubject,
// ControlNumber increasing but not contiguous, EventId GUID, EventTime in WCF "/Date(ms)/" form,
// EventTimeIso8601, InitiatingUserAADObjectId, MajorVersion, MinorVersion,
// ParentContextRecordSubjects) followed by the event's own members. The sandbox never calls the
// connector: the control calls that post documents return the payload and keep it in the
// environment's outbox (GET /__sandbox/dynamics/:env/events) for tests and the demo to forward.
import type { DynamicsEnvironment } from "./environments";

export type BusinessEvent = Record<string, unknown> & {
  BusinessEventId: string;
  BusinessEventLegalEntity: string;
  ControlNumber: number;
  EventId: string;
};

/** The user who posted the documents (the F&O service user's Entra object id). */
const INITIATING_USER = "{4F1B2C3D-5E6F-4A1B-8C2D-3E4F5A6B7C8D}";

/** WCF JSON date, as business events write dates: "/Date(1741965667000)/". */
export function wcfDate(ms: number): string {
  return `/Date(${ms})/`;
}

/** ISO-8601 with seven fractional digits, as in EventTimeIso8601 ("2025-03-14T16:21:07.1234567Z"). */
function iso7(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$10000Z");
}

export function emitBusinessEvent(env: DynamicsEnvironment, businessEventId: string, legalEntity: string, members: Record<string, unknown>, nowMs: number): BusinessEvent {
  // Section 6: ControlNumber increases but is not contiguous; consumers dedupe on it or EventId.
  env.controlNumber += 1 + Math.floor(env.random() * 7);
  const event: BusinessEvent = {
    BusinessEventId: businessEventId,
    BusinessEventLegalEntity: legalEntity,
    ContextRecordSubject: "",
    ControlNumber: env.controlNumber,
    EventId: crypto.randomUUID().toUpperCase(),
    EventTime: wcfDate(nowMs),
    EventTimeIso8601: iso7(nowMs),
    InitiatingUserAADObjectId: INITIATING_USER,
    MajorVersion: 0,
    MinorVersion: 0,
    ParentContextRecordSubjects: [],
    ...members,
  };
  env.events.push(event);
  return event;
}
