/// <reference types="vite/client" />
// Documents that cannot or must not become orders end in a visible state with reasons: malformed
// XML (invalid, raw kept), a non-original purpose code (held), an ERP refusal (rejected).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createWorld } from "../helpers/world";
import { documentDetail, drop, fixtureJson, fixtureXml, mailbox, pollNow, salesOrders, waitForSettled, withPo } from "../helpers/flow";
import olderRsxXml from "../../sandbox/fixtures/orders/older-rsx/POHD10045871-1-v7.2-DropShip-LineItems.xml?raw";

describe("inbound documents that do not become orders", () => {
  it("marks malformed XML invalid with the parser's message and keeps the raw file", async () => {
    const world = await createWorld();
    const broken = withPo(fixtureXml.BulkImport, "BROKEN-1").slice(0, 700);
    await drop(world, "out/PO/broken.xml", broken);
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("invalid");
    expect(doc.naturalKey).toBe("file:out/PO/broken.xml");
    expect(doc.statusDetail.join(" ")).toMatch(/line \d+, column \d+/);
    const row = await env.DB.prepare("SELECT raw_size, length(raw) AS stored FROM documents WHERE id = ?").bind(doc.id).first<{ raw_size: number; stored: number }>();
    expect(row?.raw_size).toBe(700);
    expect(row?.stored).toBeGreaterThan(0);
    expect(await mailbox(world, "out/")).toHaveLength(0);
  });

  it("marks an 850 older than RSX 7.7 invalid, naming the version and the SPS setting, and creates nothing", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/older.xml", withPo(olderRsxXml, "OLDER-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("invalid");
    expect(doc.statusDetail.join(" ")).toMatch(/RSX version older than 7\.7 \(its lines are wrapped in <LineItems>.*Ask SPS Commerce to deliver this trading partner's documents as RSX 7\.7/);
    expect(doc.statusDetail.join(" ")).not.toMatch(/has no LineItem/);
    expect(await salesOrders(world)).toEqual([]);
  });

  it("reads a file with a UTF-8 byte-order mark and RSX JSON", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/bom.xml", `\ufeff${withPo(fixtureXml.CrossDock, "BOM-1")}`);
    await drop(world, "out/PO/json.json", fixtureJson.DropShip.replace(/"PurchaseOrderNumber":\s*"[^"]+"/, '"PurchaseOrderNumber": "JSON-1"'));
    await pollNow(world);
    const docs = await waitForSettled(world, 2);
    expect(docs.map((d) => `${d.naturalKey}:${d.status}`).sort()).toEqual(["BOM-1:delivered", "JSON-1:delivered"]);
  });

  it("holds a cancellation instead of applying it", async () => {
    const world = await createWorld();
    const cancel = withPo(fixtureXml.BulkImport, "CANCEL-1").replace(/<TsetPurposeCode>00<\/TsetPurposeCode>/, "<TsetPurposeCode>01</TsetPurposeCode>");
    expect(cancel).toContain("<TsetPurposeCode>01</TsetPurposeCode>");
    await drop(world, "out/PO/cancel.xml", cancel);
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("held");
    expect(doc.statusDetail[0]).toMatch(/cancellation/);
    expect(await salesOrders(world)).toHaveLength(0);
    // A person decides: replaying the held document applies it.
    expect((await api("POST", `/v1/tenants/${world.tenantId}/documents/${doc.id}/replay`)).status).toBe(202);
    const [after] = await waitForSettled(world, 1);
    expect(after.status).toBe("delivered");
  });

  it("rejects an order Acumatica refuses, with its field errors in words", async () => {
    const world = await createWorld();
    // A mapping (to an item that does not exist in Acumatica) overriding the drop-ship order's first line.
    await api("PUT", `/v1/tenants/${world.tenantId}/items`, { body: [{ vendorPartNumber: "BH-GFT-03", erpItemId: "NO-SUCH-ITEM" }] });
    await drop(world, "out/PO/bad-item.xml", withPo(fixtureXml.DropShip, "REJECT-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("rejected");
    expect(doc.statusDetail.join(" ")).toMatch(/InventoryID.*NO-SUCH-ITEM/);
    const detail = await documentDetail(world, doc.id);
    expect(detail.audit.at(-1)).toMatchObject({ stage: "erp_order", outcome: "error", status: "rejected" });
  });
});
