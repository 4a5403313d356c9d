// Executes one OData operation against an environment: GET of a collection (filter, select,
// orderby, paging with @odata.nextLink, $count, $expand, cross-company), /$count, key-addressed
// GET/PATCH/DELETE, navigation GET, POST to a set or to a header's SalesOrderLines. Used for direct
// requests and for each operation of a $batch. Throws nothing: failures become their ODataResult.
import { ENTITY_SETS, entitySet, findEntitySet, type EntitySetDef } from "./entity-sets";
import type { DynamicsEnvironment } from "./environments";
import { badRequest, emptyResult, jsonResult, notFound, notSimulated, ODataFailure, preconditionFailed, type ODataResult } from "./odata-results";
import { encodeSkipToken, isCrossCompany, readOptions, type ReadOptions } from "./query-options";
import { parseResourcePath, type KeyValues } from "./resource-path";
import {
  createSalesOrderHeader,
  createSalesOrderLine,
  deleteSalesOrderHeader,
  deleteSalesOrderLine,
  updateSalesOrderHeader,
  updateSalesOrderLine,
  type WriteContext,
} from "./sales-orders";
import { contextUrl, entityJson, entityUrl, etagOf } from "./serialize";
import type { Row } from "./store";
import { readPayload } from "./payload";
import { KEYED_WRITES_NEED_CROSS_COMPANY, NAVIGATION_POST_REFUSED, ODATA_EXCEPTION_TYPE } from "./unconfirmed";
import { comparable, parseDateTimeOffset, str } from "./values";

export interface ODataOperation {
  method: string;
  /** Path below /data, percent-encoded ("/SalesOrderHeadersV2(…)"). */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: string;
  /** The URL as the caller wrote it (for messages). */
  url: string;
}

export interface ServiceContext {
  env: DynamicsEnvironment;
  /** Origin + mount as the caller sees it; the service root is `${publicBase}/data`. */
  publicBase: string;
  nowMs: number;
}

function isVisible(env: DynamicsEnvironment, row: Row, crossCompany: boolean): boolean {
  return crossCompany || comparable(str(row.fields, "dataAreaId")) === env.defaultCompany;
}

function sortValue(def: EntitySetDef, row: Row, field: string): string | number {
  const value = row.fields[field] ?? "";
  if (def.fields[field] === "datetime") return parseDateTimeOffset(String(value)) ?? 0;
  return comparable(value);
}

function ordered(def: EntitySetDef, rows: Row[], options: ReadOptions): Row[] {
  if (options.orderby.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const { field, descending } of options.orderby) {
      const x = sortValue(def, a, field);
      const y = sortValue(def, b, field);
      if (x < y) return descending ? 1 : -1;
      if (x > y) return descending ? -1 : 1;
    }
    return 0;
  });
}

function findByKey(ctx: ServiceContext, def: EntitySetDef, key: KeyValues, crossCompany: boolean): Row | undefined {
  const row = ctx.env.store.get(def, def.keys.map((k) => key[k]!));
  return row && isVisible(ctx.env, row, crossCompany) ? row : undefined;
}

function relatedRows(ctx: ServiceContext, def: EntitySetDef, row: Row, navigation: string): Row[] {
  const nav = def.navigations[navigation]!;
  const target = findEntitySet(nav.target)!;
  return ctx.env.store
    .all(target.name)
    .filter((candidate) => nav.on.every(([from, to]) => comparable(row.fields[from] ?? "") === comparable(candidate.fields[to] ?? "")));
}

function withExpansions(ctx: ServiceContext, def: EntitySetDef, row: Row, options: ReadOptions): Record<string, unknown> {
  const json = entityJson(def, row, options.select);
  for (const { navigation, select } of options.expand) {
    const nav = def.navigations[navigation]!;
    const target = findEntitySet(nav.target)!;
    const related = relatedRows(ctx, def, row, navigation).map((r) => entityJson(target, r, select));
    json[navigation] = nav.many ? related : (related[0] ?? null);
  }
  return json;
}

/** The current URL with $skiptoken replaced: what @odata.nextLink points at. */
function nextLink(ctx: ServiceContext, op: ODataOperation, offset: number): string {
  const query = new URLSearchParams(op.query);
  query.delete("$skiptoken");
  query.set("$skiptoken", encodeSkipToken(offset));
  return `${ctx.publicBase}/data${op.path}?${query.toString().replace(/\+/g, "%20")}`;
}

