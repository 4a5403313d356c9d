// The codes a document in needs_mapping waits for, read from its reasons (the words the inbound and
// outbound flows write: "Trading partner X is not mapped…", "Line 1 (UPC 0123…) matches no item
// mapping…"), so one alert goes out per missing code, not per document. A reason the reader does not
// know becomes a code of its own document.

export interface MappingCode {
  key: string;
  label: string;
  fix: string;
}

const PARTNER = /^Trading partner (\S+) is not mapped/;
const ITEM = /^Line \S+ \((.+)\) matches no item mapping/;

export function mappingCodesOf(partnerId: string, reasons: string[], documentId: string): MappingCode[] {
  const out = new Map<string, MappingCode>();
  for (const reason of reasons) {
    const p = PARTNER.exec(reason);
    if (p) {
      out.set(`partner:${p[1]}`, { key: `partner:${p[1]}`, label: `Trading partner ${p[1]}`, fix: "Map it with PUT /v1/tenants/…/partners/" + p[1] + "." });
      continue;
    }
    const i = ITEM.exec(reason);
    if (i) {
      const key = `item:${partnerId}:${i[1]}`;
      out.set(key, { key, label: `Item ${i[1]} of ${partnerId}`, fix: "Add it with PUT /v1/tenants/…/items." });
      continue;
    }
    out.set(`document:${documentId}`, { key: `document:${documentId}`, label: `A mapping of document ${documentId}`, fix: reason });
  }
  return [...out.values()];
}
