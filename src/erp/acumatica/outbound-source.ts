// Acumatica as the source of the outbound documents: shipments (856) and sales invoices (810) changed
// since a watermark, one $top/$skip page at a time, and single records by key (reference/acumatica.md
// §1 paging, §3 $filter with datetimeoffset, §4 Shipment / SalesInvoice, §6c, §6d). Status is not
// filtered in the query: the mapped record says whether it is shipped / released and the flow decides.
import { ConnectorError } from "../../lib/errors";
import { failureFromResponse } from "../../lib/http";
import type { ChangedPage, ErpInvoice, ErpShipment, OutboundSource } from "../adapter";
import { acumaticaErrorDetail, type AcumaticaClient } from "./client";
import { versionAdvice } from "./endpoint-versions";
import { ACUMATICA_OUTBOUND_WORDS, toErpInvoice, toErpShipment } from "./outbound-records";

/**
 * Payment terms read for invoices, per instance: SalesInvoice has no Terms in any Default version
 * (checked-facts 7a), so they come from the invoiced sales order's FinancialSettings.Terms, else the
 * customer's Terms. Kept 15 minutes per isolate: terms change rarely, invoices come in bursts.
 */
const TERMS_TTL_MS = 15 * 60_000;
const termsCache = new Map<string, { terms: string | undefined; at: number }>();

/** Details are only returned when expanded (acumatica.md gotcha 2); carton contents need the nested path (§9). */
const SHIPMENT_EXPAND = "Details,Packages,Packages/PackageContents,Orders";
const INVOICE_EXPAND = "Details";

/** `LastModifiedDateTime gt datetimeoffset'…'` for an ISO instant; anything else is a bug in the caller. */
function changedSince(since: string): string {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new ConnectorError("internal", `changed-since watermark "${since}" is not an ISO timestamp`, { system: "acumatica" });
  // Normalised to UTC "Z" so no "+" offset needs escaping and no quote can reach the filter (gotcha 9).
  return `LastModifiedDateTime gt datetimeoffset'${new Date(ms).toISOString()}'`;
}

function pageQuery(page: { top: number; skip: number }): { $top: string; $skip: string } {
  if (!Number.isInteger(page.top) || page.top < 1 || !Number.isInteger(page.skip) || page.skip < 0) {
    throw new ConnectorError("internal", `bad page ${JSON.stringify(page)}: top must be ≥ 1 and skip ≥ 0`, { system: "acumatica" });
  }
  return { $top: String(page.top), $skip: String(page.skip) };
}

/** A contract-API field value ({value: "…"}) as text. */
function wrappedText(field: unknown): string | undefined {
  const value = field && typeof field === "object" ? (field as Record<string, unknown>).value : undefined;
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function mapped<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new ConnectorError("internal", result.error, { system: "acumatica" });
  return result.value;
}

export class AcumaticaOutboundSource implements OutboundSource {
  constructor(readonly client: AcumaticaClient) {}

