// Entry points of the SPS Commerce simulator: the Auth0 token host and the Transaction API host.
// Resolves the route id, authenticates, counts, applies fault rules, then calls the handler.
// Route ids (for faults and counters): sps.token, sps.auth-check, sps.list, sps.get, sps.upload,
// sps.delete, sps.other (unsupported method on a data path).
import { countRequest, countStatus, countThrottled } from "../counters";
import { runWithFaults, type FaultOptions, type FaultRendering } from "../faults";
import { emptyResponse, jsonResponse } from "../responses";
import type { Scope } from "../scope";
import type { SimRequest } from "../sim-request";
import { findAccount, type SpsAccount } from "./accounts";
import { answerTokenRequest, readTokenRequest, throttleTokenRequest, verifyBearer } from "./auth";
import { parseDataPath } from "./mailbox";
import { DATA_ROOT, deleteFile, downloadFile, listDirectory, uploadFile } from "./transaction-api";
import { MESSAGES, transactionApiError } from "./unconfirmed";

const apiFaultRendering: FaultRendering = {
  tooManyRequests: (headers) => transactionApiError(429, MESSAGES.tooManyRequests, headers),
  serverError: () => transactionApiError(500, MESSAGES.internalError),
};

const authFaultRendering: FaultRendering = {
  tooManyRequests: (headers) =>
    jsonResponse(429, { error: "too_many_requests", error_description: "Too Many Requests" }, headers),
  serverError: () => jsonResponse(500, { error: "server_error", error_description: "Internal Server Error" }),
};

function spsScope(account: SpsAccount): Scope {
  return { sim: "sps", id: account.clientId };
}

function finish(scope: Scope, response: Response): Response {
  countStatus(scope, response.status);
  return response;
}

/** `auth.spscommerce.com` (or `/sps-auth` in path mode): only POST /oauth/token exists (1.1). */
export async function handleSpsAuth(req: SimRequest): Promise<Response> {
  if (req.path !== "/oauth/token") return jsonResponse(404, { error: "not_found", error_description: "Not Found" });
  if (req.method !== "POST") {
    return jsonResponse(405, { error: "invalid_request", error_description: "Method not allowed" }, { allow: "POST" });
  }
  const read = readTokenRequest(req);
  if ("response" in read) return read.response;
  const account = findAccount(read.fields.client_id ?? "");
  // Unknown clients have no scope to count or fault; they get Auth0's 401 straight away.
  if (!account) return answerTokenRequest(read.fields, Date.now());
  const scope = spsScope(account);
  countRequest(scope, "sps.token");
  const response = await runWithFaults(
    scope,
    { routeId: "sps.token", method: req.method, path: req.path },
    authFaultRendering,
    async () => {
      const now = Date.now();
      const throttled = throttleTokenRequest(account, now);
      if (throttled) {
        countThrottled(scope);
        return throttled;
      }
      return answerTokenRequest(read.fields, now);
    },
  );
  return finish(scope, response);
}

interface ApiRoute {
  routeId: string;
  handle(account: SpsAccount, faults: FaultOptions): Response;
}

function resolveApiRoute(req: SimRequest): ApiRoute | Response {
  if (req.path === "/auth-check") {
    // 1.1: GET /auth-check → 204 when the token is valid (S3, S4, S16).
    if (req.method !== "GET") return transactionApiError(405, "Method not allowed", { allow: "GET" });
    return { routeId: "sps.auth-check", handle: () => emptyResponse(204) };
  }
  if (req.path.startsWith("/transactions/v5/history")) {
    console.error(`sandbox: SPS ${req.method} ${req.path} (history reporting) is not simulated yet`);
    return jsonResponse(501, { error: "not_simulated", message: "sandbox: /transactions/v5/history is not simulated" });
  }
  if (!req.path.startsWith(DATA_ROOT)) {
    console.warn(`sandbox: SPS has no route ${req.method} ${req.path} (only /transactions/v5/data/ and /auth-check)`);
    return transactionApiError(404, "Not Found");
  }
  const target = parseDataPath(req.path.slice(DATA_ROOT.length));
  if (target.kind === "invalid") return transactionApiError(400, `Invalid path: ${target.reason}`);
  switch (req.method) {
    case "GET":
      return target.kind === "directory"
        ? { routeId: "sps.list", handle: (account, faults) => listDirectory(req, account, target.dir, faults) }
        : { routeId: "sps.get", handle: (account) => downloadFile(account, target.file) };
    case "POST":
      return target.kind === "file"
        ? { routeId: "sps.upload", handle: (account) => uploadFile(req, account, target.file) }
        : { routeId: "sps.upload", handle: () => transactionApiError(400, "A file path is required to upload (the path ends with /)") };
    case "DELETE":
      return target.kind === "file"
        ? { routeId: "sps.delete", handle: (account) => deleteFile(account, target.file) }
        : { routeId: "sps.delete", handle: () => transactionApiError(400, "Only files can be deleted") };
    default:
      return { routeId: "sps.other", handle: () => transactionApiError(405, "Method not allowed", { allow: "GET, POST, DELETE" }) };
  }
}

/** `api.spscommerce.com` (or `/sps` in path mode): bearer required on every call (1.1). */
export async function handleSpsApi(req: SimRequest): Promise<Response> {
  const check = verifyBearer(req, Date.now());
  if (!check.ok) {
    return transactionApiError(401, MESSAGES.unauthorized, {
      "www-authenticate": `Bearer error="invalid_token", error_description="${check.reason === "expired" ? "token expired" : "invalid token"}"`,
    });
  }
  const route = resolveApiRoute(req);
  if (route instanceof Response) return route;
  const scope = spsScope(check.account);
  countRequest(scope, route.routeId);
  const response = await runWithFaults(
    scope,
    { routeId: route.routeId, method: req.method, path: req.path },
    apiFaultRendering,
    async (faults) => route.handle(check.account, faults),
  );
  return finish(scope, response);
}
