// The Dynamics half of the connection test (the token check before it is the TenantGate's, whose
// Entra refusals auth.ts already words): one OData read, then whether every entity set the connector
// relies on exists on this build (names differ between builds, reference/dynamics-365-fo.md §8
// gotcha 1). Failures read as what to fix: the app not registered in F&O, the wrong environment URL.
import { asConnectorError, type ConnectorError } from "../../lib/errors";
import type { ConnectionCheck } from "../adapter";
import { ENTITY_SETS } from "./entities";
import type { DynamicsODataClient } from "./odata-client";

function explainRead(error: ConnectorError, client: DynamicsODataClient): string {
  const env = client.settings.environmentUrl;
  switch (error.kind) {
    case "unauthorized":
      return (
        `Dynamics 365 at ${env} refused the access token Entra ID issued (${error.message}). ` +
        `Register the app (client id ${client.settings.clientId}) in F&O under System administration > Setup > Microsoft Entra ID applications, ` +
        `and check that environmentUrl and entraTenantId name this environment and the directory it trusts`
      );
    case "not_found":
    case "config":
      return `No F&O OData service answers at ${client.dataUrl} (404); check environmentUrl (the environment's base URL, without /data)`;
    case "network":
      return `Could not reach the F&O environment ${env} (${error.message}); check environmentUrl`;
    case "timeout":
      return `The F&O environment ${env} did not answer in time (${error.message}); it may be starting up, try again in a minute`;
    default:
      return error.message;
  }
}

export async function checkConnection(client: DynamicsODataClient): Promise<ConnectionCheck[]> {
  const checks: ConnectionCheck[] = [];
  try {
    const rows = await client.list("read CustomersV3", ENTITY_SETS.customers.name, { $top: "1", $select: "CustomerAccount" });
    checks.push({ name: "read", ok: true, message: `read ${rows.length} customer record${rows.length === 1 ? "" : "s"} from ${client.settings.environmentUrl}` });
  } catch (e) {
    checks.push({ name: "read", ok: false, message: explainRead(asConnectorError(e), client) });
    return checks;
  }
  const missing: string[] = [];
  for (const pin of Object.values(ENTITY_SETS)) {
    try {
      await client.list(`probe ${pin.name}`, pin.name, { $top: "1", $select: "dataAreaId", "cross-company": "true" });
    } catch (e) {
      const error = asConnectorError(e);
      if (error.kind !== "not_found") {
        checks.push({ name: "entities", ok: false, message: `reading ${pin.name} failed: ${error.message}` });
        return checks;
      }
      missing.push(`${pin.name} (${pin.confidence}, fact sheet ${pin.source})`);
    }
  }
  checks.push({
    name: "entities",
    ok: missing.length === 0,
    message:
      missing.length === 0
        ? `the ${Object.keys(ENTITY_SETS).length} entity sets the connector uses are published`
        : `this F&O build does not publish ${missing.join(", ")}; make them public or tell the connector's maintainers which entity sets replace them`,
  });
  return checks;
}
