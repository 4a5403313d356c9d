// F&O as the source of the outbound documents: posted packing slips (856), posted invoices (810) and
// order confirmations (855 for partners that acknowledge on confirmation), across legal entities
// (`cross-company=true`, reference/dynamics-365-fo.md §2). Packing slips and invoices are found by
// when they were posted: CreatedOn of CustPackingSlipJourBiEntities and of CustInvoiceJourBiEntities
// (published $metadata; docs/erp-facts.md), so a slip dated a week back but posted today is found
// today. Order confirmations have no posting timestamp: "changed since" is a window on the
// confirmation date reaching lookbackDays (connection setting) before the watermark's day, as are
// the others on a build that does not publish CreatedOn. Records seen again are deduplicated by their
// number (the documents' natural key) in erp-polls.ts. Each page is enriched with
// its lines, tracking numbers and the sales order lines they point at, a few `or`-chained reads per
// page (`in` is not supported, §2).
import { asConnectorError, ConnectorError } from "../../lib/errors";
import type { Result } from "../../lib/result";
import type { ChangedPage, ErpInvoice, ErpOrderConfirmation, ErpShipment, OutboundSource } from "../adapter";
import { DYNAMICS_DEFAULTS } from "./connection";
import { ENTITY_SETS, INVOICE_LINES_NAVIGATION, SELECT } from "./entities";
import { odataString, type DynamicsODataClient, type ODataRow } from "./odata-client";
import { indexOrderLines, toErpInvoice, toErpOrderConfirmation, toErpShipment, type OrderLineIndex } from "./outbound-records";

/** How far before the watermark's day a document-date window reaches, unless the connection says (DYNAMICS_DEFAULTS.lookbackDays). */
export const LOOKBACK_DAYS = DYNAMICS_DEFAULTS.lookbackDays;
/** Values per `or` chain: keeps URLs short (IIS front ends refuse very long query strings). */
const KEYS_PER_READ = 15;
const DAY_MS = 86_400_000;

/** `{field} ge {day}T00:00:00Z`, the window's first day; an unparseable watermark is a caller bug. */
export function dateWindowFilter(field: string, since: string, lookbackDays: number = LOOKBACK_DAYS): string {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new ConnectorError("internal", `changed-since watermark "${since}" is not an ISO timestamp`, { system: "dynamics" });
  const day = Math.floor(ms / DAY_MS) * DAY_MS - lookbackDays * DAY_MS;
  // Normalised ISO with Z: no "+" to escape and no quote can reach the filter.
  return `${field} ge ${new Date(day).toISOString().replace(/\.\d{3}Z$/, "Z")}`;
}

/** `{field} gt {instant}` on an Edm.DateTimeOffset posting stamp; an unparseable watermark is a caller bug. */
export function postedSinceFilter(field: string, since: string): string {
  const ms = Date.parse(since);
  if (Number.isNaN(ms)) throw new ConnectorError("internal", `changed-since watermark "${since}" is not an ISO timestamp`, { system: "dynamics" });
  return `${field} gt ${new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")}`;
}

/** A build that does not publish the field (or cannot filter on it) answers 400: the date window is the fallback. */
function isMissingField(e: unknown): boolean {
  const error = asConnectorError(e);
  return error.status === 400 || error.kind === "rejected";
}

function pageQuery(page: { top: number; skip: number }): { $top: string; $skip: string } {
  if (!Number.isInteger(page.top) || page.top < 1 || !Number.isInteger(page.skip) || page.skip < 0) {
    throw new ConnectorError("internal", `bad page ${JSON.stringify(page)}: top must be ≥ 1 and skip ≥ 0`, { system: "dynamics" });
  }
  return { $top: String(page.top), $skip: String(page.skip) };
}

function mapped<T>(result: Result<T, string>): T {
  if (!result.ok) throw new ConnectorError("internal", result.error, { system: "dynamics" });
  return result.value;
}

