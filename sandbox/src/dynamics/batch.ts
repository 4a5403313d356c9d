// POST /data/$batch (dynamics-365-fo.md sections 2 and 7): multipart/mixed with changesets of
// application/http operations. A changeset is all-or-nothing: the store is snapshotted and restored
// when any operation fails, and the changeset's answer is then the failing operation's answer alone
// (as a captured F&O answer shows). `$n` at the start of a URL is replaced by the Location of the
// operation with Content-ID n in the same changeset. Each operation is also checked against the
// fault rules under route id `dynamics.batch.{method}:{EntitySet}`, so a 429 (with Retry-After when
// the rule gives one) or a 500 can come back inside one part, as F&O throttles inside batches
// (section 5). Operations outside changesets run one by one; processing stops at the first failure
// unless the request prefers odata.continue-on-error (OData 4.0 part 1, 11.7.2).
import type { FaultRule } from "../faults";
import { retryAfterValue } from "../responses";
import { executeOperation, type ODataOperation, type ServiceContext } from "./data-service";
import { multipartBoundary, parseEmbeddedRequest, parseMultipart, writeBatchResponse, type EmbeddedRequest, type ResponseItem, type ResponsePart } from "./multipart";
import { badRequest, ODataFailure, odataErrorResult, type ODataResult } from "./odata-results";
import { targetEntitySetName } from "./resource-path";
import { THROTTLED_MESSAGE } from "./unconfirmed";

interface BatchOperation {
  contentId: string | undefined;
  request: EmbeddedRequest;
}

type BatchItem = { kind: "single"; operation: BatchOperation } | { kind: "changeset"; operations: BatchOperation[] };

export interface BatchHooks {
  /** Counts the operation and returns the fault rule that fires for it, if any. */
  faultFor(routeId: string, method: string, path: string): FaultRule | undefined;
}

export interface BatchOutcome {
  response: Response;
  /** A "drop" fault fired on an operation: the caller commits, then cuts the connection. */
  drop: boolean;
}

