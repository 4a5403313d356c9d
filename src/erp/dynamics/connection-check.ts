// The Dynamics half of the connection test (the token check before it is the TenantGate's, whose
// Entra refusals auth.ts already words): one OData read, then whether every entity set the connector
// relies on exists on this build (names differ between builds, reference/dynamics-365-fo.md §8
// gotcha 1). Failures read as what to fix: the app not registered in F&O, the wrong environment URL.
import { asConnectorError, type ConnectorError } from "../../lib/errors";
import type { ConnectionCheck } from "../adapter";
import { readBatchAnswer, writeChangesetBatch, type BatchOperation } from "./batch";
import { ENTITY_SETS, ORDER_LINES_NAVIGATION } from "./entities";
import { isWriteRefusal, parseDynamicsError } from "./errors";
import type { DynamicsODataClient } from "./odata-client";
import { ownOrderNumber } from "./sales-orders";
import { DYNAMICS_DEFAULTS } from "./connection";
import { postedSinceFilter } from "./outbound-source";

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
  let customer: Record<string, unknown> | undefined;
  try {
    const rows = await client.list("read CustomersV3", ENTITY_SETS.customers.name, { $top: "1", $select: "dataAreaId,CustomerAccount" });
    customer = rows[0];
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
  checks.push(await checkPostingTimes(client));
  checks.push(await checkOrderWrite(client, customer));
  return checks;
}

/**
 * How the outbound polls find documents on this environment: packing slips and invoices by their
 * posting time (CreatedOn of the BI journals) where the build can filter on it, else by document
 * date; order confirmations by date. Says how far the date windows reach (lookbackDays).
 */
async function checkPostingTimes(client: DynamicsODataClient): Promise<ConnectionCheck> {
  const days = client.settings.lookbackDays ?? DYNAMICS_DEFAULTS.lookbackDays;
  const probe = async (set: string) => {
    try {
      await client.list(`probe ${set}.CreatedOn`, set, { $filter: postedSinceFilter("CreatedOn", new Date(Date.now() - 60_000).toISOString()), $top: "1", $select: "dataAreaId", "cross-company": "true" });
      return true;
    } catch {
      return false;
    }
  };
  const [slips, invoices] = await Promise.all([probe(ENTITY_SETS.packingSlipHeaders.name), probe(ENTITY_SETS.invoiceJournalBi.name)]);
  const by = (ok: boolean, what: string, dateField: string) => (ok ? `${what} by posting time (CreatedOn)` : `${what} by ${dateField} (CreatedOn cannot be filtered on this build), reaching back ${days} days`);
  return {
    name: "posting-times",
    ok: true,
    message: `${by(slips, "packing slips", "DeliveryDate")}; ${by(invoices, "invoices", "InvoiceDate")}; order confirmations by ConfirmationDate, reaching back ${days} days (lookbackDays)`,
  };
}

/**
 * Whether F&O accepts the connection's order write form. Two-step is the documented path and needs
 * no check. The opt-ins are tried with a changeset F&O must roll back: the header (with our own
 * number, or with its lines on the navigation), then a line with no item, which F&O refuses. Which
 * part F&O refuses tells: the header (no manual numbers) or the navigation (no route) means the form
 * does not work here; the item-less line means it does. A changeset is all-or-nothing, so nothing is stored.
 */
async function checkOrderWrite(client: DynamicsODataClient, customer: Record<string, unknown> | undefined): Promise<ConnectionCheck> {
  const mode = client.settings.orderWrite ?? "two-step";
  const name = "order-write";
  if (mode === "two-step") return { name, ok: true, message: "sales orders are written two-step: the header, then its lines posted to SalesOrderLines with the header's number (the documented path)" };
  const company = typeof customer?.dataAreaId === "string" ? customer.dataAreaId.toLowerCase() : undefined;
  const account = typeof customer?.CustomerAccount === "string" ? customer.CustomerAccount : undefined;
  if (!company || !account) return { name, ok: false, message: `orderWrite "${mode}" could not be checked: the service user sees no customer to try an order with` };
  const number = mode === "own-number" ? ownOrderNumber(client.settings.orderNumberPrefix ?? "EDI", company, `connection-test:${crypto.randomUUID()}`) : undefined;
  const header = { dataAreaId: company, OrderingCustomerAccountNumber: account, ...(number ? { SalesOrderNumber: number } : {}), CustomersOrderReference: "CONNECTION-TEST" };
  const line = { dataAreaId: company, ...(number ? { SalesOrderNumber: number } : {}), ItemNumber: "", OrderedSalesQuantity: 1 };
  const operations: BatchOperation[] = [
    { method: "POST", url: `${client.dataUrl}/${ENTITY_SETS.salesOrderHeaders.name}`, contentId: "1", body: header },
    { method: "POST", url: mode === "navigation" ? `$1/${ORDER_LINES_NAVIGATION}` : `${client.dataUrl}/${ENTITY_SETS.salesOrderLines.name}`, contentId: "2", body: line },
  ];
  const how = "(tried with a changeset F&O rolled back)";
  try {
    const id = crypto.randomUUID();
    const res = await client.postBatch(`POST $batch (check orderWrite ${mode})`, writeChangesetBatch(operations, { batch: `batch_${id}`, changeset: `changeset_${id}` }));
    const answer = res.status === 200 ? readBatchAnswer(res.headers.get("content-type"), res.text()) : undefined;
    if (!answer?.ok) return { name, ok: false, message: `orderWrite "${mode}" could not be checked: F&O answered the $batch with ${res.status}` };
    const parts = answer.value.flatMap((item) => (item.kind === "changeset" ? item.parts : [item.part]));
    const failed = parts.find((p) => p.status >= 300);
    if (!failed) return { name, ok: false, message: `orderWrite "${mode}": F&O stored a check order with an item-less line (${number ?? "numbered by F&O"}, legal entity ${company}, PO CONNECTION-TEST); delete it` };
    const info = parseDynamicsError(failed.body);
    const said = info.message ? `: ${info.message.slice(0, 200)}` : "";
    if (failed.contentId === "2" && isWriteRefusal(info)) {
      return { name, ok: true, message: mode === "own-number" ? `F&O accepts sales order numbers the connector supplies (prefix ${client.settings.orderNumberPrefix}) in legal entity ${company} ${how}` : `F&O accepts lines posted to a new header's SalesOrderLines navigation ${how}` };
    }
    const fix = mode === "own-number" ? `set the sales order number sequence of legal entity ${company} to allow manual numbers (Organization administration > Number sequences), or use orderWrite "two-step"` : `use orderWrite "two-step" (the documented path)`;
    return { name, ok: false, message: `F&O refused orderWrite "${mode}" (${failed.status}${said}) ${how}; ${fix}. Orders fall back to two-step on their own until then` };
  } catch (e) {
    return { name, ok: false, message: `orderWrite "${mode}" could not be checked: ${asConnectorError(e).message}` };
  }
}
