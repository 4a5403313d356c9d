// The carton label model and its renderers, pure: one label per carton then per pallet of the
// ShipNoticeInput, in 856 order with n of m; the item of single-item cartons only; mark-for and
// department from the order; the partner profile's forbidden fields left off and required ones
// reported; AI 420 postal codes and the GS1 human-readable SSCC; and the ZPL checker itself refusing
// ZPL that is broken in the ways the labels could break it.
import { describe, expect, it } from "vitest";
import { cartonLabelsOf, postalCodeForAi420 } from "../../src/labels/carton-labels";
import { resolveLabelProfile } from "../../src/labels/label-profile";
import { labelsZpl } from "../../src/labels/label-zpl";
import { pdfMeasure } from "../../src/labels/label-pdf";
import { ssccHumanReadable } from "../../src/labels/gs1-label-text";
import { buildSscc, type ShipNoticeInput } from "../../src/rsx";
import { addressByType, linesByKey } from "../../src/rsx/order-850-queries";
import { checkZpl } from "../helpers/labels-zpl-checker";
import { fixtureOrder } from "./rsx/fixtures";

const sscc = (serial: number) => {
  const built = buildSscc({ extensionDigit: 0, companyPrefix: "0614141", serial });
  if (!built.ok) throw new Error("sscc");
  return built.value;
};

function notice(opts: { tare?: boolean } = {}): ShipNoticeInput {
  const order = fixtureOrder("CrossDock");
  const [first, second] = [...linesByKey(order).keys()];
  const cartons = [
    { sscc: sscc(1), items: [{ line: first!, quantity: 16 }] },
    { sscc: `00${sscc(2)}`, items: [{ line: first!, quantity: 8 }, { line: second!, quantity: 10 }] },
  ];
  return {
    shipmentId: "SH0001",
    shipDate: "2026-03-10",
    shipNoticeDate: "2026-03-10",
    shipFrom: { addressTypeCode: "SF", addressName: "Acme Candle Co.", address1: "1200 Industrial Pkwy", city: "Sparks", state: "NV", postalCode: "89431" },
    carrier: { carrierAlphaCode: "UPSN", carrierRouting: "UPSGROUND" },
    carrierProNumber: "PRO77",
    billOfLadingNumber: "BOL9",
    orders: [
      {
        order,
        markFor: { addressTypeCode: "Z7", addressLocationNumber: "0112", addressName: "Northwind Pearl" },
        ...(opts.tare ? { pallets: [{ sscc: sscc(3), cartons }] } : { cartons }),
      },
    ],
  };
}

