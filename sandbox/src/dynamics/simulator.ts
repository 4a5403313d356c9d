// Entry point of the F&O simulator for one environment (host `{env}.operations.dynamics.com`, or
// /dynamics/{env} in path mode): route id, counters, cold start, bearer check, the request-rate
// switch, fault rules, then the OData service under /data (operations or $batch).
// Route ids: dynamics.get:{EntitySet}, dynamics.post:{EntitySet}, dynamics.patch:{EntitySet},
// dynamics.delete:{EntitySet} (for `Set(…)/Navigation`, the navigation's target set), dynamics.batch
// (the whole $batch request), dynamics.batch.{method}:{EntitySet} (each operation inside a $batch),
// dynamics.service-document, dynamics.metadata, dynamics.other. Scope: {sim:"dynamics", id: env key}.
import { countRequest, countStatus, countThrottled } from "../counters";
import { pickFault, runWithFaults, type FaultRendering } from "../faults";
import { jsonResponse } from "../responses";
import type { Scope } from "../scope";
import { bodyText, type SimRequest } from "../sim-request";
import { authenticationFailed, verifyBearer } from "./auth";
import { executeBatch } from "./batch";
import { executeOperation, type ServiceContext } from "./data-service";
import { findEnvironment } from "./environments";
import { targetEntitySetName } from "./resource-path";
import { odataErrorResult, resultToResponse } from "./odata-results";
import { admitRequest, coldStartDelay, throttledResult } from "./service-limits";

const faultRendering: FaultRendering = {
  tooManyRequests: (headers) => resultToResponse(throttledResult(undefined, headers)),
  serverError: () =>
    resultToResponse(odataErrorResult(500, "An error has occurred.", { message: "An unexpected error occurred on the server.", type: "System.Exception", stacktrace: "" })),
};

function routeIdOf(method: string, dataPath: string): string {
  const first = dataPath.split("/").filter(Boolean)[0];
  if (first === undefined) return "dynamics.service-document";
  if (first === "$batch") return "dynamics.batch";
  if (first === "$metadata") return "dynamics.metadata";
  const set = targetEntitySetName(dataPath);
  return set ? `dynamics.${method.toLowerCase()}:${set}` : "dynamics.other";
}

async function serve(req: SimRequest, ctx: ServiceContext, routeId: string, scope: Scope, dataPath: string): Promise<Response> {
  if (routeId !== "dynamics.batch") {
    return resultToResponse(
      executeOperation(ctx, { method: req.method, path: dataPath, query: req.query, headers: req.headers, body: bodyText(req), url: req.url.toString() }),
    );
  }
  if (req.method !== "POST") {
    return resultToResponse(odataErrorResult(405, "The $batch endpoint only accepts POST.", { message: "", type: "Microsoft.OData.ODataException", stacktrace: "" }, { allow: "POST" }));
  }
  const outcome = await executeBatch(ctx, req.headers.get("content-type"), bodyText(req), req.headers.get("prefer"), {
    faultFor: (partRouteId, method, path) => {
      countRequest(scope, partRouteId);
      return pickFault(scope, { routeId: partRouteId, method, path: `/data${path}` });
    },
  });
  if (outcome.drop) {
    // A "drop" fault on an operation: the batch is committed, then the connection is cut.
    await outcome.response.arrayBuffer();
    countStatus(scope, "dropped");
    const message = `sandbox: connection dropped after commit (fault "drop" on an operation of ${req.method} ${req.path})`;
    console.warn(message);
    throw new Error(message);
  }
  return outcome.response;
}

/**
 * Handles a request for the environment `environmentKey`. An environment that was never created is
 * a host that does not exist: in host mode the caller's fetch rejects (like a DNS failure).
 */
export async function handleDynamics(req: SimRequest, environmentKey: string, hostMode: boolean): Promise<Response> {
  const env = findEnvironment(environmentKey);
  if (!env) {
    const message = `sandbox: no F&O environment '${environmentKey}' (create it with POST /__sandbox/dynamics/environments)`;
    console.error(message);
    if (hostMode) throw new Error(message);
    return jsonResponse(404, { error: "no_such_environment", message });
  }
  if (req.path !== "/data" && !req.path.startsWith("/data/")) {
    const message = `sandbox: F&O ${req.method} ${req.path} is not simulated (only the OData service under /data)`;
    console.error(message);
    return jsonResponse(501, { error: "not_simulated", message });
  }
  const dataPath = req.path.slice("/data".length);
  const routeId = routeIdOf(req.method, dataPath);
  const scope: Scope = { sim: "dynamics", id: env.key };
  countRequest(scope, routeId);

  const wait = coldStartDelay(env, Date.now());
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

  const auth = verifyBearer(env, req, Date.now());
  if (!auth.ok) {
    countStatus(scope, 401);
    return authenticationFailed(auth.reason);
  }
  const throttled = admitRequest(env, Date.now());
  if (throttled) {
    countThrottled(scope);
    countStatus(scope, 429);
    return resultToResponse(throttled);
  }
  const response = await runWithFaults(scope, { routeId, method: req.method, path: req.path }, faultRendering, () =>
    serve(req, { env, publicBase: req.publicBase, nowMs: Date.now() }, routeId, scope, dataPath),
  );
  countStatus(scope, response.status);
  return response;
}
