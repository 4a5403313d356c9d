// Dynamics 365 F&O behind the ErpAdapter: a sales order is written two-step by default (the header
// changeset, then one changeset of lines; connection.ts ORDER_WRITE_MODES for the one-call opt-ins,
// with their fallback); a header found without its lines is completed; the idempotency lookup finds it by CustomersOrderReference, customer
// and order key within the legal entity; the outbound records come from outbound-source.ts; the
// connection test is connection-check.ts (reference/dynamics-365-fo.md §2, §3, §7, §9).
import type { DynamicsSettings } from "./connection";
import { asConnectorError, ConnectorError } from "../../lib/errors";
import { failureFromResponse } from "../../lib/http";
import type { UpstreamGate } from "../../lib/gated-request";
import type { ConnectionCheck, ErpAdapter, ErpOrder, ErpOrderLine, SalesOrderDraft } from "../adapter";
import { readBatchAnswer, writeChangesetBatch, type BatchAnswerPart, type BatchOperation } from "./batch";
import { checkConnection } from "./connection-check";
import { ENTITY_SETS, ORDER_KEY_FIELDS, ORDER_LINES_NAVIGATION, SELECT } from "./entities";
import { dynamicsResponseDetail, failureFromBatchPart, isWriteRefusal, parseDynamicsError } from "./errors";
import { DynamicsODataClient, odataString } from "./odata-client";
import { DynamicsOutboundSource } from "./outbound-source";
import { readDynamicsAvailability } from "./on-hand";
import { headerOperations, legalEntityOf, lineOperations, matchLines, oneCallOperations, orderFromChangeset, ownOrderNumber, toErpOrder, toErpOrderLine } from "./sales-orders";

function boundary(kind: "batch" | "changeset"): string {
  return `${kind}_${crypto.randomUUID()}`;
}

type ChangesetOutcome = { ok: true; parts: { contentId: string | undefined; body: Record<string, unknown> }[] } | { ok: false; error: ConnectorError; part: BatchAnswerPart };

/**
 * Whether a failed one-call changeset was F&O refusing the form rather than the order: for
 * "navigation", a line part refused by the OData layer (not a business-rule AxODataWriteException);
 * for "own-number", the header refused (the number sequence allows no manual numbers), unless
 * the number is taken. Either way nothing was stored, and two-step either works or fails with the
 * order's own problem.
 */
function refusesForm(mode: "own-number" | "navigation", part: BatchAnswerPart): boolean {
  if (part.status === 429 || part.status === 401 || part.status === 403) return false;
  const info = parseDynamicsError(part.body);
  if (mode === "navigation") return part.contentId !== "1" && !isWriteRefusal(info) && [400, 404, 405, 501].includes(part.status);
  // A number that is taken means this order may be in F&O already: never write a second one.
  if (/already exists/i.test(info.message ?? "")) return false;
  // A header refused by F&O's business logic or the OData layer (4xx); a 5xx that is not a write
  // refusal is an outage, retried like any other, and must not switch the connection.
  const refused = isWriteRefusal(info) || (part.status >= 400 && part.status < 500);
  if (part.contentId !== undefined) return part.contentId === "1" && refused;
  return isWriteRefusal(info) && /number sequence|manual/i.test(info.message ?? "");
}

/** A lines call that failed after its header was written: the same failure, saying what is in F&O now. */
function headerOnly(error: unknown, pending: string): ConnectorError {
  const e = asConnectorError(error);
  return new ConnectorError(e.kind, `${pending}: ${e.message}; a retry or replay adds exactly the missing lines`, {
    retryable: e.retryable,
    retryAfterMs: e.retryAfterMs,
    status: e.status,
    system: e.system,
    uncertain: e.uncertain,
    reasons: [`The ${pending}.`, ...e.reasons],
    cause: e,
  });
}

export class DynamicsAdapter implements ErpAdapter {
  readonly kind = "dynamics" as const;
  private readonly client: DynamicsODataClient;
  private readonly outbound: DynamicsOutboundSource;

  constructor(
    gate: UpstreamGate,
    readonly settings: DynamicsSettings,
    opts: { timeoutMs?: number | undefined } = {},
  ) {
    this.client = new DynamicsODataClient(gate, settings, opts);
    this.outbound = new DynamicsOutboundSource(this.client);
  }

  listChangedShipments(since: string, page: { top: number; skip: number }) {
    return this.outbound.listChangedShipments(since, page);
  }

  readAvailability(itemIds: string[], legalEntity: string | null) {
    return readDynamicsAvailability(this.client, itemIds, legalEntity);
  }

  getShipment(shipmentNbr: string, scope?: string) {
    return this.outbound.getShipment(shipmentNbr, scope);
  }

  listChangedInvoices(since: string, page: { top: number; skip: number }) {
    return this.outbound.listChangedInvoices(since, page);
  }

