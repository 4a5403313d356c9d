// Missing mappings: an unknown partner or item leaves the document in needs_mapping with every
// missing line listed; adding the mapping through the API re-queues it automatically.
import { describe, expect, it } from "vitest";
import demoWorld from "../../sandbox/fixtures/demo-world.json";
import { api } from "../helpers/api";
import { createWorld, demoItemRows } from "../helpers/world";
import { documentDetail, drop, fixtureXml, pollNow, salesOrders, waitForSettled, withPo } from "../helpers/flow";

describe("inbound mapping", () => {
  it("waits for an unknown partner and proceeds once it is mapped", async () => {
    const world = await createWorld({ partners: false });
    await drop(world, "out/PO/p.xml", withPo(fixtureXml.BulkImport, "NOPARTNER-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("needs_mapping");
    expect(doc.statusDetail[0]).toMatch(/Trading partner CRSALLCRESTMKT is not mapped/);
    const partner = demoWorld.partners.find((p) => p.partnerId === "CRSALLCRESTMKT")!;
    const put = await api("PUT", `/v1/tenants/${world.tenantId}/partners/${partner.partnerId}`, { body: { customerId: partner.customerId, rules: partner.rules } });
    expect(put.body.requeued).toBe(1);
    const [after] = await waitForSettled(world, 1);
    expect(after.status).toBe("delivered");
    const detail = await documentDetail(world, doc.id);
    expect(detail.audit.map((e: any) => e.stage)).toContain("mapping_added");
  });

  it("lists every unmapped line, then proceeds when the items are mapped", async () => {
    const world = await createWorld({ items: false });
    await drop(world, "out/PO/i.xml", withPo(fixtureXml.MultiStore, "NOITEM-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("needs_mapping");
    const lines = (fixtureXml.MultiStore.match(/<LineItem>/g) ?? []).length;
    expect(doc.statusDetail).toHaveLength(lines);
    expect(doc.statusDetail[0]).toMatch(/^Line 1 \(buyer part .*\) matches no item mapping/);
    const res = await api("PUT", `/v1/tenants/${world.tenantId}/items`, { body: demoItemRows() });
    expect(res.body.requeued).toBe(1);
    const [after] = await waitForSettled(world, 1);
    expect(after.status).toBe("delivered");
    expect(await salesOrders(world)).toHaveLength(3);
  });
});
