// Invoices with two lines of the same item and quantity (one item twice on the PO) come out with
// each 810 line tied to its own 850 line, on both ERPs: Acumatica's invoice lines name their order
// line; F&O's are joined to CustInvoiceTransBiEntities on the shared key (LineCreationSequenceNumber),
// not guessed by item and quantity.
import { describe, expect, it } from "vitest";
import { readRsxDocuments } from "../../src/rsx";
import { documentDetail, documents, drop, fixtureXml, invoice, mailbox, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";
import { createDynamicsWorld, flowWorld, foOrders, invoiceOrder, shipOrder } from "../helpers/dynamics-world";
import { createWorld } from "../helpers/world";

/** The drop-ship 850 with its first line repeated as line 3 (same item, quantity and price). */
function withRepeatedLine(xml: string): string {
  const start = xml.indexOf("<LineItem>");
  const end = xml.indexOf("</LineItem>", start) + "</LineItem>".length;
  const again = xml.slice(start, end).replace("<LineSequenceNumber>1</LineSequenceNumber>", "<LineSequenceNumber>3</LineSequenceNumber>");
  const last = xml.lastIndexOf("</LineItem>") + "</LineItem>".length;
  return (xml.slice(0, last) + `\n    ${again}` + xml.slice(last))
    .replace("<TotalAmount>41.00</TotalAmount>", "<TotalAmount>59.00</TotalAmount>")
    .replace("<TotalLineItemNumber>2</TotalLineItemNumber>", "<TotalLineItemNumber>3</TotalLineItemNumber>")
    .replace(/(<QuantityTotals>[\s\S]*?<Quantity>)3(<\/Quantity>)/, "$14$2");
}

async function invoiceLines(files: any[]): Promise<[string, number, string][]> {
  const bill = files.find((f) => /(^|\/)in\/IN/.test(f.path));
  const read = readRsxDocuments(new TextEncoder().encode(bill.content));
  if (!read.ok) throw new Error(read.error.reasons.join("; "));
  const doc = (read.value.documents[0] as any).Invoice;
  return doc.LineItem.map((l: any) => [String(l.InvoiceLine.LineSequenceNumber), Number(l.InvoiceLine.ShipQty ?? l.InvoiceLine.InvoiceQty), String(l.InvoiceLine.VendorPartNumber)]);
}

describe("810 lines of an item invoiced twice", () => {
  it("Dynamics: each invoice line joins its own order line by the shared key", async () => {
    const dw = await createDynamicsWorld();
    const world = flowWorld(dw);
    await drop(world, "out/PO/twice.xml", withPo(withRepeatedLine(fixtureXml.DropShip), "DUP-D-1"));
    await pollNow(world);
    expect((await waitForSettled(world, 1, { query: "type=850" }))[0].status).toBe("delivered");
    const [order] = (await foOrders(dw)).filter((o) => o.CustomersOrderReference === "DUP-D-1");
    expect(order.lines.map((l: any) => [l.CustomersLineNumber, l.ItemNumber])).toEqual([[1, "GIFTSET-03"], [2, expect.any(String)], [3, "GIFTSET-03"]]);
    await shipOrder(dw, order);
    await invoiceOrder(dw, order);
    await pollNow(world);
    const [bill] = await waitForSettled(world, 1, { query: "direction=outbound&type=810", poll: true, timeout: 30_000 });
    expect(bill.status).toBe("delivered");
    const lines = await invoiceLines(await mailbox(world, "in/"));
    expect(lines.map(([seq]) => seq).sort()).toEqual(["1", "2", "3"]);
    expect(lines.filter(([, , part]) => part === "BH-GFT-03").map(([seq]) => seq).sort()).toEqual(["1", "3"]);
    // Joined by key: no heuristic note in the audit.
    const uploaded = (await documentDetail(world, bill.id)).audit.find((e: any) => e.stage === "uploaded");
    expect(uploaded.detail.notes).toBeUndefined();
  });

  it("Acumatica: each invoice line names its own order line", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/twice.xml", withPo(withRepeatedLine(fixtureXml.DropShip), "DUP-A-1"));
    await pollNow(world);
    expect((await waitForSettled(world, 1, { query: "type=850" }))[0].status).toBe("delivered");
    const [order] = (await salesOrders(world)).filter((o) => o.CustomerOrder === "DUP-A-1");
    await invoice(world, await ship(world, order.OrderNbr));
    await pollNow(world);
    await waitForSettled(world, 2, { query: "direction=outbound", poll: true, timeout: 30_000 });
    const out = await documents(world, "direction=outbound&type=810");
    expect(out.map((d: any) => d.status)).toEqual(["delivered"]);
    const lines = await invoiceLines(await mailbox(world, "in/"));
    expect(lines.map(([seq]) => seq).sort()).toEqual(["1", "2", "3"]);
    expect(lines.filter(([, , part]) => part === "BH-GFT-03").map(([seq]) => seq).sort()).toEqual(["1", "3"]);
  });
});
