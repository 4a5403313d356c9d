// What one OData operation answers, before it becomes an HTTP response or a $batch part: status,
// headers, body text. Errors use OData's shape {"error":{"code":"","message","innererror":
// {"message","type","stacktrace"}}}, as F&O sends them (a public capture of a failed write shows
// exactly this, with message "An error has occurred." and the Infolog in innererror.message).
import {
  notFoundMessage,
  ODATA_EXCEPTION_TYPE,
  ODATA_STACKTRACE,
  WRITE_EXCEPTION_TYPE,
  WRITE_FAILED_STATUS,
  WRITE_STACKTRACE,
} from "./unconfirmed";

export interface ODataResult {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export const ODATA_JSON = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

export function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): ODataResult {
  return { status, headers: { "content-type": ODATA_JSON, "odata-version": "4.0", ...headers }, body: JSON.stringify(body) };
}

export function emptyResult(status: number, headers: Record<string, string> = {}): ODataResult {
  return { status, headers: { "odata-version": "4.0", ...headers }, body: null };
}

export function odataErrorResult(
  status: number,
  message: string,
  inner: { message: string; type: string; stacktrace: string },
  headers: Record<string, string> = {},
): ODataResult {
  return jsonResult(status, { error: { code: "", message, innererror: inner } }, headers);
}

/** A failure raised while handling an operation; the handler turns it into its result. */
export class ODataFailure extends Error {
  constructor(readonly result: ODataResult) {
    super(result.body ?? `status ${result.status}`);
  }
}

/** A malformed request (query, key, body): 400 from the OData layer. */
export function badRequest(message: string): ODataFailure {
  return new ODataFailure(odataErrorResult(400, message, { message, type: ODATA_EXCEPTION_TYPE, stacktrace: ODATA_STACKTRACE }));
}

export function notFound(url: string): ODataFailure {
  const message = notFoundMessage(url);
  return new ODataFailure(odataErrorResult(404, message, { message, type: "System.Web.Http.HttpResponseException", stacktrace: "" }));
}

/** A write F&O's business logic refused: "Write failed for table row of type '…'. Infolog: …". */
export function writeFailed(tableEntity: string, infolog: string[]): ODataFailure {
  const message = `Write failed for table row of type '${tableEntity}'. Infolog: ${infolog.join("; ")}.`;
  return new ODataFailure(odataErrorResult(WRITE_FAILED_STATUS, "An error has occurred.", { message, type: WRITE_EXCEPTION_TYPE, stacktrace: WRITE_STACKTRACE }));
}

export function preconditionFailed(): ODataFailure {
  const message = "The ETag value in the If-Match header does not match the current ETag of the entity.";
  return new ODataFailure(odataErrorResult(412, message, { message, type: ODATA_EXCEPTION_TYPE, stacktrace: "" }));
}

/** Valid OData the sandbox does not simulate: 501, logged, so nobody mistakes it for F&O's answer. */
export function notSimulated(what: string): ODataFailure {
  const message = `sandbox: ${what} is not simulated`;
  console.error(message);
  return new ODataFailure(odataErrorResult(501, message, { message, type: "Sandbox.NotSimulated", stacktrace: "" }));
}

export function resultToResponse(result: ODataResult): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}
