// Per-partner and per-tenant outbound options: the 855 acknowledgment switch, test mailboxes for
// partners in testing, and RSX JSON instead of XML.
import { describe, expect, it } from "vitest";
import demoWorld from "../../sandbox/fixtures/demo-world.json";
import { readRsxDocuments } from "../../src/rsx";
import { api } from "../helpers/api";
import { createWorld } from "../helpers/world";
import { documents, drop, fixtureXml, mailbox, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";

describe("outbound options", () => {
  it("acknowledges an 850 with an 855 once its order exists, when the partner asks for it", async () => {
    const world = await createWorld();
    const crest = demoWorld.partners.find((p) => p.partnerId === "CRSALLCRESTMKT")!;
    await api("PUT", `/v1/tenants/${world.tenantId}/partners/${crest.partnerId}`, { body: { customerId: crest.customerId, status: "live", rules: { ...crest.rules, send855: true } } });
    await drop(world, "out/PO/ack.xml", withPo(fixtureXml.BulkImport, "ACK-1"));
    await pollNow(world);
    const docs = await waitForSettled(world, 2, { timeout: 20_000 });
    const ack = docs.find((d) => d.type === "855");
    expect(ack).toMatchObject({ direction: "outbound", status: "delivered", naturalKey: "ACK-1" });
    const [file] = await mailbox(world, "in/PR");
    const read = readRsxDocuments(new TextEncoder().encode(file.content));
    expect(read.ok && read.value.rootName).toBe("OrderAcks");
    expect(file.content).toContain("<AcknowledgementType>AD</AcknowledgementType>");
  });

  it("sends a testing partner's documents to the test mailbox", async () => {
    const world = await createWorld({ spsConnection: { testOutboundPath: "testin/" } });
    const crest = demoWorld.partners.find((p) => p.partnerId === "CRSALLCRESTMKT")!;
    await api("PUT", `/v1/tenants/${world.tenantId}/partners/${crest.partnerId}`, { body: { customerId: crest.customerId, status: "testing", rules: crest.rules } });
    await drop(world, "out/PO/t.xml", withPo(fixtureXml.BulkImport, "TEST-1"));
    await pollNow(world);
    await waitForSettled(world, 1);
    const [order] = await salesOrders(world);
    await ship(world, order.OrderNbr);
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "direction=outbound", poll: true });
    expect(doc.spsPath).toMatch(/^testin\/SH/);
    expect(await mailbox(world, "in/")).toHaveLength(0);
    expect(await mailbox(world, "testin/")).toHaveLength(1);
  });

  it("writes RSX JSON for a tenant that chose it", async () => {
    const world = await createWorld({ tenant: { documentFormat: "json" } });
    await drop(world, "out/PO/j.xml", withPo(fixtureXml.DropShip, "JSONOUT-1"));
    await pollNow(world);
    await waitForSettled(world, 1);
    const [order] = await salesOrders(world);
    await ship(world, order.OrderNbr);
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { query: "direction=outbound", poll: true });
    expect(doc.spsPath).toMatch(/\.json$/);
    const [file] = await mailbox(world, "in/");
    const parsed = JSON.parse(file.content);
    expect(parsed.Header.ShipmentHeader.ShipmentIdentification).toBe(doc.naturalKey);
    expect(await documents(world, "direction=outbound")).toHaveLength(1);
  });
});