const textOf = (row: ODataRow, field: string): string => (typeof row[field] === "string" ? (row[field] as string) : "");
const companyOf = (row: ODataRow): string => textOf(row, "dataAreaId").toLowerCase();
const CROSS_COMPANY = { "cross-company": "true" } as const;

export class DynamicsOutboundSource implements OutboundSource {
  constructor(
    private readonly client: DynamicsODataClient,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private get lookbackDays(): number {
    return this.client.settings.lookbackDays ?? LOOKBACK_DAYS;
  }

  // ---- packing slips (856) ----------------------------------------------------------------------

  async listChangedShipments(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpShipment>> {
    let headers: ODataRow[];
    try {
      headers = await this.packingSlipHeaders("list posted packing slips", { $filter: postedSinceFilter("CreatedOn", since), $orderby: "CreatedOn,dataAreaId,PackingSlipId", ...pageQuery(page) });
    } catch (e) {
      if (!isMissingField(e)) throw e;
      headers = await this.packingSlipHeaders("list posted packing slips (by delivery date)", {
        $filter: dateWindowFilter("DeliveryDate", since, this.lookbackDays),
        $orderby: "DeliveryDate,dataAreaId,PackingSlipId",
        ...pageQuery(page),
      });
    }
    return { records: await this.shipmentsOf(headers), more: headers.length >= page.top };
  }

  async getShipment(shipmentNbr: string, legalEntity?: string): Promise<ErpShipment | undefined> {
    const company = legalEntity?.trim().toLowerCase();
    const filter = `PackingSlipId eq ${odataString(shipmentNbr)}${company ? ` and dataAreaId eq ${odataString(company)}` : ""}`;
    const headers = await this.packingSlipHeaders(`read packing slip ${shipmentNbr}`, { $filter: filter });
    const exact = headers.filter((h) => textOf(h, "PackingSlipId").toLowerCase() === shipmentNbr.toLowerCase());
    if (exact.length === 0) return undefined;
    const companies = [...new Set(exact.map(companyOf))];
    if (companies.length > 1) {
      // Packing slip numbers are per legal entity; the document's key names only the number.
      throw new ConnectorError(
        "config",
        `Packing slip ${shipmentNbr} exists in the legal entities ${companies.join(", ")} of this F&O environment; the connector cannot tell which one to send. Give each legal entity its own packing slip number sequence`,
        { system: "dynamics" },
      );
    }
    return (await this.shipmentsOf(exact))[0];
  }

  private async packingSlipHeaders(what: string, query: Record<string, string>): Promise<ODataRow[]> {
    try {
      return await this.client.list(what, ENTITY_SETS.packingSlipHeaders.name, { ...query, $select: SELECT.packingSlipHeader.join(","), ...CROSS_COMPANY });
    } catch (e) {
      const error = asConnectorError(e);
      if (error.kind !== "not_found") throw error;
      throw new ConnectorError("config", `${error.message}. The connector reads posted packing slips from it (reference: dynamics-365-fo.md §3e)`, { status: 404, system: "dynamics" });
    }
  }

  private async shipmentsOf(headers: ODataRow[]): Promise<ErpShipment[]> {
    if (headers.length === 0) return [];
    const keys = headers.map((h) => [companyOf(h), textOf(h, "PackingSlipId")] as const);
    const [lines, tracking] = await Promise.all([
      this.readByKeys("read packing slip lines", ENTITY_SETS.packingSlipLines.name, "PackingSlipId", keys, SELECT.packingSlipLine),
      this.readByKeys("read tracking numbers", ENTITY_SETS.packingSlipTracking.name, "PackingSlipNumber", keys, SELECT.tracking),
    ]);
    const orderLines = await this.orderLinesOf([...headers.map((h) => [companyOf(h), textOf(h, "SalesId")] as const), ...lines.map((l) => [companyOf(l), textOf(l, "SalesId")] as const)]);
    const nowMs = this.now();
    const belongs = (row: ODataRow, header: ODataRow, field: string) => companyOf(row) === companyOf(header) && textOf(row, field).toLowerCase() === textOf(header, "PackingSlipId").toLowerCase();
    return headers.map((header) =>
      mapped(
        toErpShipment({
          header,
          lines: lines.filter((l) => belongs(l, header, "PackingSlipId")),
          tracking: tracking.filter((t) => belongs(t, header, "PackingSlipNumber")),
          orderLines,
          nowMs,
        }),
      ),
    );
  }

  // ---- invoices (810) ---------------------------------------------------------------------------

  async listChangedInvoices(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpInvoice>> {
    // The journals posted since the watermark (SalesInvoiceHeadersV2 has no timestamp), then their invoices.
    let journals: ODataRow[];
    try {
      journals = await this.client.list("list posted invoice journals", ENTITY_SETS.invoiceJournalBi.name, {
        $filter: postedSinceFilter("CreatedOn", since),
        $orderby: "CreatedOn,dataAreaId,InvoiceId",
        $select: SELECT.invoiceJournalBi.join(","),
        ...pageQuery(page),
        ...CROSS_COMPANY,
      });
    } catch (e) {
      if (!isMissingField(e) && asConnectorError(e).kind !== "not_found") throw e;
      const headers = await this.invoiceHeaders("list posted invoices (by invoice date)", {
        $filter: dateWindowFilter("InvoiceDate", since, this.lookbackDays),
        $orderby: "InvoiceDate,dataAreaId,InvoiceNumber",
        ...pageQuery(page),
      });
      return { records: await this.invoicesOf(headers), more: headers.length >= page.top };
    }
    const keys = journals.map((j) => [companyOf(j), textOf(j, "InvoiceId")] as const);
    const postedOn = new Map(journals.map((j) => [`${companyOf(j)}|${textOf(j, "InvoiceId").toLowerCase()}`, j.CreatedOn]));
    const headers = await this.readByKeys("read posted invoices", ENTITY_SETS.invoiceHeaders.name, "InvoiceNumber", keys, SELECT.invoiceHeader, {
      $expand: `${INVOICE_LINES_NAVIGATION}($select=${SELECT.invoiceLine.join(",")})`,
    });
    return { records: await this.invoicesOf(headers, postedOn), more: journals.length >= page.top };
  }

  /** `invoiceType` is the legal entity (ErpInvoice.invoiceType); without it the number must be unique across legal entities. */
  async getInvoice(invoiceNbr: string, invoiceType?: string): Promise<ErpInvoice | undefined> {
    const company = invoiceType?.trim().toLowerCase();
    const filter = `InvoiceNumber eq ${odataString(invoiceNbr)}${company ? ` and dataAreaId eq ${odataString(company)}` : ""}`;
    const headers = (await this.invoiceHeaders(`read invoice ${invoiceNbr}`, { $filter: filter })).filter((h) => textOf(h, "InvoiceNumber").toLowerCase() === invoiceNbr.toLowerCase());
    if (headers.length === 0) return undefined;
    const companies = [...new Set(headers.map(companyOf))];
    if (companies.length > 1) {
      throw new ConnectorError("config", `Invoice ${invoiceNbr} exists in the legal entities ${companies.join(", ")}; the document does not say which one it is`, { system: "dynamics" });
    }
    return (await this.invoicesOf(headers.slice(0, 1)))[0];
  }

  private invoiceHeaders(what: string, query: Record<string, string>): Promise<ODataRow[]> {
    return this.client.list(what, ENTITY_SETS.invoiceHeaders.name, {
      ...query,
      $select: SELECT.invoiceHeader.join(","),
      $expand: `${INVOICE_LINES_NAVIGATION}($select=${SELECT.invoiceLine.join(",")})`,
      ...CROSS_COMPANY,
    });
  }

  private async invoicesOf(headers: ODataRow[], postedOn?: Map<string, unknown>): Promise<ErpInvoice[]> {
    if (headers.length === 0) return [];
    const keys = headers.map((h) => [companyOf(h), textOf(h, "InvoiceNumber")] as const);
    let biLines: ODataRow[] | undefined;
    try {
      biLines = await this.readByKeys("read invoice lines (BI)", ENTITY_SETS.invoiceLinesBi.name, "InvoiceId", keys, SELECT.invoiceLineBi);
    } catch (e) {
      // Without the BI entity the lines still go out; they are traced to the 850 by item (inferred fallback).
      if (asConnectorError(e).kind !== "not_found") throw e;
    }
    const orderLines = await this.orderLinesOf([
      ...headers.map((h) => [companyOf(h), textOf(h, "SalesOrderNumber")] as const),
      ...(biLines ?? []).map((l) => [companyOf(l), textOf(l, "SalesId")] as const),
    ]);
    const nowMs = this.now();
    return headers.map((header) => {
      const lines = Array.isArray(header[INVOICE_LINES_NAVIGATION]) ? (header[INVOICE_LINES_NAVIGATION] as ODataRow[]) : [];
      const own = biLines?.filter((l) => companyOf(l) === companyOf(header) && textOf(l, "InvoiceId").toLowerCase() === textOf(header, "InvoiceNumber").toLowerCase());
      const posted = postedOn?.get(`${companyOf(header)}|${textOf(header, "InvoiceNumber").toLowerCase()}`);
      return mapped(toErpInvoice({ header, lines, biLines: own, orderLines, nowMs, postedOn: posted }));
    });
  }

  // ---- confirmations (855 on confirmation) -------------------------------------------------------

  async listChangedConfirmations(since: string, page: { top: number; skip: number }): Promise<ChangedPage<ErpOrderConfirmation>> {
    const rows = await this.client.list("list order confirmations", ENTITY_SETS.confirmationHeaders.name, {
      $filter: dateWindowFilter("ConfirmationDate", since, this.lookbackDays),
      $orderby: "ConfirmationDate,dataAreaId,ConfirmationNumber",
      $select: SELECT.confirmationHeader.join(","),
      ...pageQuery(page),
      ...CROSS_COMPANY,
    });
    const nowMs = this.now();
    return { records: rows.map((r) => mapped(toErpOrderConfirmation(r, nowMs))), more: rows.length >= page.top };
  }

  // ---- shared ------------------------------------------------------------------------------------

  /** The sales order lines of these orders, indexed by legal entity and InventoryLotId. */
  private async orderLinesOf(orders: (readonly [string, string])[]): Promise<OrderLineIndex> {
    const rows = await this.readByKeys("read sales order lines", ENTITY_SETS.salesOrderLines.name, "SalesOrderNumber", orders, SELECT.orderLine);
    return indexOrderLines(rows);
  }

  /** Rows whose `field` is one of the values, per legal entity, in `or` chains of KEYS_PER_READ. */
  private async readByKeys(what: string, entitySet: string, field: string, keys: readonly (readonly [string, string])[], select: readonly string[], extra: Record<string, string> = {}): Promise<ODataRow[]> {
    const byCompany = new Map<string, Set<string>>();
    for (const [company, value] of keys) {
      if (!company || !value) continue;
      const set = byCompany.get(company) ?? new Set<string>();
      set.add(value);
      byCompany.set(company, set);
    }
    const reads: Promise<ODataRow[]>[] = [];
    for (const [company, values] of byCompany) {
      const list = [...values];
      for (let i = 0; i < list.length; i += KEYS_PER_READ) {
        const chain = list
          .slice(i, i + KEYS_PER_READ)
          .map((v) => `${field} eq ${odataString(v)}`)
          .join(" or ");
        reads.push(this.client.list(what, entitySet, { $filter: `dataAreaId eq ${odataString(company)} and (${chain})`, $select: select.join(","), ...extra, ...CROSS_COMPANY }));
      }
    }
    return (await Promise.all(reads)).flat();
  }
}