function readOperation(part: { headers: Headers; body: string }, where: string, inChangeset: boolean): BatchOperation {
  const type = (part.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/http") throw badRequest(`Each operation in ${where} must have Content-Type: application/http (got '${type || "(none)"}').`);
  if ((part.headers.get("content-transfer-encoding") ?? "").toLowerCase() !== "binary") {
    throw badRequest(`Each operation in ${where} must have Content-Transfer-Encoding: binary.`);
  }
  const contentId = part.headers.get("content-id") ?? undefined;
  if (inChangeset && contentId === undefined) throw badRequest(`Each operation in a changeset must have a Content-ID header.`);
  const request = parseEmbeddedRequest(part.body, where);
  if (inChangeset && request.method === "GET") throw badRequest("A GET request cannot be part of a changeset.");
  return { contentId, request };
}

function readBatch(contentType: string | null, body: string): BatchItem[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw badRequest("The $batch request must have Content-Type multipart/mixed with a boundary parameter.");
  return parseMultipart(body, boundary, "the $batch request body").map((part): BatchItem => {
    const changesetBoundary = multipartBoundary(part.headers.get("content-type"));
    if (changesetBoundary === undefined) return { kind: "single", operation: readOperation(part, "the $batch request", false) };
    const operations = parseMultipart(part.body, changesetBoundary, "a changeset").map((inner) => readOperation(inner, "a changeset", true));
    const ids = operations.map((op) => op.contentId);
    if (new Set(ids).size !== ids.length) throw badRequest("The Content-ID values of a changeset must be unique.");
    return { kind: "changeset", operations };
  });
}

/** Resolves the operation's URL ($n reference, absolute, absolute path, or relative to /data/). */
function toOperation(ctx: ServiceContext, request: EmbeddedRequest, locations: Map<string, string>): ODataOperation {
  let target = request.target;
  const reference = /^\$([^/?()]+)(.*)$/.exec(target);
  if (reference && reference[1] !== "batch" && reference[1] !== "metadata") {
    const location = locations.get(reference[1]!);
    if (!location) throw badRequest(`The Content-ID reference '$${reference[1]}' does not name an earlier operation of this changeset.`);
    target = `${location}${reference[2] ?? ""}`;
  }
  const serviceRoot = new URL(`${ctx.publicBase}/data/`);
  let url: URL;
  try {
    url = new URL(target, serviceRoot);
  } catch {
    throw badRequest(`The URL '${request.target}' of a batch operation is malformed.`);
  }
  const rootPath = serviceRoot.pathname.replace(/\/$/, "");
  if (url.origin !== serviceRoot.origin || (url.pathname !== rootPath && !url.pathname.startsWith(`${rootPath}/`))) {
    throw badRequest(`The URL '${request.target}' of a batch operation is not under the service root ${serviceRoot.href}.`);
  }
  return { method: request.method, path: url.pathname.slice(rootPath.length), query: url.searchParams, headers: request.headers, body: request.body, url: url.href };
}

function routeIdOf(method: string, path: string): string {
  return `dynamics.batch.${method.toLowerCase()}:${targetEntitySetName(path) ?? "other"}`;
}

function faultResult(rule: FaultRule): ODataResult | undefined {
  if (rule.kind === "429") {
    const headers: Record<string, string> = {};
    if (rule.retryAfter !== undefined) headers["retry-after"] = retryAfterValue(rule.retryAfter, rule.retryAfterFormat, Date.now());
    return odataErrorResult(429, THROTTLED_MESSAGE, { message: THROTTLED_MESSAGE, type: "Microsoft.Dynamics.Ax.Services.ServiceProtection.ThrottlingException", stacktrace: "" }, headers);
  }
  if (rule.kind === "500") {
    return odataErrorResult(500, "An error has occurred.", { message: "An unexpected error occurred on the server.", type: "System.Exception", stacktrace: "" });
  }
  return undefined;
}

async function runOperation(ctx: ServiceContext, operation: BatchOperation, locations: Map<string, string>, hooks: BatchHooks, state: { drop: boolean }): Promise<ResponsePart> {
  let result: ODataResult;
  try {
    const op = toOperation(ctx, operation.request, locations);
    const rule = hooks.faultFor(routeIdOf(op.method, op.path), op.method, op.path);
    if (rule?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
    if (rule?.kind === "drop") state.drop = true;
    result = (rule && faultResult(rule)) ?? executeOperation({ ...ctx, nowMs: Date.now() }, op);
  } catch (error) {
    if (!(error instanceof ODataFailure)) throw error;
    result = error.result;
  }
  const part: ResponsePart = { status: result.status, headers: result.headers, body: result.body };
  if (operation.contentId !== undefined) part.contentId = operation.contentId;
  if (operation.contentId !== undefined && result.headers.location) locations.set(operation.contentId, result.headers.location);
  return part;
}

export async function executeBatch(ctx: ServiceContext, contentType: string | null, body: string, prefer: string | null, hooks: BatchHooks): Promise<BatchOutcome> {
  let items: BatchItem[];
  try {
    items = readBatch(contentType, body);
  } catch (error) {
    if (!(error instanceof ODataFailure)) throw error;
    return { response: new Response(error.result.body, { status: error.result.status, headers: error.result.headers }), drop: false };
  }
  const continueOnError = /odata\.continue-on-error/i.test(prefer ?? "");
  const state = { drop: false };
  const answers: ResponseItem[] = [];
  for (const item of items) {
    let failed = false;
    if (item.kind === "single") {
      const part = await runOperation(ctx, item.operation, new Map(), hooks, state);
      answers.push({ kind: "single", part });
      failed = part.status >= 400;
    } else {
      const snapshot = ctx.env.store.snapshot();
      const locations = new Map<string, string>();
      const parts: ResponsePart[] = [];
      for (const operation of item.operations) {
        const part = await runOperation(ctx, operation, locations, hooks, state);
        if (part.status >= 400) {
          // All or nothing: nothing of the changeset stays, and its answer is the failing operation's.
          ctx.env.store.restore(snapshot);
          parts.splice(0, parts.length, part);
          failed = true;
          break;
        }
        parts.push(part);
      }
      answers.push({ kind: "changeset", parts });
    }
    if (failed && !continueOnError) break;
  }
  const written = writeBatchResponse(answers);
  const headers: Record<string, string> = { "content-type": `multipart/mixed; boundary=${written.boundary}`, "odata-version": "4.0" };
  if (continueOnError) headers["preference-applied"] = "odata.continue-on-error";
  return { response: new Response(written.body, { status: 200, headers }), drop: state.drop };
}