function readCollection(ctx: ServiceContext, op: ODataOperation, def: EntitySetDef, rows: Row[], contextPath: string): ODataResult {
  const options = readOptions(op.query, def, (nav) => findEntitySet(def.navigations[nav]!.target));
  const matching = ordered(
    def,
    rows.filter((row) => isVisible(ctx.env, row, options.crossCompany) && (options.filter?.(row) ?? true)),
    options,
  );
  const window = matching.slice(options.skip, options.top === undefined ? undefined : options.skip + options.top);
  const page = window.slice(options.offset, options.offset + ctx.env.pageSize);
  const body: Record<string, unknown> = {
    "@odata.context": contextUrl(ctx.publicBase, contextPath, options.select, options.expand.map((e) => e.navigation)),
  };
  if (options.count) body["@odata.count"] = matching.length;
  body.value = page.map((row) => withExpansions(ctx, def, row, options));
  // Section 2: server-driven paging; follow @odata.nextLink until it is absent.
  if (options.offset + ctx.env.pageSize < window.length) body["@odata.nextLink"] = nextLink(ctx, op, options.offset + ctx.env.pageSize);
  return jsonResult(200, body);
}

function readCount(ctx: ServiceContext, op: ODataOperation, def: EntitySetDef): ODataResult {
  const options = readOptions(op.query, def, (nav) => findEntitySet(def.navigations[nav]!.target));
  const count = ctx.env.store.all(def.name).filter((row) => isVisible(ctx.env, row, options.crossCompany) && (options.filter?.(row) ?? true)).length;
  return { status: 200, headers: { "content-type": "text/plain; charset=utf-8", "odata-version": "4.0" }, body: String(count) };
}

function readEntity(ctx: ServiceContext, op: ODataOperation, def: EntitySetDef, key: KeyValues): ODataResult {
  const options = readOptions(op.query, def, (nav) => findEntitySet(def.navigations[nav]!.target));
  const row = findByKey(ctx, def, key, options.crossCompany);
  if (!row) throw notFound(op.url);
  const body = { "@odata.context": `${contextUrl(ctx.publicBase, def.name, options.select, options.expand.map((e) => e.navigation))}/$entity`, ...withExpansions(ctx, def, row, options) };
  return jsonResult(200, body, { etag: etagOf(row) });
}

function checkIfMatch(op: ODataOperation, row: Row): void {
  const ifMatch = op.headers.get("if-match");
  if (ifMatch !== null && ifMatch.trim() !== "*" && ifMatch.trim() !== etagOf(row)) throw preconditionFailed();
}

function writeContext(ctx: ServiceContext): WriteContext {
  return { env: ctx.env, nowMs: ctx.nowMs };
}

function created(ctx: ServiceContext, op: ODataOperation, def: EntitySetDef, row: Row): ODataResult {
  const location = entityUrl(ctx.publicBase, def, row.fields);
  if (/return=minimal/i.test(op.headers.get("prefer") ?? "")) {
    return emptyResult(204, { location, "odata-entityid": location, "preference-applied": "return=minimal" });
  }
  const body = { "@odata.context": `${ctx.publicBase}/data/$metadata#${def.name}/$entity`, ...entityJson(def, row) };
  return jsonResult(201, body, { location, etag: etagOf(row) });
}

function requireJson(op: ODataOperation): void {
  const type = (op.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ODataFailure(
      jsonResult(415, { error: { code: "", message: `The content type '${type || "(none)"}' is not supported; send application/json.`, innererror: { message: "", type: "Microsoft.OData.ODataContentTypeException", stacktrace: "" } } }),
    );
  }
}

function createIn(ctx: ServiceContext, op: ODataOperation, def: EntitySetDef, parent?: Row): ODataResult {
  if (!def.writable) throw notSimulated(`POST ${def.name} (only SalesOrderHeadersV2 and SalesOrderLines accept writes)`);
  requireJson(op);
  const sent = readPayload(def, op.body);
  const row = def.name === "SalesOrderHeadersV2" ? createSalesOrderHeader(writeContext(ctx), sent) : createSalesOrderLine(writeContext(ctx), sent, parent);
  return created(ctx, op, def, row);
}

