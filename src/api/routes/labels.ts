// Carton labels of a shipment: GET …/shipments/:shipment/labels?format=zpl|pdf[&layout=4x6|letter].
// The shipment is the ERP shipment (Acumatica) or packing slip (F&O) number; the labels carry the
// SSCCs of the shipment's 856 (operations/shipment-labels.ts), and every print is audited.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ConnectorError } from "../../lib/errors";
import { printShipmentLabels } from "../../operations/shipment-labels";
import { actorOf } from "../auth";
import type { AppEnv } from "../context";
import { ApiError, validationHook } from "../errors";
import { TenantIdParam } from "../schemas";
import { errorResponses, tenantFor } from "./common";

export const labelRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const LabelParams = z.object({
  tenant: TenantIdParam,
  shipment: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "shipment", in: "path" }, description: "ERP shipment (Acumatica ShipmentNbr) or packing slip (F&O PackingSlipId) number", example: "SH000123" }),
});

const LabelQuery = z.object({
  format: z.enum(["zpl", "pdf"]).optional().openapi({ description: "zpl for thermal printers (203 dpi, 4 × 6 in), pdf for office printers (default)" }),
  layout: z.enum(["4x6", "letter"]).optional().openapi({ description: "PDF only: one 4 × 6 in page per label (default) or four labels per US letter page" }),
});

labelRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/tenants/{tenant}/shipments/{shipment}/labels",
    tags: ["Labels"],
    summary: "GS1-128 carton labels of a shipment, with the SSCCs its 856 carries (a reprint gives the same numbers)",
    request: { params: LabelParams, query: LabelQuery },
    responses: {
      200: {
        description: "One label per carton (and per pallet of a tare-level 856)",
        content: { "application/pdf": { schema: z.string().openapi({ format: "binary" }) }, "application/zpl": { schema: z.string() } },
      },
      ...errorResponses,
      409: { description: "The shipment exists but cannot be labelled (reasons in details)", content: errorResponses[400].content },
      503: { description: "The ERP could not be reached", content: errorResponses[400].content },
    },
  }),
  async (c) => {
    const { tenant: tenantId, shipment } = c.req.valid("param");
    const query = c.req.valid("query");
    const tenant = await tenantFor(c, tenantId);
    const format = query.format ?? "pdf";
    if (query.layout === "letter" && format !== "pdf") throw new ApiError("invalid_request", "layout=letter is for PDF labels; ZPL prints one 4 × 6 in label per ^XA … ^XZ");
    let printed;
    try {
      printed = await printShipmentLabels(c.env, c.get("db"), tenant, shipment, { format, layout: query.layout ?? "4x6", actor: actorOf(c.get("principal")), now: new Date() });
    } catch (e) {
      // The ERP's own failures (down, throttled, refused credentials) are said as such, not as a 500.
      if (e instanceof ConnectorError && e.kind !== "internal") throw new ApiError("unavailable", `The ERP could not be read: ${e.message}`);
      throw e;
    }
    if (!printed.ok) {
      if (printed.error.kind === "not_found") throw new ApiError("not_found", printed.error.message);
      throw new ApiError("conflict", printed.error.message, printed.error.reasons);
    }
    const { body, contentType, fileName, labels, documentId } = printed.value;
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": contentType,
      "content-disposition": `${format === "pdf" ? "inline" : "attachment"}; filename="${fileName}"`,
      "x-label-count": String(labels.length),
      ...(documentId ? { "x-document-id": documentId } : {}),
    });
  },
);
