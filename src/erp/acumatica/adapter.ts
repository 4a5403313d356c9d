// Acumatica behind the ErpAdapter: sales orders by one PUT with Details inline, the idempotency
// lookup by CustomerOrder + CustomerID, and the connection test (reference/acumatica.md §4, §6).
import type { AcumaticaSettings } from "./connection";
import { versionAdvice } from "./endpoint-versions";
import { asConnectorError, ConnectorError } from "../../lib/errors";
import { failureFromResponse } from "../../lib/http";
import type { UpstreamGate } from "../../lib/gated-request";
import type { ConnectionCheck, ErpAdapter, ErpOrder, SalesOrderDraft } from "../adapter";
import { acumaticaErrorDetail, AcumaticaClient } from "./client";
import { AcumaticaOutboundSource } from "./outbound-source";
import { readAcumaticaAvailability } from "./inventory-inquiry";
import { collectFieldErrors, numberOf, rowsOf, stringOf, wrap } from "./wrapping";

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Acumatica DateTime values for a calendar date (acumatica.md §6b uses local midnight without offset). */
function acumaticaDate(date: string | undefined): string | undefined {
  return date ? `${date}T00:00:00` : undefined;
}

export function salesOrderBody(draft: SalesOrderDraft, orderType: string): Record<string, unknown> {
  const shipTo = draft.shipTo;
  return wrap({
    OrderType: orderType,
    CustomerID: draft.customerId,
    LocationID: draft.customerLocationId,
    CustomerOrder: draft.customerOrder,
    ExternalRef: draft.orderKey,
    Date: acumaticaDate(draft.orderDate),
    RequestedOn: acumaticaDate(draft.requestedOn),
    Description: draft.description.slice(0, 255),
    CurrencyID: draft.currency,
    ...(shipTo
      ? {
          ShipToAddressOverride: true,
          ShipToAddress: {
            AddressLine1: shipTo.address1,
            AddressLine2: shipTo.address2,
            City: shipTo.city,
            State: shipTo.state,
            PostalCode: shipTo.postalCode,
            Country: shipTo.country,
          },
          ShipToContactOverride: true,
          ShipToContact: {
            BusinessName: shipTo.name,
            Attention: shipTo.attention,
            Phone1: shipTo.phone,
            Email: shipTo.email,
          },
        }
      : {}),
    Details: draft.lines.map((l) => ({
      InventoryID: l.itemId,
      OrderQty: l.qty,
      UOM: l.uom,
      UnitPrice: l.unitPrice,
      // Keep the EDI price: without it Acumatica re-prices from its price lists (acumatica.md §4).
      ManualPrice: l.unitPrice !== undefined ? true : undefined,
      LineDescription: l.description?.slice(0, 255),
      RequestedOn: acumaticaDate(l.requestedOn),
    })),
  });
}

function toErpOrder(record: Record<string, unknown>): ErpOrder {
  return {
    reference: stringOf(record, "OrderNbr") ?? "",
    orderType: stringOf(record, "OrderType"),
    orderKey: stringOf(record, "ExternalRef"),
    status: stringOf(record, "Status"),
    lines: rowsOf(record, "Details").map((d) => ({
      lineNbr: numberOf(d, "LineNbr"),
      itemId: stringOf(d, "InventoryID") ?? "",
      qty: numberOf(d, "OrderQty") ?? 0,
      uom: stringOf(d, "UOM"),
      unitPrice: numberOf(d, "UnitPrice"),
    })),
  };
}

export class AcumaticaAdapter implements ErpAdapter {
  readonly kind = "acumatica" as const;
  private readonly client: AcumaticaClient;
  private readonly outbound: AcumaticaOutboundSource;

  constructor(
    gate: UpstreamGate,
    private readonly settings: AcumaticaSettings,
    opts: { timeoutMs?: number | undefined } = {},
  ) {
    this.client = new AcumaticaClient(gate, settings, opts);
    this.outbound = new AcumaticaOutboundSource(this.client);
  }

  listChangedShipments(since: string, page: { top: number; skip: number }) {
    return this.outbound.listChangedShipments(since, page);
  }

  getShipment(shipmentNbr: string) {
    return this.outbound.getShipment(shipmentNbr);
  }

  listChangedInvoices(since: string, page: { top: number; skip: number }) {
    return this.outbound.listChangedInvoices(since, page);
  }

