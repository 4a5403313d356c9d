// Entry point of the Acumatica simulator for one instance: virtual directory, route id, licence
// limits, counters, fault rules, bearer check, then the identity server or the contract API.
// Route ids: acumatica.token, acumatica.oidc, acumatica.discovery, acumatica.logout, acumatica.get:{Entity},
// acumatica.put:{Entity}, acumatica.post:{Entity}, acumatica.delete:{Entity}, acumatica.other.
import { countRequest, countStatus, countThrottled } from "../counters";
import { runWithFaults, type FaultRendering } from "../faults";
import { jsonResponse } from "../responses";
import type { Scope } from "../scope";
import type { SimRequest } from "../sim-request";
import { resolveEntityRoute, type EntityRoute } from "./contract-api";
import { findInstance, type AcumaticaInstance } from "./instances";
import { admitRequest } from "./licence";
import { answerTokenRequest, openIdConfiguration, verifyAccessToken } from "./oauth";
import { DISCOVERY_REQUIRES_TOKEN, httpError, licenceLimitExceeded, notAuthorized, siteNotFound } from "./unconfirmed";

const faultRendering: FaultRendering = {
  tooManyRequests: (headers) => licenceLimitExceeded(headers),
  serverError: () => httpError(500, "An unexpected error occurred on the server.", "System.Exception"),
};

function resolveRoute(method: string, path: string): EntityRoute | undefined {
  if (path === "/identity/connect/token") {
    return {
      routeId: "acumatica.token",
      handle: (instance, req, nowMs) =>
        method === "POST" ? answerTokenRequest(instance, req, nowMs) : jsonResponse(405, { error: "invalid_request", error_description: "POST only" }),
    };
  }
  if (path === "/identity/.well-known/openid-configuration") {
    return { routeId: "acumatica.oidc", handle: (_instance, req) => openIdConfiguration(`${req.publicBase}`) };
  }
  if (path === "/entity" || path.startsWith("/entity/")) {
    const route = resolveEntityRoute(method, path);
    return {
      routeId: route.routeId,
      handle: (instance, req, nowMs) => {
        if (route.routeId === "acumatica.discovery" && !DISCOVERY_REQUIRES_TOKEN) return route.handle(instance, req, nowMs);
        const check = verifyAccessToken(instance, req, nowMs);
        return check.ok ? route.handle(instance, req, nowMs) : notAuthorized(check.reason);
      },
    };
  }
  return undefined;
}

/**
 * Handles a request for the instance `instanceKey`. An instance that was never created is a host
 * that does not exist: in host mode the caller's fetch rejects (like a DNS failure).
 */
export async function handleAcumatica(req: SimRequest, instanceKey: string, hostMode: boolean): Promise<Response> {
  const instance: AcumaticaInstance | undefined = findInstance(instanceKey);
  if (!instance) {
    const message = `sandbox: no Acumatica instance '${instanceKey}' (create it with POST /__sandbox/acumatica/instances)`;
    console.error(message);
    if (hostMode) throw new Error(message);
    return jsonResponse(404, { error: "no_such_instance", message });
  }
  let path = req.path;
  let publicBase = req.publicBase;
  if (instance.pathPrefix !== "") {
    if (path !== instance.pathPrefix && !path.startsWith(`${instance.pathPrefix}/`)) return siteNotFound();
    path = path.slice(instance.pathPrefix.length) || "/";
    publicBase += instance.pathPrefix;
  }
  const route = resolveRoute(req.method, path);
  if (!route) return siteNotFound();
  const simReq: SimRequest = { ...req, path, publicBase };
  const scope: Scope = { sim: "acumatica", id: instance.key };
  countRequest(scope, route.routeId);

  const admission = admitRequest(instance, Date.now());
  if (!admission.ok) {
    countThrottled(scope);
    countStatus(scope, 429);
    return admission.response;
  }
  try {
    const response = await runWithFaults(scope, { routeId: route.routeId, method: req.method, path }, faultRendering, async () =>
      route.handle(instance, simReq, Date.now()),
    );
    countStatus(scope, response.status);
    return response;
  } finally {
    admission.release();
  }
}
