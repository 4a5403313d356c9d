// Outbound documents checked before they leave, and the records behind them changing: partial
// shipments, a bad SSCC fixed in the ERP, an invoice that does not add up, a shipment edited after
// its 856 was sent (held; a forced replay re-sends it), an upload that fails twice then succeeds,
// and the watermark overlap that still finds a record committed with an older timestamp.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createWorld, type World } from "../helpers/world";
import { control } from "../sandbox/sandbox-control";
import { documentDetail, documents, drop, fixtureXml, invoice, mailbox, pollNow, salesOrders, setFaults, ship, waitForSettled, withPo } from "../helpers/flow";

async function oneOrder(world: World, po: string, shape: keyof typeof fixtureXml = "BulkImport") {
  await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml[shape], po));
  await pollNow(world);
  await waitForSettled(world, 1, { query: "type=850" });
  const [order] = (await salesOrders(world)).filter((o) => o.CustomerOrder === po);
  return order;
}

const outbound = (world: World, n: number, extra = "") => waitForSettled(world, n, { query: `direction=outbound${extra}`, poll: true, timeout: 30_000 });

describe("outbound checks and changes", () => {
  it("sends one 856 per partial shipment of the same order", async () => {
    const world = await createWorld();
    const order = await oneOrder(world, "PARTIAL-1");
    const first = order.Details[0];
    await ship(world, order.OrderNbr, { lines: [{ lineNbr: first.LineNbr, qty: Math.floor(first.OrderQty / 2) }] });
    await ship(world, order.OrderNbr);
    await pollNow(world);
    const docs = await outbound(world, 2);
    expect(docs.map((d) => `${d.type}:${d.status}`)).toEqual(["856:delivered", "856:delivered"]);
    expect((await mailbox(world, "in/SH")).length).toBe(2);
  });

  it("refuses a carton id with a bad SSCC check digit, then sends once the ERP is fixed", async () => {
    const world = await createWorld();
    const order = await oneOrder(world, "SSCC-1");
    const nbr = await ship(world, order.OrderNbr, { packages: [{ customRefNbr1: "008123450000000019", contents: order.Details.map((d: any) => ({ lineNbr: d.LineNbr, qty: d.OrderQty })) }] });
    await pollNow(world);
    const [bad] = await outbound(world, 1);
    expect(bad.status).toBe("invalid");
    expect(bad.statusDetail.join(" ")).toMatch(/SSCC.*check digit/i);
    expect(await mailbox(world, "in/")).toHaveLength(0);
    // Fixed in Acumatica: the next poll sees the change and sends it.
    await control("PATCH", `/acumatica/${encodeURIComponent(world.acumatica.host)}/shipments/${nbr}`, { packages: [{ lineNbr: 1, fields: { CustomRefNbr1: "008123450000000016" } }] });
    await pollNow(world);
    await waitForSettled(world, 1, { query: "direction=outbound&status=delivered", poll: true, timeout: 30_000 });
    const [file] = await mailbox(world, "in/SH");
    expect(file.content).toContain("<ShippingSerialID>00008123450000000016</ShippingSerialID>");
    const detail = await documentDetail(world, bad.id);
    expect(detail.audit.map((e: any) => e.stage)).toContain("source_changed");
  });

  it("refuses an invoice whose amounts do not reconcile, naming the numbers", async () => {
    const world = await createWorld();
    const order = await oneOrder(world, "TOTALS-1");
    const nbr = await ship(world, order.OrderNbr);
    const inv = await invoice(world, nbr);
    await control("PATCH", `/acumatica/${encodeURIComponent(world.acumatica.host)}/invoices/Invoice/${inv}`, { fields: { Amount: 1.23 } });
    await pollNow(world);
    const docs = await outbound(world, 2);
    const bad = docs.find((d) => d.type === "810");
    expect(bad.status).toBe("invalid");
    expect(bad.statusDetail.join(" ")).toMatch(/1\.23/);
    expect(docs.find((d) => d.type === "856").status).toBe("delivered");
  });

  it("holds a shipment edited after its 856 was sent, and re-sends it on a forced replay", async () => {
    const world = await createWorld();
    const order = await oneOrder(world, "EDIT-1");
    const nbr = await ship(world, order.OrderNbr);
    await pollNow(world);
    const [sent] = await outbound(world, 1);
    expect(sent.status).toBe("delivered");
    await control("PATCH", `/acumatica/${encodeURIComponent(world.acumatica.host)}/shipments/${nbr}`, { packages: [{ lineNbr: 1, fields: { TrackingNbr: "1Z999AA10123456784" } }] });
    await pollNow(world);
    await waitForSettled(world, 1, { query: "direction=outbound&status=held", poll: true });
    const [held] = await documents(world, "direction=outbound");
    expect(held.statusDetail[0]).toMatch(/changed in the ERP after its document was sent/);
    expect((await api("POST", `/v1/tenants/${world.tenantId}/documents/${held.id}/replay`)).status).toBe(202);
    await waitForSettled(world, 1, { query: "direction=outbound&status=delivered" });
    const [file] = await mailbox(world, "in/SH");
    expect(file.content).toContain("1Z999AA10123456784");
    expect(await mailbox(world, "in/SH")).toHaveLength(1);
  });

  it("retries an upload that fails twice and sends the file once", async () => {
    const world = await createWorld();
    const order = await oneOrder(world, "UPLOAD-1");
    await ship(world, order.OrderNbr);
    await setFaults(world, "sps", [{ route: "sps.upload", kind: "500", times: 2 }]);
    await pollNow(world);
    const [doc] = await outbound(world, 1);
    expect(doc.status).toBe("delivered");
    expect(await mailbox(world, "in/")).toHaveLength(1);
    const detail = await documentDetail(world, doc.id);
    expect(detail.audit.filter((e: any) => e.outcome === "retry" || e.detail?.countsAsAttempt === false).length).toBeGreaterThanOrEqual(2);
  });

  it("finds a record committed with an older timestamp inside the overlap window", async () => {
    const world = await createWorld();
    const a = await oneOrder(world, "LATE-A");
    await ship(world, a.OrderNbr);
    await pollNow(world);
    await outbound(world, 1);
    // A second shipment whose timestamp predates the first one's (a long-running transaction).
    await drop(world, "out/PO/LATE-B.xml", withPo(fixtureXml.BulkImport, "LATE-B"));
    await pollNow(world);
    await waitForSettled(world, 2, { query: "type=850" });
    const b = (await salesOrders(world)).find((o) => o.CustomerOrder === "LATE-B");
    const nbrB = await ship(world, b.OrderNbr);
    const first = (await mailbox(world, "in/SH"))[0];
    expect(first).toBeDefined();
    await control("PATCH", `/acumatica/${encodeURIComponent(world.acumatica.host)}/shipments/${nbrB}`, { lastModified: new Date(Date.now() - 5 * 60_000).toISOString() });
    await pollNow(world);
    const docs = await outbound(world, 2);
    expect(docs).toHaveLength(2);
    expect(docs.map((d) => d.naturalKey)).toContain(nbrB);
    expect(docs.every((d) => d.status === "delivered")).toBe(true);
  });
});
