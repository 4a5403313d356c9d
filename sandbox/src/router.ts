// Decides which simulator answers a request, in two addressing modes that share one code base:
//   host mode (tests; every outbound fetch of the connector arrives here):
//     api.spscommerce.com → SPS Transaction API      auth.spscommerce.com → SPS Auth0
//     *.acumatica.com (or any host created as an instance) → that Acumatica instance
//     login.microsoftonline.com, *.operations.dynamics.com → 501 "not simulated yet"
//     anything else → console.error and throw, so the caller's fetch rejects
//   path mode (`npm start`, http://127.0.0.1:8788 or http://localhost:8788):
//     /sps/… → SPS API   /sps-auth/oauth/token → SPS auth   /acumatica/{instance}/… → instance
//     /entra/…, /dynamics/{env}/… → 501
// On every host, /__sandbox/… is the control API.
import { handleAcumatica } from "./acumatica/simulator";
import { hasInstance } from "./acumatica/instances";
import { CONTROL_PREFIX, controlApp } from "./control/app";
import { notSimulatedYet } from "./reserved";
import { jsonResponse } from "./responses";
import { readBody, type SimRequest } from "./sim-request";
import { handleSpsApi, handleSpsAuth } from "./sps/simulator";

export const CONTROL_HOST = "sandbox.control";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

type Target =
  | { kind: "control" }
  | { kind: "sps-api" | "sps-auth"; mount: string }
  | { kind: "acumatica"; instance: string; mount: string; hostMode: boolean }
  | { kind: "reserved"; system: "entra" | "dynamics" }
  | { kind: "index" }
  | { kind: "not-found"; message: string }
  | { kind: "unknown-host"; message: string };

function isControlPath(path: string): boolean {
  return path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
}

function startsWithSegment(path: string, segment: string): boolean {
  return path === segment || path.startsWith(`${segment}/`);
}

function resolvePathMode(path: string): Target {
  if (path === "/" || path === "") return { kind: "index" };
  if (startsWithSegment(path, "/sps-auth")) return { kind: "sps-auth", mount: "/sps-auth" };
  if (startsWithSegment(path, "/sps")) return { kind: "sps-api", mount: "/sps" };
  const acumatica = /^\/acumatica\/([^/]+)/.exec(path);
  if (acumatica?.[1]) return { kind: "acumatica", instance: decodeURIComponent(acumatica[1]), mount: acumatica[0], hostMode: false };
  if (startsWithSegment(path, "/entra")) return { kind: "reserved", system: "entra" };
  if (startsWithSegment(path, "/dynamics")) return { kind: "reserved", system: "dynamics" };
  return { kind: "not-found", message: `sandbox: no simulator mounted at ${path} (try /sps, /sps-auth, /acumatica/{instance}, /__sandbox)` };
}

export function resolveTarget(url: URL): Target {
  const host = url.hostname.toLowerCase();
  if (isControlPath(url.pathname)) return { kind: "control" };
  if (LOCAL_HOSTS.has(host)) return resolvePathMode(url.pathname);
  if (host === "api.spscommerce.com") return { kind: "sps-api", mount: "" };
  if (host === "auth.spscommerce.com") return { kind: "sps-auth", mount: "" };
  if (host.endsWith(".acumatica.com") || hasInstance(host)) return { kind: "acumatica", instance: host, mount: "", hostMode: true };
  if (host === "login.microsoftonline.com") return { kind: "reserved", system: "entra" };
  if (host.endsWith(".operations.dynamics.com")) return { kind: "reserved", system: "dynamics" };
  if (host === CONTROL_HOST) {
    return { kind: "unknown-host", message: `sandbox: host ${CONTROL_HOST} only serves control calls under ${CONTROL_PREFIX}/ (got ${url.pathname})` };
  }
  return { kind: "unknown-host", message: `sandbox: no simulator for host ${url.host}` };
}

function index(origin: string): Response {
  return jsonResponse(200, {
    sandbox: "sps-erp-sandbox",
    sps: { apiUrl: `${origin}/sps`, authUrl: `${origin}/sps-auth/oauth/token` },
    acumatica: { instanceUrl: `${origin}/acumatica/demo` },
    control: `${origin}${CONTROL_PREFIX}/`,
  });
}

export async function routeRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const target = resolveTarget(url);
  if (target.kind === "unknown-host") {
    await readBody(request);
    console.error(target.message);
    throw new Error(target.message);
  }
  const body = await readBody(request);
  if (target.kind === "control") {
    const init: RequestInit = { method: request.method, headers: request.headers };
    if (request.method !== "GET" && request.method !== "HEAD") init.body = body;
    return controlApp.fetch(new Request(url.toString(), init));
  }
  const mount = "mount" in target ? target.mount : "";
  const req: SimRequest = {
    method: request.method.toUpperCase(),
    url,
    path: url.pathname.slice(mount.length) || "/",
    query: url.searchParams,
    headers: request.headers,
    body,
    publicBase: `${url.origin}${mount}`,
  };
  switch (target.kind) {
    case "index":
      return index(url.origin);
    case "not-found":
      console.error(target.message);
      return jsonResponse(404, { error: "not_found", message: target.message });
    case "sps-api":
      return handleSpsApi(req);
    case "sps-auth":
      return handleSpsAuth(req);
    case "acumatica":
      return handleAcumatica(req, target.instance, target.hostMode);
    case "reserved":
      return notSimulatedYet(target.system, req);
  }
}
