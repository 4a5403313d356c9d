// Generated RSX 7.7 852 product activity reports (no SPS 852 sample exists: the shape follows
// ProductActivities.json, sps-commerce.md §3.7), in JSON or XML, of any size: items × stores with a
// quantity per activity code given by a formula, so a test can compute the expected totals itself.

export interface ProductActivityOptions {
  partnerId: string;
  items: number;
  stores: number;
  start: string;
  end?: string;
  /** Activity codes reported for every item and store (default QS and QA). */
  codes?: string[];
  format?: "json" | "xml";
  /** The item's identifiers: vendor part by default (ITEM-00001…); `known` overrides some by index. */
  known?: Record<number, { vendorPartNumber?: string; buyerPartNumber?: string; upc?: string }>;
  qty?: (item: number, store: number, code: string) => number;
}

export const storeCode = (s: number): string => `ST${String(s + 1).padStart(4, "0")}`;
export const itemPart = (i: number): string => `ITEM-${String(i + 1).padStart(5, "0")}`;
/** The default quantity: small, varied, deterministic. */
export const defaultQty = (i: number, s: number, code: string): number => ((i * 7 + s * 3 + code.charCodeAt(1)) % 13) + (code === "QA" ? 10 : 0);

function identifiers(o: ProductActivityOptions, i: number): Record<string, string> {
  const k = o.known?.[i];
  if (!k) return { VendorPartNumber: itemPart(i) };
  const out: Record<string, string> = {};
  if (k.buyerPartNumber) out.BuyerPartNumber = k.buyerPartNumber;
  if (k.vendorPartNumber) out.VendorPartNumber = k.vendorPartNumber;
  if (k.upc) out.ConsumerPackageCode = k.upc;
  return out;
}

export function productActivity852(o: ProductActivityOptions): string {
  const codes = o.codes ?? ["QS", "QA"];
  const qty = o.qty ?? defaultQty;
  const end = o.end ?? o.start;
  if ((o.format ?? "json") === "json") {
    // Built as text piece by piece: a 5,000 × 50 report is ~10 MB, and one JSON.stringify of the whole
    // object tree would hold it twice.
    const parts: string[] = [];
    parts.push(`{"Header":{"ReportHeader":{"TradingPartnerId":${JSON.stringify(o.partnerId)},"ReportStartDate":"${o.start}","ReportEndDate":"${end}","ActivityHandlingCode":"H"}},"LineItem":[`);
    for (let i = 0; i < o.items; i++) {
      const acts = codes.map((code) => {
        const locs: string[] = [];
        for (let s = 0; s < o.stores; s++) locs.push(`{"Location":"${storeCode(s)}","LocationQty":${qty(i, s, code)}}`);
        return `{"ActivityCode":"${code}","TotalQtyUOM":"EA","LocationCodeQualifier":"92","LocationQuantityPrice":[${locs.join(",")}]}`;
      });
      parts.push(`${i ? "," : ""}{"ReportLineItem":${JSON.stringify({ LineSequenceNumber: String(i + 1), ...identifiers(o, i) })},"ProductActivityReporting":[${acts.join(",")}]}`);
    }
    parts.push(`],"Summary":{"TotalLineItemNumber":${o.items}}}`);
    return parts.join("");
  }
  const parts: string[] = [`<?xml version="1.0" encoding="utf-8"?>\n<ProductActivities xmlns="http://www.spscommerce.com/RSX"><ProductActivity><Header><ReportHeader><TradingPartnerId>${o.partnerId}</TradingPartnerId><ReportStartDate>${o.start}</ReportStartDate><ReportEndDate>${end}</ReportEndDate><ActivityHandlingCode>H</ActivityHandlingCode></ReportHeader></Header>`];
  for (let i = 0; i < o.items; i++) {
    const ids = Object.entries(identifiers(o, i))
      .map(([k, v]) => `<${k}>${v}</${k}>`)
      .join("");
    parts.push(`<LineItem><ReportLineItem><LineSequenceNumber>${i + 1}</LineSequenceNumber>${ids}</ReportLineItem>`);
    for (const code of codes) {
      parts.push(`<ProductActivityReporting><ActivityCode>${code}</ActivityCode><TotalQtyUOM>EA</TotalQtyUOM><LocationCodeQualifier>92</LocationCodeQualifier>`);
      for (let s = 0; s < o.stores; s++) parts.push(`<LocationQuantityPrice><Location>${storeCode(s)}</Location><LocationQty>${qty(i, s, code)}</LocationQty></LocationQuantityPrice>`);
      parts.push(`</ProductActivityReporting>`);
    }
    parts.push(`</LineItem>`);
  }
  parts.push(`<Summary><TotalLineItemNumber>${o.items}</TotalLineItemNumber></Summary></ProductActivity></ProductActivities>`);
  return parts.join("");
}
