// The event-driven path: F&O business events posted to POST /v1/hooks/dynamics/:tenant with the
// tenant's secret become the 856 / 810 / 855 without waiting for a poll; an event delivered twice
// (same ControlNumber) records nothing new; an event for an order that did not come from SPS is
// ignored; a wrong or missing secret is refused before the body is read.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createOrder, foToken, type FoWorld } from "../sandbox/dynamics-helpers";
import { documentDetail, documents, mailbox, pollNow, waitForSettled } from "../helpers/flow";
import { confirmOrder, createDynamicsWorld, deliverEvents, flowWorld, invoiceOrder, orderThrough, PARTNERS, shipOrder, type DynamicsWorld } from "../helpers/dynamics-world";

const foWorldOf = (dw: DynamicsWorld): FoWorld => ({
  tenantId: dw.fo.entraTenantId,
  clientId: dw.fo.clientId,
  clientSecret: dw.fo.clientSecret,
  host: dw.fo.host,
  environmentUrl: dw.fo.environmentUrl,
  data: `${dw.fo.environmentUrl}/data`,
});

describe("F&O business events on the hook endpoint", () => {
  it("refuses a missing or wrong secret with 401 and the standard error envelope", async () => {
    const dw = await createDynamicsWorld();
    const event = { BusinessEventId: "SalesInvoicePostedBusinessEvent", ControlNumber: 1, EventId: "E-1", InvoiceId: "CIV-1", SalesOrderId: "SO-1" };
    for (const secret of [null, "wrong-secret-wrong-secret-wrong", `${dw.hookSecret}x`]) {
      const res = await deliverEvents(dw, event, secret);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "unauthorized", message: "The business-event secret is missing or wrong" } });
    }
    // An operator's API token is not the tenant's secret either, and an unknown tenant answers the same.
    expect((await deliverEvents({ ...dw, tenantId: "no-such-tenant" }, event)).status).toBe(401);
    // The secret in the URL (endpoints configured by URL only) is accepted; a malformed body is then a 400.
    const viaQuery = await deliverEvents({ ...dw, tenantId: `${dw.tenantId}?code=${encodeURIComponent(dw.hookSecret)}` }, { nonsense: true }, null);
    expect(viaQuery.status).toBe(400);
    expect(viaQuery.body.error.code).toBe("invalid_request");
    // The API reference documents the endpoint as not using the bearer JWT.
    const spec = await api("GET", "/v1/openapi.json", { token: null });
    expect(spec.body.paths["/v1/hooks/dynamics/{tenant}"].post.security).toEqual([]);
  });

  it("sends the 856 and 810 on their events without a poll, once, however often the events arrive", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    const [order] = await orderThrough(dw, "BulkImport", "DHOOK-1");
    const shipped = await shipOrder(dw, order, { trackingNumbers: ["1ZHOOK0001", "1ZHOOK0002"] });
    const invoiced = await invoiceOrder(dw, order);
    const events = [shipped.event, invoiced.event];

    const first = await deliverEvents(dw, events);
    expect(first.status).toBe(202);
    expect(first.body.events.map((e: any) => e.outcome)).toEqual(["recorded", "recorded"]);
    const out = await waitForSettled(world, 1, { query: "direction=outbound&type=856" }).then(() => waitForSettled(world, 1, { query: "type=810" }));
    expect(out[0]).toMatchObject({ naturalKey: invoiced.invoice.header.InvoiceNumber, status: "delivered" });
    // Recorded from the event (the poll had nothing to find when it last ran), then read back over OData.
    const found = (await documentDetail(world, out[0].id)).audit[0];
    expect(found).toMatchObject({ stage: "found", detail: { businessEvent: "SalesInvoicePostedBusinessEvent", controlNumber: String(invoiced.event.ControlNumber) } });
    const notices = await documents(world, "type=856");
    expect(notices.map((d) => `${d.naturalKey}:${d.status}`)).toEqual([`${shipped.packingSlip.header.PackingSlipId}:delivered`]);

    // F&O retries a delivery: the same ControlNumbers change nothing.
    const again = await deliverEvents(dw, shipped.event);
    expect(again.status).toBe(202);
    expect(again.body.events).toEqual([expect.objectContaining({ controlNumber: String(shipped.event.ControlNumber), outcome: "duplicate" })]);
    // The scheduled poll then finds the same records and records nothing new either.
    await pollNow(world);
    await new Promise((r) => setTimeout(r, 1500));
    const outbound = await documents(world, "direction=outbound");
    expect(outbound.filter((d) => d.type !== "855").map((d) => `${d.type}:${d.status}`).sort()).toEqual(["810:delivered", "856:delivered"]);
    const files = (await mailbox(world, "in/")).filter((f: any) => /(^|\/)in\/(SH|IN)/.test(f.path));
    expect(files).toHaveLength(2);
  });

  it("ignores an event for a sales order that did not come from SPS", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    const fo = foWorldOf(dw);
    // An order keyed in F&O by hand (or by another integration), for the same customer.
    const { order } = await createOrder(fo, await foToken(fo), "PHONE-ORDER-7", [{ ItemNumber: "GIFTSET-03", OrderedSalesQuantity: 2 }], { OrderingCustomerAccountNumber: "CREST" });
    const { event } = await invoiceOrder(dw, order, { quantity: "all" });
    const res = await deliverEvents(dw, event);
    expect(res.status).toBe(202);
    expect(res.body.events).toEqual([expect.objectContaining({ outcome: "ignored", reason: `sales order ${order.SalesOrderNumber} did not come from an SPS 850` })]);
    expect(await documents(world)).toEqual([]);
    // Delivered again, it is a duplicate of the ignored event.
    expect((await deliverEvents(dw, event)).body.events[0].outcome).toBe("duplicate");
  });

  it("sends the 855 of a partner acknowledged on confirmation when the confirmation event arrives", async () => {
    const dw = await createDynamicsWorld({ rules: { [PARTNERS.dropShip]: { ackOn: "confirmed" } } });
    const world = flowWorld(dw);
    const [order] = await orderThrough(dw, "DropShip", "DHOOK-ACK");
    expect(await documents(world, "type=855")).toEqual([]);
    const { event } = await confirmOrder(dw, order);
    const res = await deliverEvents(dw, event);
    expect(res.body.events).toEqual([expect.objectContaining({ outcome: "recorded" })]);
    const [ack] = await waitForSettled(world, 1, { query: "type=855" });
    expect(ack).toMatchObject({ naturalKey: "DHOOK-ACK", status: "delivered" });
    // An event the connector does not act on is taken and ignored, not refused.
    const other = await deliverEvents(dw, { ...event, BusinessEventId: "CustomerCreatedBusinessEvent", ControlNumber: Number(event.ControlNumber) + 1000 });
    expect(other.body.events[0]).toMatchObject({ outcome: "ignored" });
  });
});