describe("carton labels of a ship notice", () => {
  it("makes one label per carton in 856 order, then one per pallet, with the order's details", () => {
    const input = notice({ tare: true });
    const result = cartonLabelsOf({ notice: input, profile: resolveLabelProfile(undefined) });
    if (!result.ok) throw new Error(result.error.reasons.join("; "));
    const labels = result.value;
    expect(labels.map((l) => `${l.level}:${l.sscc}:${l.number}/${l.count}`)).toEqual([`carton:${sscc(1)}:1/2`, `carton:${sscc(2)}:2/2`, `pallet:${sscc(3)}:1/1`]);
    const order = input.orders[0]!.order;
    const st = addressByType(order, "ST")!;
    expect(labels[0]).toMatchObject({ purchaseOrder: order.header.purchaseOrderNumber, department: order.header.department, postalCode: st.postalCode, scac: "UPSN", carrierName: "UPS", proNumber: "PRO77", billOfLading: "BOL9" });
    expect(labels[0]!.markFor).toMatchObject({ location: "0112", name: "Northwind Pearl" });
    expect(labels[0]!.shipTo?.name).toBe(st.addressName);
    // Only the single-item carton names its item.
    const line = [...linesByKey(order).values()][0]!;
    expect(labels[0]!.item).toMatchObject({ quantity: 16 });
    expect(labels[0]!.item!.identifiers.map((i) => i.value)).toContain(line.vendorPartNumber ?? line.consumerPackageCode);
    expect(labels[1]!.item).toBeUndefined();
  });

  it("leaves forbidden fields off and names the required ones a shipment lacks", () => {
    const input = notice();
    const forbidden = cartonLabelsOf({ notice: input, profile: resolveLabelProfile({ forbidden: ["department", "postalBarcode", "cartonCount"] }) });
    if (!forbidden.ok) throw new Error("profile");
    expect(forbidden.value.every((l) => l.department === undefined && l.postalCode === undefined && l.count === 0)).toBe(true);
    const { carrierProNumber: _pro, ...withoutPro } = input;
    const required = cartonLabelsOf({ notice: withoutPro, profile: resolveLabelProfile({ required: ["proNumber", "item"] }) });
    expect(required.ok).toBe(false);
    // The PRO number is missing on both cartons; "item" is only asked of the single-item carton, which has one.
    if (!required.ok) expect(required.error.reasons).toEqual([expect.stringContaining("PRO number; carton(s) 1, 2 of shipment SH0001")]);
  });

  it("refuses a carton whose SSCC has a bad check digit rather than printing it", () => {
    const input = notice();
    input.orders[0]!.cartons![0]!.sscc = `${sscc(1).slice(0, 17)}${(Number(sscc(1)[17]) + 1) % 10}`;
    const result = cartonLabelsOf({ notice: input, profile: resolveLabelProfile(undefined) });
    expect(result.ok).toBe(false);
  });

  it("writes AI 420 postal codes and the SSCC's human-readable text in the GS1 forms", () => {
    expect(postalCodeForAi420("89506-1234", "USA")).toBe("89506");
    expect(postalCodeForAi420("K1A 0B1", "CAN")).toBe("K1A0B1");
    expect(postalCodeForAi420(" ", undefined)).toBeUndefined();
    expect(ssccHumanReadable("006141411234567890", "0614141")).toBe("(00) 0 0614141 123456789 0");
    expect(ssccHumanReadable("012345678901234560", "123456789")).toBe("(00) 0 123456789 0123456 0");
  });

  it("renders ZPL the checker accepts, label for label, with FNC1 and the right data", async () => {
    const result = cartonLabelsOf({ notice: notice({ tare: true }), profile: resolveLabelProfile(undefined) });
    if (!result.ok) throw new Error("labels");
    const zpl = labelsZpl(result.value, { measure: await pdfMeasure(), companyPrefix: "0614141" });
    const checked = checkZpl(zpl);
    expect(checked.problems).toEqual([]);
    expect(checked.labels.map((l) => l.barcodes.map((b) => [b.gs1, ...b.elements.map((e) => `${e.ai}:${e.data}`)]))).toEqual(
      result.value.map((l) => [
        [true, `420:${l.postalCode}`],
        [true, `00:${l.sscc}`],
      ]),
    );
  });
});

describe("the ZPL checker", () => {
  const good = "^XA\n^FO10,10^BY4,3,100^BCN,100,N,N,N^FD>;>800006141411234567890^FS\n^FO10,200^A0N,20,20^FH^FDPO_3A 1^FS\n^XZ";
  it("reads a good label", () => {
    const checked = checkZpl(good);
    expect(checked.problems).toEqual([]);
    expect(checked.labels[0]!.barcodes[0]).toMatchObject({ gs1: true, elements: [{ ai: "00", data: "006141411234567890" }] });
    expect(checked.labels[0]!.texts).toEqual(["PO: 1"]);
  });
  it.each([
    ["an unclosed label", good.replace("^XZ", "")],
    ["a label opened inside another", good.replace("^XZ", "^XA^XZ")],
    ["a field without ^FS", good.replace("890^FS", "890")],
    ["odd digits in subset C", good.replace(">800006141411234567890", ">80000614141123456789")],
    ["a command outside any label", `^FO1,1${good}`],
    ["a short SSCC", good.replace(">800006141411234567890", ">8000061414112345678")],
  ])("reports %s", (_what, zpl) => {
    expect(checkZpl(zpl).problems.length).toBeGreaterThan(0);
  });
  it("tells a GS1-128 symbol from a plain Code 128 one", () => {
    expect(checkZpl(good.replace(">;>8", ">;")).labels[0]!.barcodes[0]!.gs1).toBe(false);
  });
});
