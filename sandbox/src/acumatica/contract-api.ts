// The contract-based REST API of one instance: GET {base}/entity (discovery) and
// {base}/entity/{endpoint}/{version}/{Entity}[/{keys}|/{id}] — list with query options, read by
// key or id, PUT SalesOrder. Facts: acumatica.md sections 1 (URL layout, versions, discovery,
// keys), 3 (wrapping, PUT semantics, statuses 200/400/412/422), 6 (worked examples).
import { jsonResponse } from "../responses";
import { mediaType, bodyText, type SimRequest } from "../sim-request";
import { findEntity, forVersion, type EntityDef } from "./entities";
import type { AcumaticaInstance } from "./instances";
import { FilterError } from "./odata-filter";
import { readQueryOptions } from "./query-options";
import { putSalesOrder } from "./sales-orders";
import { putInventorySummaryInquiry } from "./inventory-inquiry";
import { endpointNotFound, httpError, recordNotFound } from "./unconfirmed";
import { readWrappedObject, toWire, WireFormatError } from "./wire-format";

export interface EntityRoute {
  routeId: string;
  handle(instance: AcumaticaInstance, req: SimRequest, nowMs: number): Response;
}

function notSimulated(what: string): Response {
  console.error(`sandbox: Acumatica ${what} is not simulated`);
  return jsonResponse(501, { error: "not_simulated", message: `sandbox: ${what} is not simulated` });
}

function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** Section 1 (S6): `{version:{acumaticaBuildVersion,…}, endpoints:[{name, version, href}]}`. */
function discovery(instance: AcumaticaInstance, req: SimRequest): Response {
  const newest = [...instance.versions].sort().at(-1) ?? "24.200.001";
  const build = `${newest.split(".").slice(0, 2).join(".")}.0172`;
  return jsonResponse(200, {
    version: { acumaticaBuildVersion: build, oemBuildVersion: build, databaseVersion: build },
    endpoints: instance.versions.map((version) => ({
      name: "Default",
      version,
      href: `${req.publicBase}/entity/Default/${version}/`,
    })),
  });
}

function listRecords(instance: AcumaticaInstance, req: SimRequest, def: EntityDef): Response {
  const options = readQueryOptions(req.query, def, true);
  const matching = instance.store.all(def.name).filter((record) => options.filter?.(record) ?? true);
  const page = matching.slice(options.skip, options.top === undefined ? undefined : options.skip + options.top);
  // Section 6c: a bare JSON array, no envelope, no next link.
  return jsonResponse(200, page.map((record, index) => toWire(def, record, options, options.skip + index + 1, true)));
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

function readRecord(instance: AcumaticaInstance, req: SimRequest, def: EntityDef, keySegments: string[]): Response {
  const options = readQueryOptions(req.query, def, false);
  // Section 1: keys separated by "/" or "|", or the record's id GUID.
  const keys = keySegments.length === 1 ? keySegments[0]!.split("|") : keySegments;
  let record = keys.length === 1 && GUID.test(keys[0]!) ? instance.store.getById(def.name, keys[0]!) : undefined;
  if (!record && keys.length === def.keys.length) record = instance.store.get(def.name, keys);
  if (!record) return recordNotFound();
  return jsonResponse(200, toWire(def, record, options, 1, true));
}

function putRecord(instance: AcumaticaInstance, req: SimRequest, def: EntityDef, nowMs: number): Response {
  if (!def.writable) return notSimulated(`PUT ${def.name}`);
  const type = mediaType(req);
  if (type !== "application/json") {
    return httpError(415, `The request entity's media type '${type || "(none)"}' is not supported for this resource.`, "System.Web.Http.HttpResponseException");
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText(req));
  } catch (error) {
    return httpError(400, `Unexpected character encountered while parsing value: ${(error as Error).message}`, "Newtonsoft.Json.JsonReaderException");
  }
  const options = readQueryOptions(req.query, def, false);
  const parsed = readWrappedObject(def, body, def.name, "", false);
  const outcome = putSalesOrder(
    instance.store,
    parsed,
    body,
    { insertOnly: req.headers.get("if-none-match") === "*", updateOnly: req.headers.get("if-match") === "*" },
    nowMs,
  );
  switch (outcome.kind) {
    case "saved":
      return jsonResponse(200, toWire(def, outcome.record, options, 1, true));
    case "invalid":
      return jsonResponse(422, outcome.echo);
    case "precondition-failed":
      return httpError(412, outcome.message);
    case "not-found":
      return recordNotFound();
  }
}

