// Exactly once under the trap that creates duplicate orders: Acumatica stores the order and the
// connection drops before the reply. 200 orders with such faults end as exactly 200 sales orders;
// a forced replay of a delivered document links instead of creating; a 2,000-line order goes through.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { acumaticaCounters, createWorld } from "../helpers/world";
import { documentDetail, drop, fixtureXml, pollNow, salesOrders, setFaults, waitForSettled, withPo } from "../helpers/flow";

function bigOrder(po: string, lines: number): string {
  const line = (i: number) => `<LineItem><OrderLine><LineSequenceNumber>${i}</LineSequenceNumber><VendorPartNumber>BH-LAV-08</VendorPartNumber><OrderQty>${(i % 7) + 1}</OrderQty><OrderQtyUOM>EA</OrderQtyUOM><PurchasePrice>6.25</PurchasePrice></OrderLine><ProductOrItemDescription><ProductCharacteristicCode>08</ProductCharacteristicCode><ProductDescription>Candle &amp; holder set ${i} &lt;gift&gt;</ProductDescription></ProductOrItemDescription></LineItem>`;
  return `<?xml version="1.0" encoding="utf-8"?><Orders xmlns="http://www.spscommerce.com/RSX"><Order><Header><OrderHeader><TradingPartnerId>CRSALLCRESTMKT</TradingPartnerId><PurchaseOrderNumber>${po}</PurchaseOrderNumber><TsetPurposeCode>00</TsetPurposeCode><PurchaseOrderDate>2026-11-01</PurchaseOrderDate></OrderHeader><Address><AddressTypeCode>ST</AddressTypeCode><LocationCodeQualifier>92</LocationCodeQualifier><AddressLocationNumber>0007</AddressLocationNumber><AddressName>Crest DC 7</AddressName></Address></Header>${Array.from({ length: lines }, (_, i) => line(i + 1)).join("")}</Order></Orders>`;
}

describe("exactly one sales order per 850", () => {
  it("ends 200 orders with commit-then-drop faults as exactly 200 sales orders", async () => {
    const world = await createWorld();
    for (let i = 0; i < 200; i++) await drop(world, `out/PO/po-${String(i).padStart(3, "0")}.xml`, withPo(fixtureXml.DropShip, `EO-${i}`));
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "drop", probability: 0.25 }], 2026);
    await pollNow(world);
    const docs = await waitForSettled(world, 200, { timeout: 120_000 });
    expect(docs.filter((d) => d.status !== "delivered")).toEqual([]);
    const orders = await salesOrders(world);
    expect(orders).toHaveLength(200);
    expect(new Set(orders.map((o) => o.CustomerOrder)).size).toBe(200);
    const counters = await acumaticaCounters(world.acumatica.host);
    expect(counters.faults.drop).toBeGreaterThan(20);
    // Each dropped write was followed by one lookup that linked the stored order.
    const linked = [];
    for (const d of docs.slice(0, 60)) {
      const detail = await documentDetail(world, d.id);
      if (detail.audit.some((e: any) => e.stage === "erp_order_linked")) linked.push(d.id);
    }
    expect(linked.length).toBeGreaterThan(0);
  }, 180_000);

  it("links instead of creating when a delivered document is force-replayed", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/r.xml", withPo(fixtureXml.MultiStore, "REPLAY-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("delivered");
    const before = await salesOrders(world);
    expect((await api("POST", `/v1/tenants/${world.tenantId}/documents/${doc.id}/replay`, { body: { force: true } })).status).toBe(202);
    await new Promise((r) => setTimeout(r, 200));
    const [after] = await waitForSettled(world, 1);
    expect(after.status).toBe("delivered");
    expect(after.erpReference).toBe(doc.erpReference);
    expect(await salesOrders(world)).toHaveLength(before.length);
  });

  it("takes a 2,000-line order with entity-heavy text in one sales order", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/big.xml", bigOrder("BIG-2000", 2000));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1, { timeout: 60_000 });
    expect(doc.status).toBe("delivered");
    const [order] = await salesOrders(world);
    expect(order.Details).toHaveLength(2000);
    expect(order.Details[0].LineDescription).toBe("Candle & holder set 1 <gift>");
  }, 90_000);
});