  getInvoice(invoiceNbr: string, invoiceType?: string) {
    return this.outbound.getInvoice(invoiceNbr, invoiceType);
  }

  listChangedConfirmations(since: string, page: { top: number; skip: number }) {
    return this.outbound.listChangedConfirmations(since, page);
  }

  async createSalesOrder(draft: SalesOrderDraft): Promise<ErpOrder> {
    const what = `create the F&O sales order for ${draft.orderKey}`;
    const mode = this.settings.orderWrite ?? "two-step";
    if (mode === "two-step") return this.writeTwoStep(draft, what);
    const company = legalEntityOf(draft);
    if (!company.ok) throw new ConnectorError("needs_mapping", `${what}: ${company.error}`, { reasons: [company.error] });
    const form = mode === "own-number" ? { mode, orderNumber: ownOrderNumber(this.settings.orderNumberPrefix ?? "EDI", company.value, draft.orderKey) } : { mode };
    const operations = oneCallOperations(draft, this.client.dataUrl, form);
    if (!operations.ok) throw new ConnectorError("needs_mapping", `${what}: ${operations.error}`, { reasons: [operations.error] });
    const written = await this.runChangeset(what, operations.value);
    if (written.ok) return orderFromChangeset(written.parts, draft.lines.length, what);
    if (!refusesForm(mode, written.part)) throw written.error;
    // F&O refused the form itself, and a changeset is all-or-nothing: nothing was stored. This order
    // goes the documented way, and so does every later one (the consumer stores the switch, once).
    const order = await this.writeTwoStep(draft, what);
    const said = parseDynamicsError(written.part.body).message;
    return {
      ...order,
      connectionChange: {
        settings: { orderWrite: "two-step" },
        note: `F&O refused orderWrite "${mode}" (${written.part.status}${said ? `: ${said.slice(0, 200)}` : ""}); this order was written two-step and the connection now writes orders two-step`,
      },
    };
  }

  /**
   * The documented path: the header in one changeset (F&O numbers it), then every line in one
   * changeset posted flat to SalesOrderLines with that number. A lines call that fails leaves a
   * header without lines: the error says so, and the retry (or replay) finds the header by its order
   * key and completes it with exactly the missing lines (completeSalesOrder).
   */
  private async writeTwoStep(draft: SalesOrderDraft, what: string): Promise<ErpOrder> {
    const header = headerOperations(draft, this.client.dataUrl);
    if (!header.ok) throw new ConnectorError("needs_mapping", `${what}: ${header.error}`, { reasons: [header.error] });
    const written = await this.runChangeset(what, header.value);
    if (!written.ok) throw written.error;
    const created = orderFromChangeset(written.parts, 0, what);
    return this.writeLines(draft, created, draft.lines.map((_, i) => i), [], what);
  }

  /** Posts the draft lines at `indexes` under `order` (one changeset) and returns the order with every draft line, in draft order. */
  private async writeLines(draft: SalesOrderDraft, order: ErpOrder, indexes: number[], existing: (ErpOrderLine | undefined)[], what: string): Promise<ErpOrder> {
    const lines: (ErpOrderLine | undefined)[] = draft.lines.map((_, i) => existing[i]);
    if (indexes.length > 0) {
      const operations = lineOperations(draft, this.client.dataUrl, order.reference, indexes);
      if (!operations.ok) throw new ConnectorError("needs_mapping", `${what}: ${operations.error}`, { reasons: [operations.error] });
      const pending = `sales order ${order.reference} (${order.orderType ?? ""}) is in F&O without ${indexes.length === draft.lines.length ? "its lines" : `${indexes.length} of its ${draft.lines.length} lines`}`;
      let written: ChangesetOutcome;
      try {
        written = await this.runChangeset(`${what}: add the lines of ${order.reference}`, operations.value);
      } catch (error) {
        throw headerOnly(error, pending);
      }
      if (!written.ok) throw headerOnly(written.error, pending);
      const byId = new Map(written.parts.map((p) => [p.contentId, p.body]));
      for (const [n, index] of indexes.entries()) {
        const body = byId.get(String(n + 1));
        if (!body) throw new ConnectorError("internal", `${what}: F&O answered the lines changeset of ${order.reference} without every line`, { system: "dynamics", uncertain: true });
        lines[index] = toErpOrderLine(body);
      }
    }
    return { ...order, lines: lines.map((l, i) => l ?? { itemId: draft.lines[i]!.itemId, qty: draft.lines[i]!.qty }) };
  }

