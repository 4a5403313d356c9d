// A warehouse that posts a packing slip and an invoice dated 10 days back (a stock count, a month-end
// catch-up) gets its 856 and 810 sent, once: the polls find F&O documents by when they were posted
// (CreatedOn of the BI journals), not by their document date. No business event is delivered here,
// so only the scheduled poll can find them.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { documents, mailbox, pollNow, waitForSettled } from "../helpers/flow";
import { createDynamicsWorld, flowWorld, foCounters, invoiceOrder, orderThrough, shipOrder } from "../helpers/dynamics-world";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe("back-dated F&O postings", () => {
  it("sends a packing slip and an invoice dated 10 days back exactly once", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    const [order] = await orderThrough(dw, "BulkImport", "BACK-1");
    // Polls before the postings move the watermarks to now.
    await pollNow(world);
    await new Promise((r) => setTimeout(r, 1200));
    const slip = await shipOrder(dw, order, { date: daysAgo(10) });
    const bill = await invoiceOrder(dw, order, { date: daysAgo(10) });
    expect(slip.packingSlip.header.DeliveryDate.slice(0, 10)).toBe(daysAgo(10));
    expect(bill.invoice.header.InvoiceDate.slice(0, 10)).toBe(daysAgo(10));
    await pollNow(world);
    await waitForSettled(world, 1, { query: "direction=outbound&type=856", poll: true, timeout: 30_000 });
    await waitForSettled(world, 1, { query: "direction=outbound&type=810", poll: true, timeout: 30_000 });
    // Polled again: nothing is sent twice.
    await pollNow(world);
    await new Promise((r) => setTimeout(r, 1500));
    const out = await documents(world, "direction=outbound");
    const sent = out.filter((d: any) => d.type !== "855");
    expect(sent.map((d: any) => `${d.type}:${d.naturalKey}:${d.status}`).sort()).toEqual([
      `810:${bill.invoice.header.InvoiceNumber}:delivered`,
      `856:${slip.packingSlip.header.PackingSlipId}:delivered`,
    ]);
    const files = await mailbox(world, "in/");
    expect(files.filter((f: any) => /(^|\/)in\/(SH|IN)/.test(f.path))).toHaveLength(2);
    // Found by posting time: the polls filtered on CreatedOn.
    const counters = await foCounters(dw);
    expect(counters.requests["dynamics.get:CustInvoiceJourBiEntities"]).toBeGreaterThan(0);
  });

  it("lets a connection set how far document-date windows reach, and the connection test says so", async () => {
    const dw = await createDynamicsWorld({ connection: { lookbackDays: 14 } });
    const res = await api("POST", `/v1/tenants/${dw.tenantId}/connections/dynamics/test`);
    const check = res.body.checks.find((c: any) => c.name === "posting-times");
    expect(check.message).toMatch(/packing slips by posting time \(CreatedOn\); invoices by posting time \(CreatedOn\); order confirmations by ConfirmationDate, reaching back 14 days/);
    const bad = await api("PUT", `/v1/tenants/${dw.tenantId}/connections/dynamics`, {
      body: { environmentUrl: dw.fo.environmentUrl, entraTenantId: dw.fo.entraTenantId, clientId: dw.fo.clientId, clientSecret: dw.fo.clientSecret, lookbackDays: 365 },
    });
    expect(bad.status).toBe(400);
  });
});