function keyedWrite(ctx: ServiceContext, op: ODataOperation, def: EntitySetDef, key: KeyValues): ODataResult {
  if (!def.writable) throw notSimulated(`${op.method} ${def.name} (only SalesOrderHeadersV2 and SalesOrderLines accept writes)`);
  const crossCompany = isCrossCompany(op.query) || !KEYED_WRITES_NEED_CROSS_COMPANY;
  const row = findByKey(ctx, def, key, crossCompany);
  if (!row) throw notFound(op.url);
  checkIfMatch(op, row);
  if (op.method === "DELETE") {
    if (def.name === "SalesOrderHeadersV2") deleteSalesOrderHeader(writeContext(ctx), row);
    else deleteSalesOrderLine(writeContext(ctx), row);
    return emptyResult(204);
  }
  requireJson(op);
  const sent = readPayload(def, op.body);
  if (def.name === "SalesOrderHeadersV2") updateSalesOrderHeader(writeContext(ctx), row, sent);
  else updateSalesOrderLine(writeContext(ctx), row, sent);
  return emptyResult(204, { etag: etagOf(row) });
}

function methodNotAllowed(op: ODataOperation, allowed: string): ODataFailure {
  const message = `The HTTP verb '${op.method}' is not allowed on '${op.url}' (allowed: ${allowed}).`;
  return new ODataFailure(jsonResult(405, { error: { code: "", message, innererror: { message, type: "Microsoft.OData.ODataException", stacktrace: "" } } }, { allow: allowed }));
}

function dispatch(ctx: ServiceContext, op: ODataOperation): ODataResult {
  const path = parseResourcePath(op.path);
  switch (path.kind) {
    case "service-document":
      if (op.method !== "GET") throw methodNotAllowed(op, "GET");
      return jsonResult(200, {
        "@odata.context": `${ctx.publicBase}/data/$metadata`,
        value: Object.keys(ENTITY_SETS).map((name) => ({ name, kind: "EntitySet", url: name })),
      });
    case "metadata":
      throw notSimulated("$metadata (pin entity and field lists in code instead, dynamics-365-fo.md section 2)");
    case "batch":
      throw badRequest("A $batch request cannot be nested inside a $batch.");
    case "unknown-set":
      console.warn(`sandbox: F&O entity set '${path.name}' does not exist in the simulator (names are case-sensitive)`);
      throw notFound(op.url);
    case "unsupported":
      throw notSimulated(path.what);
    case "collection":
      if (op.method === "GET") return readCollection(ctx, op, path.set, ctx.env.store.all(path.set.name), path.set.name);
      if (op.method === "POST") return createIn(ctx, op, path.set);
      throw methodNotAllowed(op, "GET, POST");
    case "count":
      if (op.method !== "GET") throw methodNotAllowed(op, "GET");
      return readCount(ctx, op, path.set);
    case "entity":
      if (op.method === "GET") return readEntity(ctx, op, path.set, path.key);
      if (op.method === "PATCH" || op.method === "DELETE") return keyedWrite(ctx, op, path.set, path.key);
      if (op.method === "PUT") throw notSimulated(`PUT on ${path.set.name} (use PATCH)`);
      throw methodNotAllowed(op, "GET, PATCH, DELETE");
    case "navigation": {
      if (op.method === "GET") {
        const parent = findByKey(ctx, path.set, path.key, isCrossCompany(op.query));
        if (!parent) throw notFound(op.url);
        const related = relatedRows(ctx, path.set, parent, path.navigation);
        if (!path.many) {
          const only = related[0];
          if (!only) throw notFound(op.url);
          return jsonResult(200, { "@odata.context": `${contextUrl(ctx.publicBase, path.target.name)}/$entity`, ...entityJson(path.target, only) });
        }
        return readCollection(ctx, op, path.target, related, path.target.name);
      }
      if (op.method === "POST" && path.many && path.set.name === "SalesOrderHeadersV2") {
        if (!ctx.env.navigationPosts) {
          const message = NAVIGATION_POST_REFUSED.message(op.url);
          throw new ODataFailure(jsonResult(NAVIGATION_POST_REFUSED.status, { error: { code: "", message, innererror: { message, type: ODATA_EXCEPTION_TYPE, stacktrace: "" } } }));
        }
        // Writes may target any legal entity (dataAreaId in the key), so no company filter here.
        const parent = ctx.env.store.get(path.set, path.set.keys.map((k) => path.key[k]!));
        if (!parent) throw notFound(op.url);
        return createIn(ctx, op, entitySet("SalesOrderLines"), parent);
      }
      throw notSimulated(`${op.method} on the navigation ${path.set.name}(…)/${path.navigation}`);
    }
  }
}

export function executeOperation(ctx: ServiceContext, op: ODataOperation): ODataResult {
  try {
    return dispatch(ctx, op);
  } catch (error) {
    if (error instanceof ODataFailure) return error.result;
    throw error;
  }
}

