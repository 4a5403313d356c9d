// Decides which simulator answers a request, in two addressing modes that share one code base:
//   host mode (tests; every outbound fetch of the connector arrives here):
//     api.spscommerce.com → SPS Transaction API      auth.spscommerce.com → SPS Auth0
//     *.acumatica.com (or any host created as an instance) → that Acumatica instance
//     *.webhooks.test → alert webhook receiver   hooks.slack.com → Slack incoming webhooks
//     <team>.cloudflareaccess.com → Cloudflare Access (signing keys)   login.microsoftonline.com → Entra ID   *.operations.dynamics.com (or any host created as an
//     environment) → that F&O environment
//     anything else → console.error and throw, so the caller's fetch rejects
//   path mode (`npm start`, http://127.0.0.1:8788 or http://localhost:8788):
//     /sps/… → SPS API   /sps-auth/oauth/token → SPS auth   /acumatica/{instance}/… → instance
//     /entra/… → Entra ID   /dynamics/{env}/… → F&O environment
// On every host, /__sandbox/… is the control API.
import { handleAcumatica } from "./acumatica/simulator";
import { hasInstance } from "./acumatica/instances";
import { CONTROL_PREFIX, controlApp } from "./control/app";
import { hasEnvironment } from "./dynamics/environments";
import { handleDynamics } from "./dynamics/simulator";
import { handleAccess } from "./access/simulator";
import { handleSlack, handleWebhookReceiver } from "./receivers/simulator";
import { handleEntra } from "./entra/simulator";
import { jsonResponse } from "./responses";
import { readBody, type SimRequest } from "./sim-request";
import { handleSpsApi, handleSpsAuth } from "./sps/simulator";

export const CONTROL_HOST = "sandbox.control";
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

type Target =
  | { kind: "control" }
  | { kind: "sps-api" | "sps-auth"; mount: string }
  | { kind: "acumatica"; instance: string; mount: string; hostMode: boolean }
  | { kind: "entra"; mount: string }
  | { kind: "dynamics"; environment: string; mount: string; hostMode: boolean }
  | { kind: "access"; team: string; mount: string }
  | { kind: "webhooks" | "slack"; host: string; mount: string }
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
  if (startsWithSegment(path, "/entra")) return { kind: "entra", mount: "/entra" };
  if (startsWithSegment(path, "/webhooks")) return { kind: "webhooks", host: "local.webhooks.test", mount: "/webhooks" };
  if (startsWithSegment(path, "/slack")) return { kind: "slack", host: "hooks.slack.com", mount: "/slack" };
  const dynamics = /^\/dynamics\/([^/]+)/.exec(path);
  if (dynamics?.[1]) return { kind: "dynamics", environment: decodeURIComponent(dynamics[1]), mount: dynamics[0], hostMode: false };
  return { kind: "not-found", message: `sandbox: no simulator mounted at ${path} (try /sps, /sps-auth, /acumatica/{instance}, /entra, /dynamics/{env}, /__sandbox)` };
}

export function resolveTarget(url: URL): Target {
  const host = url.hostname.toLowerCase();
  if (isControlPath(url.pathname)) return { kind: "control" };
  if (LOCAL_HOSTS.has(host)) return resolvePathMode(url.pathname);
  if (host === "api.spscommerce.com") return { kind: "sps-api", mount: "" };
  if (host === "auth.spscommerce.com") return { kind: "sps-auth", mount: "" };
  if (host.endsWith(".acumatica.com") || hasInstance(host)) return { kind: "acumatica", instance: host, mount: "", hostMode: true };
  if (host === "login.microsoftonline.com") return { kind: "entra", mount: "" };
  if (host.endsWith(".cloudflareaccess.com")) return { kind: "access", team: host, mount: "" };
  if (host.endsWith(".webhooks.test")) return { kind: "webhooks", host, mount: "" };
  if (host === "hooks.slack.com") return { kind: "slack", host, mount: "" };
  if (host.endsWith(".operations.dynamics.com") || hasEnvironment(host)) return { kind: "dynamics", environment: host, mount: "", hostMode: true };
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
    dynamics: { environmentUrl: `${origin}/dynamics/demo`, authorityUrl: `${origin}/entra` },
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
    case "entra":
      return handleEntra(req);
    case "dynamics":
      return handleDynamics(req, target.environment, target.hostMode);
    case "access":
      return handleAccess(req, target.team);
    case "webhooks":
      return handleWebhookReceiver(req, target.host);
    case "slack":
      return handleSlack(req, target.host);
  }
}
