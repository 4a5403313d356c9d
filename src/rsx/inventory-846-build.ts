// Builds an outbound RSX 7.7 846 inventory advice (ItemRegistry, sps-commerce.md §3.8; the SPS sample
// IB123546-1-v7.7-OneWarehouse.json is the model): one Structure, a LineItem per item with its
// identifiers and one QuantitiesSchedulesLocations of qualifier 33 (quantity available for sale).
// Elements are written in the schema's order; XML and JSON carry the same elements.
import { ok } from "../lib/result";
import { invalid, type RsxResult } from "./rsx-result";
import type { BuiltRsxDocument } from "./rsx-document";
import { RSX_NAMESPACE } from "./rsx-tree";
import { escapeText, formatDecimal } from "./xml-writer";

export interface InventoryAdviceInput {
  tradingPartnerId: string;
  documentId: string;
  /** YYYY-MM-DD and HH:MM:SS. */
  inventoryDate: string;
  inventoryTime: string;
  vendor?: string | undefined;
  lines: { buyerPartNumber?: string | undefined; vendorPartNumber?: string | undefined; upc?: string | undefined; gtin?: string | undefined; quantity: number }[];
}

type Node = { [name: string]: string | number | Node | Node[] };

function compact(o: Record<string, string | number | undefined>): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

function xmlOf(node: Node, depth: number, lines: string[]): void {
  const indent = "  ".repeat(depth);
  for (const [name, value] of Object.entries(node)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (typeof item === "object") {
        lines.push(`${indent}<${name}>`);
        xmlOf(item, depth + 1, lines);
        lines.push(`${indent}</${name}>`);
      } else {
        lines.push(`${indent}<${name}>${escapeText(typeof item === "number" ? formatDecimal(item) : item)}</${name}>`);
      }
    }
  }
}

export function buildInventoryAdvice(input: InventoryAdviceInput): RsxResult<BuiltRsxDocument> {
  const reasons: string[] = [];
  if (!input.tradingPartnerId.trim() || input.tradingPartnerId.length > 15) reasons.push("TradingPartnerId must be 1 to 15 characters (ItemRegistries.json).");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.inventoryDate)) reasons.push(`InventoryDate ${input.inventoryDate} is not YYYY-MM-DD.`);
  if (!/^\d{2}:\d{2}:\d{2}$/.test(input.inventoryTime)) reasons.push(`InventoryTime ${input.inventoryTime} is not HH:MM:SS.`);
  input.lines.forEach((l, i) => {
    if (!l.buyerPartNumber && !l.vendorPartNumber && !l.upc && !l.gtin) reasons.push(`Line ${i + 1} has no item identifier.`);
    if (!Number.isFinite(l.quantity) || l.quantity < 0) reasons.push(`Line ${i + 1}: quantity ${l.quantity} is not a quantity.`);
  });
  if (input.lines.length === 0) reasons.push("The 846 has no items.");
  if (reasons.length) return invalid(reasons);
  const registry: Node = {
    Header: {
      HeaderReport: compact({
        TradingPartnerId: input.tradingPartnerId,
        DocumentId: input.documentId,
        TsetPurposeCode: "00",
        ReportTypeCode: "MB",
        InventoryDate: input.inventoryDate,
        InventoryTime: input.inventoryTime,
        Vendor: input.vendor,
      }),
    },
    Structure: [
      {
        LineItem: input.lines.map((l, i) => ({
          InventoryLine: compact({
            LineSequenceNumber: String(i + 1),
            BuyerPartNumber: l.buyerPartNumber,
            VendorPartNumber: l.vendorPartNumber,
            ConsumerPackageCode: l.upc,
            GTIN: l.gtin,
          }),
          QuantitiesSchedulesLocations: [{ QuantityQualifier: "33", TotalQty: l.quantity, TotalQtyUOM: "EA" }],
        })),
      },
    ],
    Summary: { TotalLineItemNumber: input.lines.length },
  };
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<ItemRegistries xmlns="${RSX_NAMESPACE}">`, "  <ItemRegistry>"];
  xmlOf(registry, 2, lines);
  lines.push("  </ItemRegistry>", "</ItemRegistries>");
  return ok({ xml: `${lines.join("\n")}\n`, json: `${JSON.stringify(registry, null, 2)}\n` });
}
