// One entry point for a mailbox file: reads it once, detects its type from content and returns the matching
// typed model, so the poller can route 850s to order creation and 846/852 to storage without knowing RSX.
import { ok } from "../lib/result";
import { readRsxDocuments } from "./document-reader";
import type { ReadLimits, RsxFormat } from "./input-text";
import { INVENTORY_KIND, itemRegistry846Schema, type ItemRegistry846 } from "./inventory-846";
import { ORDER_KIND, order850Schema, type Order850 } from "./order-850";
import { PRODUCT_ACTIVITY_KIND, productActivity852Schema, type ProductActivity852 } from "./product-activity-852";
import { invalid, type RsxResult } from "./rsx-result";
import { validateTypedDocuments } from "./typed-documents";

export type InboundDocument =
  | { type: "850"; format: RsxFormat; orders: Order850[] }
  | { type: "846"; format: RsxFormat; registries: ItemRegistry846[] }
  | { type: "852"; format: RsxFormat; reports: ProductActivity852[] };

export function parseInboundDocument(bytes: Uint8Array, limits?: ReadLimits): RsxResult<InboundDocument> {
  const read = readRsxDocuments(bytes, limits);
  if (!read.ok) return read;
  const { format } = read.value;
  switch (read.value.documentType) {
    case "850": {
      const r = validateTypedDocuments(read.value, ORDER_KIND, order850Schema);
      return r.ok ? ok({ type: "850", format, orders: r.value.documents }) : r;
    }
    case "846": {
      const r = validateTypedDocuments(read.value, INVENTORY_KIND, itemRegistry846Schema);
      return r.ok ? ok({ type: "846", format, registries: r.value.documents }) : r;
    }
    case "852": {
      const r = validateTypedDocuments(read.value, PRODUCT_ACTIVITY_KIND, productActivity852Schema);
      return r.ok ? ok({ type: "852", format, reports: r.value.documents }) : r;
    }
    case "unknown": {
      const root = read.value.rootName;
      return invalid(
        `The file is not an RSX 850, 846 or 852 document${root === "" ? "" : ` (it holds <${root}>)`}; nothing here reads it.`,
      );
    }
  }
}
