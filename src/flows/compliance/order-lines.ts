// Rules line-on-po and quantity-within-order: every item line of a document names a line of its 850,
// and no more is shipped or invoiced than the 850 (or the store's share of it) ordered, unless the
// partner allows over-shipment (PartnerRules.allowOverShip).
import { namedLines, orderedFor, poLine, type NamedLine } from "./document-views";
import type { ComplianceRule } from "./types";

export const lineOnPo: ComplianceRule = {
  id: "line-on-po",
  description: "Every item line of the document names a line of the 850 it answers (by LineSequenceNumber, or position when the PO has none).",
  appliesTo: ["856", "810", "855"],
  enabledByDefault: true,
  check(subject) {
    const out: string[] = [];
    const missingPo = new Set<string>();
    for (const named of namedLines(subject)) {
      if (named.order === undefined) {
        if (!missingPo.has(named.poNumber)) out.push(`${subject.documentType} names PO ${named.poNumber}, which is not one of the 850s this document answers.`);
        missingPo.add(named.poNumber);
        continue;
      }
      if (poLine(named.order, named.line) === undefined) {
        out.push(`${subject.documentType} ${named.where}: line ${named.line} is not on PO ${named.poNumber}; every line must point at an 850 line.`);
      }
    }
    return out;
  },
};

export const quantityWithinOrder: ComplianceRule = {
  id: "quantity-within-order",
  description:
    "Shipped (856) and invoiced (810) quantities per 850 line are not above what was ordered (for a store, its share), unless the partner allows over-shipment.",
  appliesTo: ["856", "810"],
  enabledByDefault: true,
  check(subject, rules) {
    if (rules.allowOverShip === true || subject.documentType === "855") return [];
    // Per PO, store and line: the document's total against the order.
    const totals = new Map<string, { named: NamedLine; quantity: number }>();
    for (const named of namedLines(subject)) {
      const line = poLine(named.order, named.line);
      if (line === undefined || named.quantity === undefined) continue;
      // A quantity in another unit than the 850's cannot be compared.
      if (named.uom !== undefined && line.orderQtyUOM !== undefined && named.uom !== line.orderQtyUOM) continue;
      const key = `${named.poNumber}|${named.location ?? ""}|${named.line}`;
      const entry = totals.get(key) ?? { named, quantity: 0 };
      entry.quantity += named.quantity;
      totals.set(key, entry);
    }
    const verb = subject.documentType === "856" ? "shipped" : "invoiced";
    const out: string[] = [];
    for (const { named, quantity } of totals.values()) {
      const line = poLine(named.order, named.line)!;
      const ordered = orderedFor(line, named.location);
      if (ordered === undefined || quantity <= ordered + 1e-9) continue;
      const store = named.location !== undefined && ordered !== line.orderQty ? ` for store ${named.location}` : "";
      const uom = line.orderQtyUOM ? ` ${line.orderQtyUOM}` : "";
      out.push(
        `${subject.documentType} PO ${named.poNumber} line ${named.line}${store}: ${verb} ${Math.round(quantity * 1e6) / 1e6}${uom}, ordered ${ordered}${uom}; the partner does not accept more than ordered (set allowOverShip in its rules to allow it).`,
      );
    }
    return out;
  },
};