  getInvoice(invoiceNbr: string, invoiceType?: string) {
    return this.outbound.getInvoice(invoiceNbr, invoiceType);
  }

  readAvailability(itemIds: string[]) {
    return readAcumaticaAvailability(this.client, itemIds);
  }

  async createSalesOrder(draft: SalesOrderDraft): Promise<ErpOrder> {
    const what = `PUT SalesOrder for PO ${draft.orderKey}`;
    const res = await this.client.call(what, "PUT", "SalesOrder", {
      query: { $expand: "Details" },
      body: salesOrderBody(draft, this.settings.orderType),
      write: true,
    });
    if (res.status === 200 || res.status === 201) {
      const order = toErpOrder(res.json() as Record<string, unknown>);
      if (!order.reference) throw new ConnectorError("internal", `${what}: Acumatica saved the order but returned no OrderNbr`, { system: "acumatica", uncertain: true });
      return order;
    }
    if (res.status === 422 || res.status === 400 || res.status === 412) {
      let reasons: string[] = [];
      try {
        reasons = collectFieldErrors(res.json());
      } catch {
        reasons = [];
      }
      const detail = acumaticaErrorDetail(res);
      if (reasons.length === 0 && detail) reasons = [detail];
      throw new ConnectorError("rejected", `Acumatica rejected the sales order (${res.status})${reasons.length ? `: ${reasons.join("; ")}` : ""}`, {
        status: res.status,
        system: "acumatica",
        reasons: reasons.length ? reasons.map((r) => `Acumatica: ${r}`) : [`Acumatica rejected the sales order (${res.status})`],
      });
    }
    throw failureFromResponse(res, { system: "acumatica", what, nowMs: Date.now(), detail: acumaticaErrorDetail(res), write: true });
  }

  async findSalesOrder(draft: Pick<SalesOrderDraft, "customerId" | "customerOrder" | "orderKey">): Promise<ErpOrder | undefined> {
    const rows = await this.client.list(`find SalesOrder for PO ${draft.orderKey}`, "SalesOrder", {
      $filter: `CustomerID eq ${odataString(draft.customerId)} and CustomerOrder eq ${odataString(draft.customerOrder)}`,
      $expand: "Details",
    });
    const orders = rows.map(toErpOrder).filter((o) => o.reference);
    // Split multi-store orders share the PO number; ExternalRef tells them apart.
    return orders.find((o) => o.orderKey === draft.orderKey) ?? (orders.length === 1 && !orders[0]!.orderKey ? orders[0] : undefined);
  }

  async testConnection(): Promise<ConnectionCheck[]> {
    const checks: ConnectionCheck[] = [];
    try {
      const endpoints = await this.client.discoverEndpoints();
      const present = endpoints.some((e) => e.name === this.settings.endpointName && e.version === this.settings.endpointVersion);
      checks.push({
        name: "endpoint",
        ok: present,
        message: present
          ? `endpoint ${this.client.endpointLabel} is available`
          : `endpoint ${this.client.endpointLabel} is not on this instance; it has: ${endpoints.map((e) => `${e.name}/${e.version}`).join(", ") || "no endpoints"}`,
      });
      if (!present) return checks;
    } catch (e) {
      checks.push({ name: "endpoint", ok: false, message: asConnectorError(e).message });
      return checks;
    }
    try {
      const rows = await this.client.list("read Customer", "Customer", { $top: "1", $select: "CustomerID" });
      checks.push({ name: "read", ok: true, message: `read ${rows.length} customer record${rows.length === 1 ? "" : "s"}` });
    } catch (e) {
      checks.push({ name: "read", ok: false, message: asConnectorError(e).message });
    }
    checks.push(...endpointVersionChecks(this.settings.endpointVersion));
    return checks;
  }
}

/** Per flow, whether the configured Default endpoint version has what it needs (endpoint-versions.ts). */
export function endpointVersionChecks(version: string): ConnectionCheck[] {
  const flows: [string, string][] = [
    ["850", "Sales orders"],
    ["856", "Ship notices"],
    ["810", "Invoices"],
  ];
  return flows.map(([flow, label]) => {
    const advice = versionAdvice(version, flow, label);
    return { name: `version:${flow}`, ok: advice === undefined, message: advice ?? `${label.toLowerCase()} (${flow}): endpoint ${version} has every field the connector reads` };
  });
}
