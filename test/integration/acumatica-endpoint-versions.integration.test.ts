// Acumatica as its published Default endpoints are (checked-facts 7a-7e; src/erp/acumatica/endpoint-versions.ts):
// SalesInvoice has no Terms in any version, so an 810 takes the sales order's FinancialSettings.Terms
// (the customer's when the order has none); SalesInvoice.LastModifiedDateTime exists only from
// 23.200.001, so a connection on an older endpoint is told at connection test, per flow, and its
// invoice poll fails in words instead of finding nothing.
import { describe, expect, it } from "vitest";
import { readRsxDocuments } from "../../src/rsx";
import { api } from "../helpers/api";
import { drop, fixtureXml, mailbox, pollNow, salesOrders, ship, invoice, waitForSettled, withPo } from "../helpers/flow";
import { createWorld } from "../helpers/world";

const withoutTerms = (xml: string) => xml.replace(/<PaymentTerms>[\s\S]*?<\/PaymentTerms>/g, "");

describe("Acumatica endpoint facts", () => {
  it("puts the order's (the customer's) terms on an 810 whose 850 carried none", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/noterms.xml", withPo(withoutTerms(fixtureXml.BulkImport), "ACU-TERMS-1"));
    await pollNow(world);
    expect((await waitForSettled(world, 1, { query: "type=850" }))[0].status).toBe("delivered");
    const [order] = (await salesOrders(world)).filter((o) => o.CustomerOrder === "ACU-TERMS-1");
    await invoice(world, await ship(world, order.OrderNbr));
    await pollNow(world);
    const out = await waitForSettled(world, 2, { query: "direction=outbound", poll: true, timeout: 30_000 });
    expect(out.map((d) => `${d.type}:${d.status}`).sort()).toEqual(["810:delivered", "856:delivered"]);
    const file = (await mailbox(world, "in/")).find((f: any) => f.path.replace(/^\//, "").startsWith("in/IN"));
    const read = readRsxDocuments(new TextEncoder().encode(file.content));
    if (!read.ok) throw new Error(read.error.reasons.join("; "));
    const header = (read.value.documents[0] as any).Invoice.Header;
    expect(header.PaymentTerms[0]).toMatchObject({ TermsDescription: "30D" });
  });

  it("tells a connection on endpoint 22.200.001 that invoices need 23.200.001, and its invoice poll says so", async () => {
    const world = await createWorld({ acumaticaInstance: { versions: ["22.200.001"] }, endpointVersion: "22.200.001" });
    const test = await api("POST", `/v1/tenants/${world.tenantId}/connections/acumatica/test`);
    expect(test.status).toBe(200);
    const checks = test.body.checks as { name: string; ok: boolean; message: string }[];
    expect(checks.find((c) => c.name === "endpoint")).toMatchObject({ ok: true });
    expect(checks.find((c) => c.name === "version:810")).toMatchObject({ ok: false, message: expect.stringMatching(/^Invoices \(810\) need endpoint 23\.200\.001 or later; endpoint 22\.200\.001 lacks/) });
    expect(checks.find((c) => c.name === "version:850")).toMatchObject({ ok: true });
    expect(checks.find((c) => c.name === "version:856")).toMatchObject({ ok: true });
    expect(test.body.ok).toBe(false);

    // Orders still flow on 22.200.001; the invoice poll fails with the same words, visibly.
    await drop(world, "out/PO/old.xml", withPo(fixtureXml.DropShip, "ACU-OLD-1"));
    await pollNow(world);
    expect((await waitForSettled(world, 1, { query: "type=850" }))[0].status).toBe("delivered");
    const detail = await api("GET", `/v1/tenants/${world.tenantId}`);
    const acu = detail.body.connections.find((c: any) => c.system === "acumatica");
    expect(acu.status).toBe("broken");
    expect(acu.statusMessage).toMatch(/Invoices \(810\) need endpoint 23\.200\.001 or later/);
  });
});
