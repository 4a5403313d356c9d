// Hosts reserved for simulators that do not exist yet (Dynamics 365 F&O and its Entra ID token
// endpoint). They answer 501 loudly so nobody mistakes silence for success. To add one, create
// its folder (e.g. sandbox/src/dynamics/) and point the router's entry at it.
import { jsonResponse } from "./responses";
import type { SimRequest } from "./sim-request";

export type ReservedSystem = "entra" | "dynamics";

const LABEL: Record<ReservedSystem, string> = {
  entra: "Microsoft Entra ID (login.microsoftonline.com)",
  dynamics: "Dynamics 365 Finance & Operations (*.operations.dynamics.com)",
};

export function notSimulatedYet(system: ReservedSystem, req: SimRequest): Response {
  const message = `sandbox: ${LABEL[system]} is not simulated yet (${req.method} ${req.url.toString()})`;
  console.error(message);
  return jsonResponse(501, { error: "not_simulated_yet", system, message });
}
