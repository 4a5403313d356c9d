// Acumatica as the source of the outbound documents: shipments (856) and sales invoices (810) changed
// since a watermark, one $top/$skip page at a time, and single records by key (reference/acumatica.md
// §1 paging, §3 $filter with datetimeoffset, §4 Shipment / SalesInvoice, §6c, §6d). Status is not
// filtered in the query: the mapped record says whether it is shipped / released and the flow decides.
import { ConnectorError } from "../../lib/errors";
import { failureFromResponse } from "../../lib/http";
import type { ChangedPage, ErpInvoice, ErpShipment, OutboundSource } from "../adapter";
import { acumaticaErrorDetail, type AcumaticaClient } from "./client";
import { ACUMATICA_OUTBOUND_WORDS, toErpInvoice, toErpShipment } from "./outbound-records";

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
    const rows = await this.client.list("list changed SalesInvoices", "SalesInvoice", {
      $filter: changedSince(since),
      $expand: INVOICE_EXPAND,
      ...pageQuery(page),
    });
    return { records: rows.map((r) => mapped(toErpInvoice(r))), more: rows.length >= page.top };
  }

  async getInvoice(invoiceNbr: string, invoiceType: string = ACUMATICA_OUTBOUND_WORDS.invoiceType): Promise<ErpInvoice | undefined> {
    // Key order Type/ReferenceNbr (acumatica.md §1); "Credit Memo" carries a space, hence the encoding.
    const path = `SalesInvoice/${encodeURIComponent(invoiceType)}/${encodeURIComponent(invoiceNbr)}`;
    const record = await this.getOne(`GET SalesInvoice ${invoiceType} ${invoiceNbr}`, path, INVOICE_EXPAND);
    return record === undefined ? undefined : mapped(toErpInvoice(record));
  }

  /** One record by key; undefined when Acumatica answers 404 on an endpoint that exists (the client checks). */
  private async getOne(what: string, path: string, expand: string): Promise<Record<string, unknown> | undefined> {
    const res = await this.client.call(what, "GET", path, { query: { $expand: expand } });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw failureFromResponse(res, { system: "acumatica", what, nowMs: Date.now(), detail: acumaticaErrorDetail(res) });
    const body = res.json();
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      throw new ConnectorError("internal", `${what}: Acumatica answered something other than a record`, { system: "acumatica" });
    }
    return body as Record<string, unknown>;
  }
}
