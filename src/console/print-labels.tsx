// The console's "Print labels" for an outbound 856: links on the document page, and the download
// behind them, through the console session (operations/shipment-labels.ts, the same labels and
// audit as the API's GET …/shipments/:shipment/labels).
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import type { AppEnv } from "../api/context";
import type { DocumentRow } from "../db/documents";
import type { Tenant } from "../db/tenants";
import { printShipmentLabels } from "../operations/shipment-labels";
import { ConnectorError } from "../lib/errors";

/** The document page's label links (PDF 4 × 6, PDF four per letter page, ZPL), for outbound 856s only. */
export const PrintLabels: FC<{ base: string; doc: { type: string; direction: string; naturalKey: string } }> = ({ base, doc }) =>
  doc.type === "856" && doc.direction === "outbound" ? (
    <p class="print-labels">
      {"Print labels for shipment "}
      <strong>{doc.naturalKey}</strong>
      {": "}
      <a class="button" href={`${base}/labels?format=pdf`} target="_blank" rel="noopener">
        Print labels (PDF, 4 × 6)
      </a>
      {" "}
      <a href={`${base}/labels?format=pdf&layout=letter`} target="_blank" rel="noopener">
        PDF, four per letter page
      </a>
      {" · "}
      <a href={`${base}/labels?format=zpl`}>ZPL for a thermal printer</a>
    </p>
  ) : null;

/** GET /console/t/:tenant/documents/:id/labels: the labels of the 856's shipment, or why not in words. */
export async function serveDocumentLabels(c: Context<AppEnv>, tenant: Tenant, doc: DocumentRow, actor: string): Promise<Response> {
  if (doc.type !== "856" || doc.direction !== "outbound") return c.text(`Document ${doc.id} is not a ship notice; only 856s have carton labels.`, 404);
  const format = c.req.query("format") === "zpl" ? "zpl" : "pdf";
  const layout = c.req.query("layout") === "letter" ? "letter" : "4x6";
  let printed;
  try {
    printed = await printShipmentLabels(c.env, c.get("db"), tenant, doc.naturalKey, { format, layout, actor, now: new Date() });
  } catch (e) {
    if (e instanceof ConnectorError && e.kind !== "internal") return c.text(`The ERP could not be read: ${e.message}`, 503);
    throw e;
  }
  if (!printed.ok) return c.text(printed.error.message, printed.error.kind === "not_found" ? 404 : 409);
  return c.body(printed.value.body as Uint8Array<ArrayBuffer>, 200, {
    "content-type": printed.value.contentType,
    "content-disposition": `${format === "pdf" ? "inline" : "attachment"}; filename="${printed.value.fileName}"`,
  });
}
