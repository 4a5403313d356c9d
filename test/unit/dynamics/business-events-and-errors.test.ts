// Business-event stubs to intents (dedup key, legal entity, which document), the constant-time secret
// check, and F&O error bodies in plain words: a write refusal is `rejected` with the Infolog, a 429
// inside a $batch is `throttled` with its Retry-After, any other 5xx part is retryable.
import { describe, expect, it } from "vitest";
import { BusinessEventSchema, HookPayloadSchema, intentOf } from "../../../src/erp/dynamics/business-events";
import { secretsMatch } from "../../../src/lib/encoding";
import { failureFromBatchPart, infologReasons, parseDynamicsError } from "../../../src/erp/dynamics/errors";

const envelope = {
  BusinessEventLegalEntity: "USMF",
  ContextRecordSubject: "",
  ControlNumber: 5637411209,
  EventId: "0E5B7C1A-3F2D-4B8E-9C11-7A6D5E4F3B21",
  EventTime: "/Date(1741965667000)/",
  EventTimeIso8601: "2025-03-14T16:21:07.1234567Z",
  MajorVersion: 0,
  MinorVersion: 0,
  ParentContextRecordSubjects: [],
};

describe("business events", () => {
  it("reads the fact sheet's invoice-posted sample (§9f) as an 810 for its order", () => {
    const event = BusinessEventSchema.parse({ ...envelope, BusinessEventId: "SalesInvoicePostedBusinessEvent", InvoiceAccount: "US-027", InvoiceId: "CIV-000913", SalesOrderId: "001874", LegalEntity: "usmf" });
    expect(event.ControlNumber).toBe("5637411209");
    expect(intentOf(event)).toEqual({ kind: "810", legalEntity: "usmf", orderNbr: "001874", invoiceNbr: "CIV-000913" });
  });

  it("reads packing slip and confirmation events, and ignores others or incomplete ones", () => {
    const slip = BusinessEventSchema.parse({ ...envelope, BusinessEventId: "SalesPackingSlipPostedBusinessEvent", PackingSlipId: "PS-1", SalesOrderId: "SO-1" });
    expect(intentOf(slip)).toEqual({ kind: "856", legalEntity: "usmf", orderNbr: "SO-1", packingSlipId: "PS-1" });
    const confirmed = BusinessEventSchema.parse({ ...envelope, BusinessEventId: "SalesOrderConfirmedBusinessEvent", SalesOrderId: "SO-1", ConfirmationId: "SO-1-1" });
    expect(intentOf(confirmed)).toEqual({ kind: "855", legalEntity: "usmf", orderNbr: "SO-1", confirmationNbr: "SO-1-1" });
    expect(intentOf(BusinessEventSchema.parse({ ...envelope, BusinessEventId: "CustomerCreated" }))).toMatchObject({ kind: "ignore" });
    expect(intentOf(BusinessEventSchema.parse({ ...envelope, BusinessEventId: "SalesInvoicePostedBusinessEvent", SalesOrderId: "SO-1" }))).toEqual({ kind: "ignore", reason: "SalesInvoicePostedBusinessEvent without InvoiceId" });
  });

  it("accepts one event or a list, and refuses payloads without the envelope", () => {
    expect(HookPayloadSchema.safeParse({ ...envelope, BusinessEventId: "X" }).success).toBe(true);
    expect(HookPayloadSchema.safeParse([{ ...envelope, BusinessEventId: "X" }]).success).toBe(true);
    expect(HookPayloadSchema.safeParse({ BusinessEventId: "X" }).success).toBe(false);
    expect(HookPayloadSchema.safeParse([]).success).toBe(false);
    expect(HookPayloadSchema.safeParse({ ...envelope, BusinessEventId: "X", ControlNumber: "12ab" }).success).toBe(false);
  });

  it("compares secrets of any length", async () => {
    expect(await secretsMatch("s3cret-value-with-24-chars!", "s3cret-value-with-24-chars!")).toBe(true);
    expect(await secretsMatch("s3cret", "s3cret-value-with-24-chars!")).toBe(false);
    expect(await secretsMatch("", "x")).toBe(false);
  });
});

const part = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ contentId: "2", status, headers: new Headers(headers), body: JSON.stringify(body) });
const writeFailed = {
  error: {
    code: "",
    message: "An error has occurred.",
    innererror: {
      message: "Write failed for table row of type 'SalesOrderLineV2Entity'. Infolog: Warning: The value 'X-1' in field 'Item number' is not found in the related table 'Released products'.; Warning: validateField failed on field 'SalesOrderLineV2Entity.ItemNumber'.",
      type: "Microsoft.Dynamics.Platform.Integration.Services.OData.AxODataWriteException",
      stacktrace: "",
    },
  },
};

describe("F&O errors", () => {
  it("makes a 500 AxODataWriteException a rejection with the Infolog as reasons", () => {
    const error = failureFromBatchPart(part(500, writeFailed), "create", 0);
    expect(error).toMatchObject({ kind: "rejected", retryable: false, uncertain: false, status: 500 });
    expect(error.reasons).toEqual(["Dynamics 365: The value 'X-1' in field 'Item number' is not found in the related table 'Released products'."]);
    expect(infologReasons("no infolog here")).toEqual(["no infolog here"]);
  });

  it("makes a 429 part throttling with its Retry-After, and another 5xx part retryable but certain", () => {
    expect(failureFromBatchPart(part(429, { error: { message: "busy" } }, { "retry-after": "7" }), "create", 0)).toMatchObject({ kind: "throttled", retryAfterMs: 7000, retryable: true });
    expect(failureFromBatchPart(part(500, { error: { message: "An error has occurred.", innererror: { message: "boom", type: "System.Exception" } } }), "create", 0)).toMatchObject({
      kind: "unavailable",
      retryable: true,
      uncertain: false,
    });
  });

  it("reads the OData and ASP.NET error shapes", () => {
    expect(parseDynamicsError(JSON.stringify(writeFailed)).type).toMatch(/AxODataWriteException/);
    expect(parseDynamicsError('{"Message":"Authentication failed.","StackTrace":null,"ExceptionType":"System.InvalidOperationException"}')).toEqual({ message: "Authentication failed.", type: "System.InvalidOperationException" });
    expect(parseDynamicsError("<html>gateway</html>").message).toBe("<html>gateway</html>");
  });
});
