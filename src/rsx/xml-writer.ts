// Writes arranged RSX elements as XML: UTF-8 declaration, the plural wrapper in the RSX default namespace
// (sps-commerce.md §3.1), two-space indentation, escaped text. Characters XML 1.0 cannot carry at all
// (most C0 controls) are dropped, since ERP text occasionally holds them and they would make the file unreadable.
import type { ArrangedElement } from "./rsx-arrange";
import { RSX_NAMESPACE } from "./rsx-tree";

export function writeRsxXml(wrapper: string, documentName: string, documents: readonly ArrangedElement[][]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', `<${wrapper} xmlns="${RSX_NAMESPACE}">`];
  for (const document of documents) {
    lines.push(`  <${documentName}>`);
    writeChildren(document, 2, lines);
    lines.push(`  </${documentName}>`);
  }
  lines.push(`</${wrapper}>`);
  return lines.join("\n") + "\n";
}

function writeChildren(elements: readonly ArrangedElement[], depth: number, lines: string[]): void {
  const indent = "  ".repeat(depth);
  for (const element of elements) {
    if (element.kind === "group") {
      for (const item of element.items) {
        lines.push(`${indent}<${element.name}>`);
        writeChildren(item, depth + 1, lines);
        lines.push(`${indent}</${element.name}>`);
      }
    } else {
      lines.push(`${indent}<${element.name}>${escapeText(leafText(element.value))}</${element.name}>`);
    }
  }
}

function leafText(value: string | number | boolean): string {
  if (typeof value === "number") return formatDecimal(value);
  return String(value);
}

/** A decimal without exponent notation (xs:decimal has none): 150 → "150", 1e-7 → "0.0000001". */
export function formatDecimal(value: number): string {
  const plain = String(value);
  if (!/e/i.test(plain)) return plain;
  if (Math.abs(value) >= 1e21) throw new Error(`number ${value} is too large for an RSX decimal`);
  return value.toFixed(20).replace(/\.?0+$/, "");
}

// Tab, LF and CR are allowed; other C0 controls, U+FFFE/U+FFFF and lone surrogates are not (XML 1.0 §2.2).
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(text: string): string {
  return text.replace(NOT_XML_CHAR, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
