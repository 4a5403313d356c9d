// What every carton label test checks of one shipment: the ZPL parses as ZPL and carries, label for
// label, the 856's SSCCs in GS1-128 with FNC1 and the ship-to postal code in AI 420; the PDF,
// rasterised and decoded, carries the same; and a reprint gives the same numbers.
import { expect } from "vitest";
import { checkZpl } from "./labels-zpl-checker";
import { decodeLabelPdf, fetchLabels } from "./labels-flow";

/**
 * The ship-to postal code of an 856 (its header ST address) as AI 420 carries it (US: 5 digits);
 * undefined when the ship-to has none (a multi-store order naming its stores by number only).
 */
export function shipToPostal(notice: string): string | undefined {
  const st = /<Address>\s*<AddressTypeCode>ST<\/AddressTypeCode>([\s\S]*?)<\/Address>/.exec(notice)?.[1];
  if (st === undefined) throw new Error("the 856 has no ship-to address");
  const zip = /<PostalCode>([^<]+)<\/PostalCode>/.exec(st)?.[1];
  if (!zip) return undefined;
  return /^\d{5}/.test(zip) ? zip.slice(0, 5) : zip.replace(/[^A-Z0-9]/gi, "");
}

/** Checks the labels of a shipment against its 856's SSCCs; returns the SSCCs the labels carry, label order. */
export async function expectLabelsMatch(tenantId: string, shipment: string, ssccs856: string[], postal: string | undefined): Promise<string[]> {
  expect(ssccs856.length).toBeGreaterThan(0);
  const zpl = await fetchLabels(tenantId, shipment, "format=zpl");
  expect(zpl.status, zpl.text.slice(0, 300)).toBe(200);
  expect(zpl.headers.get("content-type")).toMatch(/^application\/zpl/);
  const checked = checkZpl(zpl.text);
  expect(checked.problems).toEqual([]);
  expect(checked.labels).toHaveLength(ssccs856.length);
  const zplSsccs = checked.labels.map((label, i) => {
    const sscc = label.barcodes.filter((b) => b.gs1 && b.elements[0]?.ai === "00");
    const zip = label.barcodes.filter((b) => b.gs1 && b.elements[0]?.ai === "420");
    expect(sscc, `label ${i + 1}: one (00) barcode`).toHaveLength(1);
    expect(zip.map((b) => b.elements), `label ${i + 1}: the (420) barcode`).toEqual(postal === undefined ? [] : [[{ ai: "420", data: postal }]]);
    const number = sscc[0]!.elements[0]!.data;
    // The human-readable text beneath, in the GS1 form: "(00) " and the 18 digits in groups.
    const hri = label.texts.filter((t) => t.startsWith("(00) "));
    expect(hri.map((t) => t.replace(/\s/g, ""))).toEqual([`(00)${number}`]);
    return number;
  });
  expect([...zplSsccs].sort()).toEqual([...ssccs856].sort());
  // Carton n of m, over the shipment's cartons.
  const cartons = checked.labels.filter((l) => l.texts.includes("CARTON:"));
  expect(cartons.length).toBeGreaterThan(0);
  cartons.forEach((label, j) => expect(label.texts).toContain(`${j + 1} of ${cartons.length}`));

  const pdf = await fetchLabels(tenantId, shipment, "format=pdf");
  expect(pdf.status, pdf.text.slice(0, 300)).toBe(200);
  expect(pdf.headers.get("content-type")).toBe("application/pdf");
  const pages = await decodeLabelPdf(pdf.bytes);
  expect(pages).toHaveLength(ssccs856.length);
  const pdfSsccs = pages.map((page) => {
    expect(page.symbols.every((s) => s.symbologyIdentifier === "]C1" && s.contentType === "GS1"), JSON.stringify(page.symbols)).toBe(true);
    const texts = page.symbols.map((s) => s.text);
    expect(texts.filter((t) => t.startsWith("(420)"))).toEqual(postal === undefined ? [] : [`(420)${postal}`]);
    const sscc = texts.filter((t) => t.startsWith("(00)"));
    expect(sscc).toHaveLength(1);
    return sscc[0]!.slice(4);
  });
  expect(pdfSsccs).toEqual(zplSsccs);

  // A reprint: the same numbers, in the same order.
  const again = checkZpl((await fetchLabels(tenantId, shipment, "format=zpl")).text);
  expect(again.labels.map((l) => l.barcodes.find((b) => b.elements[0]?.ai === "00")!.elements[0]!.data)).toEqual(zplSsccs);
  return zplSsccs;
}