/** Turns FilterError / WireFormatError into the API's 400 HttpError. */
function guarded(run: () => Response): Response {
  try {
    return run();
  } catch (error) {
    if (error instanceof FilterError) return httpError(400, error.message, "PX.Api.ContractBased.OData.ODataException");
    if (error instanceof WireFormatError) return httpError(400, error.message, "Newtonsoft.Json.JsonSerializationException");
    throw error;
  }
}

/**
 * Resolves `/entity...` (path below the instance base) to a route id and its handler. Route ids:
 * acumatica.discovery, acumatica.logout, acumatica.get:{Entity}, acumatica.put:{Entity}, acumatica.post:{Entity}
 * (actions), acumatica.delete:{Entity}, acumatica.other (anything else under /entity).
 */
export function resolveEntityRoute(method: string, path: string): EntityRoute {
  const segments = decodeSegments(path);
  if (!segments) return { routeId: "acumatica.other", handle: () => httpError(400, "Malformed percent-encoding in the URL") };
  const rest = segments.slice(1); // after "entity"
  if (rest.length === 0) {
    if (method !== "GET") return { routeId: "acumatica.other", handle: () => httpError(405, "The requested resource does not support this HTTP method.") };
    return { routeId: "acumatica.discovery", handle: (instance, req) => discovery(instance, req) };
  }
  if (rest[0]?.toLowerCase() === "auth") {
    // Section 2a/2b: OAuth clients may close their server session with POST /entity/auth/logout
    // (204, as Acumatica's own client does); cookie sign-in itself is not simulated.
    if (method === "POST" && rest[1]?.toLowerCase() === "logout" && rest.length === 2) {
      return { routeId: "acumatica.logout", handle: () => new Response(null, { status: 204 }) };
    }
    return { routeId: "acumatica.other", handle: () => notSimulated(`cookie sign-in (/entity/auth/${rest.slice(1).join("/")})`) };
  }
  const [endpoint, version, entityName, ...keySegments] = rest;
  if (entityName === "InventorySummaryInquiry" && method === "PUT" && keySegments.length === 0) {
    return {
      routeId: "acumatica.put:InventorySummaryInquiry",
      handle: (instance, req) =>
        endpoint?.toLowerCase() !== "default" || version === undefined || !instance.versions.includes(version) ? endpointNotFound(req.url.toString()) : putInventorySummaryInquiry(instance, req),
    };
  }
  const entityDef = entityName === undefined ? undefined : findEntity(entityName);
  const checkEndpoint = (instance: AcumaticaInstance, req: SimRequest): Response | undefined => {
    if (endpoint?.toLowerCase() !== "default" || version === undefined || !instance.versions.includes(version)) {
      return endpointNotFound(req.url.toString());
    }
    if (!entityDef) {
      console.warn(`sandbox: Acumatica entity '${entityName ?? ""}' is not simulated (simulated: SalesOrder, Shipment, SalesInvoice, Customer, CustomerLocation, StockItem)`);
      return endpointNotFound(req.url.toString());
    }
    return undefined;
  };
  const entityLabel = entityDef?.name ?? "other";
  const withEndpoint = (routeId: string, run: (instance: AcumaticaInstance, req: SimRequest, def: EntityDef, nowMs: number) => Response): EntityRoute => ({
    routeId: entityDef ? routeId : "acumatica.other",
    handle: (instance, req, nowMs) => checkEndpoint(instance, req) ?? guarded(() => run(instance, req, forVersion(entityDef!, version!), nowMs)),
  });

  switch (method) {
    case "GET":
      if (keySegments[0] === "$adHocSchema") return withEndpoint(`acumatica.get:${entityLabel}`, (_i, _r, def) => notSimulated(`GET ${def.name}/$adHocSchema`));
      return withEndpoint(`acumatica.get:${entityLabel}`, (instance, req, def) =>
        keySegments.length === 0 ? listRecords(instance, req, def) : readRecord(instance, req, def, keySegments),
      );
    case "PUT":
      if (keySegments.length > 0) return withEndpoint(`acumatica.put:${entityLabel}`, (_i, _r, def) => notSimulated(`PUT ${def.name}/{keys}/files`));
      return withEndpoint(`acumatica.put:${entityLabel}`, (instance, req, def, nowMs) => putRecord(instance, req, def, nowMs));
    case "POST":
      // Section 3: actions (202 + Location polling) are not simulated.
      return withEndpoint(`acumatica.post:${entityLabel}`, (_i, _r, def) => notSimulated(`action POST ${def.name}/${keySegments.join("/")}`));
    case "DELETE":
      return withEndpoint(`acumatica.delete:${entityLabel}`, (_i, _r, def) => notSimulated(`DELETE ${def.name}`));
    default:
      return { routeId: "acumatica.other", handle: () => httpError(405, "The requested resource does not support this HTTP method.") };
  }
}
