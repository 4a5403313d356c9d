// Label test helpers on the workerd side: fetch a shipment's labels from the API as bytes, decode a
// label PDF through the LABEL_RASTER binding (pdftoppm + zxing-wasm in Node, labels-raster-service.ts),
// and read the SSCCs an 856 file in the SPS mailbox announces.
import { env, SELF } from "cloudflare:test";
import { operatorToken } from "./api";
import type { DecodedPage } from "./labels-raster-service";

export interface LabelReply {
  status: number;
  bytes: Uint8Array;
  text: string;
  headers: Headers;
  json: any;
}

export async function fetchLabels(tenantId: string, shipment: string, query = "format=pdf", token?: string | null): Promise<LabelReply> {
  const bearer = token === undefined ? await operatorToken() : token;
  const res = await SELF.fetch(`https://connector.test/v1/tenants/${tenantId}/shipments/${encodeURIComponent(shipment)}/labels${query ? `?${query}` : ""}`, {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, bytes, text, headers: res.headers, json };
}

/** Every Code 128 symbol on every page of the PDF, as ZXing reads it from a 200 dpi raster (GS1 AIs in parentheses). */
export async function decodeLabelPdf(pdf: Uint8Array, dpi = 200): Promise<DecodedPage[]> {
  const raster = (env as unknown as { LABEL_RASTER: Fetcher }).LABEL_RASTER;
  const res = await raster.fetch(`http://label-raster/decode?dpi=${dpi}`, { method: "POST", body: pdf });
  if (!res.ok) throw new Error(await res.text());
  return (await res.json()) as DecodedPage[];
}

/** The SSCC-18s of an 856 (every Pack/ShippingSerialID, cartons and pallets), in document order, without the "00". */
export function ssccsOf856(content: string): string[] {
  const xml = [...content.matchAll(/<ShippingSerialID>(\d{20})<\/ShippingSerialID>/g)].map((m) => m[1]!.slice(2));
  if (xml.length > 0) return xml;
  return [...content.matchAll(/"ShippingSerialID"\s*:\s*"(\d{20})"/g)].map((m) => m[1]!.slice(2));
}

/** The 856 file of a shipment in the SPS mailbox's in/ folder. */
export function noticeFor(files: Array<{ path: string; content: string }>, shipment: string): { path: string; content: string } | undefined {
  return files.find((f) => /(^|\/)in\/SH/.test(f.path) && f.content.includes(`<ShipmentIdentification>${shipment}</ShipmentIdentification>`));
}
