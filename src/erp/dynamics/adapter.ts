// Dynamics 365 F&O behind the ErpAdapter: a sales order is one $batch changeset (header and lines,
// all-or-nothing, one HTTP call); the idempotency lookup finds it by CustomersOrderReference, customer
// and order key within the legal entity; the outbound records come from outbound-source.ts; the
// connection test is connection-check.ts (reference/dynamics-365-fo.md §2, §3, §7, §9).
import type { DynamicsSettings } from "./connection";
import { ConnectorError } from "../../lib/errors";
import { failureFromResponse } from "../../lib/http";
import type { UpstreamGate } from "../../lib/gated-request";
import type { ConnectionCheck, ErpAdapter, ErpOrder, SalesOrderDraft } from "../adapter";
import { readBatchAnswer, writeChangesetBatch } from "./batch";
import { checkConnection } from "./connection-check";
import { ENTITY_SETS, ORDER_KEY_FIELDS, ORDER_LINES_NAVIGATION, SELECT } from "./entities";
import { dynamicsResponseDetail, failureFromBatchPart, parseDynamicsError } from "./errors";
import { DynamicsODataClient, odataString } from "./odata-client";
import { DynamicsOutboundSource } from "./outbound-source";
import { orderFromChangeset, salesOrderOperations, toErpOrder } from "./sales-orders";

function boundary(kind: "batch" | "changeset"): string {
  return `${kind}_${crypto.randomUUID()}`;
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
    const operations = salesOrderOperations(draft, this.client.dataUrl);
    if (!operations.ok) throw new ConnectorError("needs_mapping", `${what}: ${operations.error}`, { reasons: [operations.error] });
    const batch = writeChangesetBatch(operations.value, { batch: boundary("batch"), changeset: boundary("changeset") });
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
      throw error;
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
    return orderFromChangeset(parts, draft.lines.length, what);
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
