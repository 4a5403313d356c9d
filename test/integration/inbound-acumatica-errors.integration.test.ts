// Acumatica-side failures on the inbound path: a wrong endpoint version explained with the
// versions the instance has, tokens expiring mid-run, a 429 storm, and retries running out.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { acumaticaCounters, createWorld, spsCounters } from "../helpers/world";
import { clearFaults, documentDetail, drop, fixtureXml, pollNow, salesOrders, setFaults, waitForSettled, withPo } from "../helpers/flow";
import { control } from "../sandbox/sandbox-control";

describe("inbound against a difficult Acumatica", () => {
  it("explains a wrong endpoint version on the document and in the connection test", async () => {
    const world = await createWorld({ endpointVersion: "25.100.001" });
    await drop(world, "out/PO/v.xml", withPo(fixtureXml.DropShip, "VERSION-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("failed");
    expect(doc.statusDetail[0]).toMatch(/endpoint Default\/25\.100\.001 is not on this instance; it has: Default\/24\.200\.001/);
    const test = await api("POST", `/v1/tenants/${world.tenantId}/connections/acumatica/test`);
    expect(test.status).toBe(200);
    expect(test.body.ok).toBe(false);
    expect(test.body.checks).toEqual([
      { name: "token", ok: true, message: "obtained an access token" },
      { name: "endpoint", ok: false, message: expect.stringMatching(/Default\/25\.100\.001 is not on this instance; it has: .*Default\/24\.200\.001/) },
    ]);
    // Fixed: replay the document.
    const fix = await api("PUT", `/v1/tenants/${world.tenantId}/connections/acumatica`, {
      body: { instanceUrl: world.acumatica.base, endpointVersion: "24.200.001", clientId: world.acumatica.clientId, clientSecret: world.acumatica.clientSecret, username: world.acumatica.username, password: world.acumatica.password },
    });
    expect(fix.status).toBe(200);
    expect((await api("POST", `/v1/tenants/${world.tenantId}/connections/acumatica/test`)).body.ok).toBe(true);
    expect((await api("POST", `/v1/tenants/${world.tenantId}/documents/${doc.id}/replay`)).status).toBe(202);
    const [after] = await waitForSettled(world, 1);
    expect(after.status).toBe("delivered");
  });

  it("refreshes tokens once when they expire in the middle of a run", async () => {
    const world = await createWorld();
    for (let i = 0; i < 3; i++) await drop(world, `out/PO/a${i}.xml`, withPo(fixtureXml.BulkImport, `EXP-A${i}`));
    await pollNow(world);
    await waitForSettled(world, 3);
    await control("POST", `/sps/accounts/${encodeURIComponent(world.sps.clientId)}/tokens/expire`);
    await control("POST", `/acumatica/${encodeURIComponent(world.acumatica.host)}/tokens/expire`, {});
    for (let i = 0; i < 3; i++) await drop(world, `out/PO/b${i}.xml`, withPo(fixtureXml.BulkImport, `EXP-B${i}`));
    await pollNow(world);
    const docs = await waitForSettled(world, 6);
    expect(docs.every((d) => d.status === "delivered")).toBe(true);
    expect((await spsCounters(world.sps.clientId)).tokenRequests).toBe(2);
    expect((await acumaticaCounters(world.acumatica.host)).tokenRequests).toBe(2);
    expect(await salesOrders(world)).toHaveLength(6);
  });

  it("rides out a 429 storm without failing a document", async () => {
    const world = await createWorld();
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "429", probability: 0.6, retryAfter: 1 }], 42);
    for (let i = 0; i < 8; i++) await drop(world, `out/PO/s${i}.xml`, withPo(fixtureXml.DropShip, `STORM-${i}`));
    await pollNow(world);
    const docs = await waitForSettled(world, 8, { timeout: 60_000 });
    expect(docs.map((d) => d.status)).toEqual(Array(8).fill("delivered"));
    expect(await salesOrders(world)).toHaveLength(8);
    const faults = (await acumaticaCounters(world.acumatica.host)).faults;
    expect(faults["429"]).toBeGreaterThan(0);
  }, 90_000);

  it("fails a document visibly when retries run out, and a replay delivers it later", async () => {
    const world = await createWorld();
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "500", probability: 1 }]);
    await drop(world, "out/PO/f.xml", withPo(fixtureXml.DropShip, "FAIL-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { timeout: 60_000 });
    expect(doc.status).toBe("failed");
    expect(doc.statusDetail[0]).toMatch(/Gave up after \d+ attempts: .*answered 500/);
    expect(doc.attempts).toBe(5);
    const detail = await documentDetail(world, doc.id);
    expect(detail.audit.filter((e: any) => e.outcome === "retry").length).toBeGreaterThan(1);
    await clearFaults(world, "acumatica");
    expect((await api("POST", `/v1/tenants/${world.tenantId}/documents/${doc.id}/replay`)).status).toBe(202);
    const [after] = await waitForSettled(world, 1);
    expect(after.status).toBe("delivered");
    expect(await salesOrders(world)).toHaveLength(1);
  }, 90_000);
});
