// The labels endpoint as a client sees it: tenant-scoped auth, 404 for an unknown shipment, 400 for
// a bad format or layout, four labels per letter page that still decode, and the partner's label
// profile (a required field the shipment lacks refuses the print with the reason; a forbidden one
// is left off the label).
import { describe, expect, it } from "vitest";
import demoWorld from "../../sandbox/fixtures/demo-world.json";
import { api, tenantToken } from "../helpers/api";
import { crossDockPackages, drop, fixtureXml, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";
import { decodeLabelPdf, fetchLabels } from "../helpers/labels-flow";
import { checkZpl } from "../helpers/labels-zpl-checker";
import { createWorld } from "../helpers/world";

const crossDock = demoWorld.partners.find((p) => p.shape === "CrossDock")!;

async function crossDockShipment() {
  const world = await createWorld();
  await drop(world, "out/PO/LBL-API.xml", withPo(fixtureXml.CrossDock, "LBL-API"));
  await pollNow(world);
  await waitForSettled(world, 1, { query: "type=850" });
  const [order] = (await salesOrders(world)).filter((o) => o.CustomerOrder === "LBL-API");
  return { world, shipment: await ship(world, order.OrderNbr, { packages: crossDockPackages(order) }) };
}

async function setLabelProfile(tenantId: string, labels: Record<string, unknown>) {
  const res = await api("PUT", `/v1/tenants/${tenantId}/partners/${crossDock.partnerId}`, {
    body: { customerId: crossDock.customerId, customerLocationId: "MAIN", status: "live", rules: { ...crossDock.rules, labels } },
  });
  expect(res.status, res.text).toBe(200);
}

describe("GET /v1/tenants/:tenant/shipments/:shipment/labels", () => {
  it("is tenant-scoped, says which shipment is unknown and refuses a bad format or layout", async () => {
    const { world, shipment } = await crossDockShipment();
    expect((await fetchLabels(world.tenantId, shipment, "format=zpl", null)).status).toBe(401);
    const other = await fetchLabels(world.tenantId, shipment, "format=zpl", await tenantToken("someone-else"));
    expect(other.status).toBe(403);
    const own = await fetchLabels(world.tenantId, shipment, "format=zpl", await tenantToken(world.tenantId));
    expect(own.status, own.text).toBe(200);
    expect(own.headers.get("x-label-count")).toBe("3");

    const unknown = await fetchLabels(world.tenantId, "NOSUCH01", "format=zpl");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({ code: "not_found" });
    expect(unknown.json.error.message).toContain("NOSUCH01");

    const png = await fetchLabels(world.tenantId, shipment, "format=png");
    expect(png.status).toBe(400);
    expect(png.json.error.code).toBe("invalid_request");
    expect(JSON.stringify(png.json.error.details)).toContain("format");
    const letterZpl = await fetchLabels(world.tenantId, shipment, "format=zpl&layout=letter");
    expect(letterZpl.status).toBe(400);
    expect(letterZpl.json.error.message).toContain("layout=letter");
  });

  it("prints four labels per letter page, each still decoding to its SSCC and postal code", async () => {
    const { world, shipment } = await crossDockShipment();
    const zpl = checkZpl((await fetchLabels(world.tenantId, shipment, "format=zpl")).text);
    expect(zpl.problems).toEqual([]);
    const ssccs = zpl.labels.map((l) => l.barcodes.find((b) => b.elements[0]?.ai === "00")!.elements[0]!.data);
    const zips = zpl.labels.map((l) => l.barcodes.find((b) => b.elements[0]?.ai === "420")!.elements[0]!.data);
    expect(ssccs).toHaveLength(3);
    const letter = await fetchLabels(world.tenantId, shipment, "format=pdf&layout=letter");
    expect(letter.status, letter.text.slice(0, 200)).toBe(200);
    const pages = await decodeLabelPdf(letter.bytes, 300);
    expect(pages).toHaveLength(1);
    const texts = pages[0]!.symbols.map((s) => s.text);
    expect(texts.filter((t) => t.startsWith("(00)")).sort()).toEqual(ssccs.map((s) => `(00)${s}`).sort());
    expect(texts.filter((t) => t.startsWith("(420)"))).toEqual(zips.map((z) => `(420)${z}`));
  });

  it("applies the partner's label profile: a required field missing refuses the print, a forbidden one is left off", async () => {
    const { world, shipment } = await crossDockShipment();
    const before = checkZpl((await fetchLabels(world.tenantId, shipment, "format=zpl")).text);
    expect(before.labels[0]!.texts.some((t) => t.startsWith("DEPT: "))).toBe(true);
    expect(before.labels[0]!.barcodes.some((b) => b.elements[0]?.ai === "420")).toBe(true);

    await setLabelProfile(world.tenantId, { required: ["proNumber"] });
    const refused = await fetchLabels(world.tenantId, shipment, "format=zpl");
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("conflict");
    expect(refused.json.error.message).toContain("PRO number");
    expect(refused.json.error.details).toHaveLength(1);

    await setLabelProfile(world.tenantId, { forbidden: ["department", "postalBarcode"] });
    const after = checkZpl((await fetchLabels(world.tenantId, shipment, "format=zpl")).text);
    expect(after.problems).toEqual([]);
    expect(after.labels.flatMap((l) => l.texts).some((t) => t.startsWith("DEPT: "))).toBe(false);
    expect(after.labels.flatMap((l) => l.barcodes).some((b) => b.elements[0]?.ai === "420")).toBe(false);
    // The SSCCs are the shipment's, whatever the profile.
    const ssccOf = (c: ReturnType<typeof checkZpl>) => c.labels.map((l) => l.barcodes.find((b) => b.elements[0]?.ai === "00")!.elements[0]!.data);
    expect(ssccOf(after)).toEqual(ssccOf(before));

    const both = await api("PUT", `/v1/tenants/${world.tenantId}/partners/${crossDock.partnerId}`, {
      body: { customerId: crossDock.customerId, rules: { labels: { required: ["item"], forbidden: ["item"] } } },
    });
    expect(both.status).toBe(400);
  });
});