  /** One changeset: its parts' bodies by Content-ID, or the failed part with its error (nothing stored). Throws when the answer is not a changeset answer. */
  private async runChangeset(what: string, operations: BatchOperation[]): Promise<ChangesetOutcome> {
    const batch = writeChangesetBatch(operations, { batch: boundary("batch"), changeset: boundary("changeset") });
    const res = await this.client.postBatch(`POST $batch (${what})`, batch);
    if (res.status !== 200) {
      if (res.status === 400) {
        // The batch itself was refused (malformed for this server): nothing was stored.
        const said = parseDynamicsError(res.text()).message;
        throw new ConnectorError("rejected", `${what}: F&O refused the $batch request (400)${said ? `: ${said}` : ""}`, { status: 400, system: "dynamics" });
      }
      if (res.status === 404) {
        throw new ConnectorError("config", `${what}: no OData $batch service at ${this.client.dataUrl} (404); check environmentUrl`, { status: 404, system: "dynamics" });
      }
      throw failureFromResponse(res, { system: "dynamics", what, nowMs: Date.now(), detail: dynamicsResponseDetail(res), write: true });
    }
    const answer = readBatchAnswer(res.headers.get("content-type"), res.text());
    if (!answer.ok) {
      // F&O answered 200 but we cannot read what it did: the changeset may have committed.
      throw new ConnectorError("internal", `${what}: ${answer.error}`, { system: "dynamics", uncertain: true });
    }
    const allParts = answer.value.flatMap((item) => (item.kind === "changeset" ? item.parts : [item.part]));
    const failed = allParts.find((p) => p.status >= 300);
    if (failed) {
      const error = failureFromBatchPart(failed, what, Date.now());
      if (error.kind === "throttled") await this.client.reportThrottle(error.retryAfterMs);
      return { ok: false, error, part: failed };
    }
    const changeset = answer.value.find((item) => item.kind === "changeset");
    if (changeset?.kind !== "changeset") throw new ConnectorError("internal", `${what}: the $batch answer holds no changeset`, { system: "dynamics", uncertain: true });
    const parts = changeset.parts.map((p) => {
      let body: Record<string, unknown> = {};
      try {
        const parsed = JSON.parse(p.body) as unknown;
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        // an empty body (Prefer: return=minimal) leaves the order unknown: orderFromChangeset says so
      }
      return { contentId: p.contentId, body };
    });
    return { ok: true, parts };
  }

  /** The draft lines `found` lacks (by CustomersLineNumber and item): what completeSalesOrder would post. */
  missingLines(draft: SalesOrderDraft, found: ErpOrder): number[] {
    return matchLines(draft, found.lines).missing;
  }

  /** A header found by its order key, completed with exactly the draft lines it lacks; the result lists every draft line in draft order. */
  async completeSalesOrder(draft: SalesOrderDraft, found: ErpOrder): Promise<ErpOrder> {
    const { matched, missing } = matchLines(draft, found.lines);
    return this.writeLines(draft, found, missing, matched, `complete the F&O sales order ${found.reference} for ${draft.orderKey}`);
  }

  async findSalesOrder(draft: Pick<SalesOrderDraft, "customerId" | "customerOrder" | "orderKey" | "legalEntity">): Promise<ErpOrder | undefined> {
    const company = draft.legalEntity?.trim().toLowerCase();
    if (!company) {
      const reason = "the trading partner has no legal entity (dataAreaId); set legalEntity on the partner";
      throw new ConnectorError("needs_mapping", reason, { reasons: [reason] });
    }
    // §9b: the idempotency pre-check, within the legal entity, across companies.
    const rows = await this.client.list(`find the F&O sales order for ${draft.orderKey}`, ENTITY_SETS.salesOrderHeaders.name, {
      $filter: `dataAreaId eq ${odataString(company)} and OrderingCustomerAccountNumber eq ${odataString(draft.customerId)} and ${ORDER_KEY_FIELDS.po} eq ${odataString(draft.customerOrder)}`,
      $select: SELECT.orderHeader.join(","),
      $expand: `${ORDER_LINES_NAVIGATION}($select=${SELECT.orderLine.join(",")})`,
      "cross-company": "true",
    });
    // F&O's eq is case-insensitive and treats * as a wildcard (§2): compare exactly here.
    const orders = rows
      .filter((r) => r[ORDER_KEY_FIELDS.po] === draft.customerOrder)
      .map((r) => toErpOrder(r, Array.isArray(r[ORDER_LINES_NAVIGATION]) ? (r[ORDER_LINES_NAVIGATION] as Record<string, unknown>[]) : []))
      .filter((o) => o.reference);
    // Split multi-store orders share the PO; the order key (CustomerRequisitionNumber) tells them apart.
    return orders.find((o) => o.orderKey === draft.orderKey) ?? (orders.length === 1 && !orders[0]!.orderKey ? orders[0] : undefined);
  }

  testConnection(): Promise<ConnectionCheck[]> {
    return checkConnection(this.client);
  }
}