  async listChangedShipments(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpShipment>> {
    const rows = await this.client.list("list changed Shipments", "Shipment", {
      $filter: changedSince(since),
      $expand: SHIPMENT_EXPAND,
      ...pageQuery(page),
    });
    // No next link or count in the contract (acumatica.md §1, §6c): a full page means there may be more.
    return { records: rows.map((r) => mapped(toErpShipment(r))), more: rows.length >= page.top };
  }

  async getShipment(shipmentNbr: string): Promise<ErpShipment | undefined> {
    const record = await this.getOne(`GET Shipment ${shipmentNbr}`, `Shipment/${encodeURIComponent(shipmentNbr)}`, SHIPMENT_EXPAND);
    return record === undefined ? undefined : mapped(toErpShipment(record));
  }

  async listChangedInvoices(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpInvoice>> {
    // Never a poll that silently finds nothing: an endpoint without SalesInvoice.LastModifiedDateTime says so.
    const advice = versionAdvice(this.client.settings.endpointVersion, "810", "Invoices");
    if (advice) throw new ConnectorError("config", `list changed SalesInvoices: ${advice}`, { system: "acumatica" });
    const rows = await this.client.list("list changed SalesInvoices", "SalesInvoice", {
      $filter: changedSince(since),
      $expand: INVOICE_EXPAND,
      ...pageQuery(page),
    });
    const records: ErpInvoice[] = [];
    for (const r of rows) records.push(await this.withTerms(mapped(toErpInvoice(r))));
    return { records, more: rows.length >= page.top };
  }

  /** The invoice with the terms of its first sales order, else of its customer (cached; see termsCache). */
  private async withTerms(invoice: ErpInvoice): Promise<ErpInvoice> {
    if (invoice.terms) return invoice;
    const line = invoice.lines.find((l) => l.orderNbr && l.orderType);
    let terms: string | undefined;
    if (line) {
      terms = await this.cachedTerms(`SalesOrder/${line.orderType}/${line.orderNbr}`, async () => {
        const order = await this.getOne(`GET SalesOrder ${line.orderType} ${line.orderNbr} (terms)`, `SalesOrder/${encodeURIComponent(line.orderType!)}/${encodeURIComponent(line.orderNbr)}`, "FinancialSettings", "OrderType,OrderNbr,FinancialSettings/Terms");
        const settings = order?.FinancialSettings as Record<string, unknown> | undefined;
        return wrappedText(settings?.Terms);
      });
    }
    if (!terms && invoice.customerId) {
      const customerId = invoice.customerId;
      terms = await this.cachedTerms(`Customer/${customerId}`, async () => {
        const customer = await this.getOne(`GET Customer ${customerId} (terms)`, `Customer/${encodeURIComponent(customerId)}`, undefined, "CustomerID,Terms");
        return wrappedText(customer?.Terms);
      });
    }
    return terms ? { ...invoice, terms } : invoice;
  }

  private async cachedTerms(key: string, read: () => Promise<string | undefined>): Promise<string | undefined> {
    // Per instance and login (a login names its Acumatica tenant and company), never shared across connections.
    const { instanceUrl, clientId, username } = this.client.settings;
    const full = `${instanceUrl}|${clientId}|${username}|${key}`;
    const hit = termsCache.get(full);
    if (hit && Date.now() - hit.at < TERMS_TTL_MS) return hit.terms;
    const terms = await read();
    if (termsCache.size > 5_000) termsCache.clear();
    termsCache.set(full, { terms, at: Date.now() });
    return terms;
  }

  async getInvoice(invoiceNbr: string, invoiceType: string = ACUMATICA_OUTBOUND_WORDS.invoiceType): Promise<ErpInvoice | undefined> {
    // Key order Type/ReferenceNbr (acumatica.md §1); "Credit Memo" carries a space, hence the encoding.
    const path = `SalesInvoice/${encodeURIComponent(invoiceType)}/${encodeURIComponent(invoiceNbr)}`;
    const record = await this.getOne(`GET SalesInvoice ${invoiceType} ${invoiceNbr}`, path, INVOICE_EXPAND);
    return record === undefined ? undefined : this.withTerms(mapped(toErpInvoice(record)));
  }

  /** One record by key; undefined when Acumatica answers 404 on an endpoint that exists (the client checks). */
  private async getOne(what: string, path: string, expand: string | undefined, select?: string): Promise<Record<string, unknown> | undefined> {
    const query: Record<string, string> = {};
    if (expand) query.$expand = expand;
    if (select) query.$select = select;
    const res = await this.client.call(what, "GET", path, { query });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw failureFromResponse(res, { system: "acumatica", what, nowMs: Date.now(), detail: acumaticaErrorDetail(res) });
    const body = res.json();
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new ConnectorError("internal", `${what}: Acumatica answered something other than a record`, { system: "acumatica" });
    }
    return body as Record<string, unknown>;
  }
}
