// Exactly once at the mailbox: the same PO in another file, a file listed twice across pages, and
// the same PO with different content (a conflict held for a person). Nothing is created twice.
import { describe, expect, it } from "vitest";
import { createWorld } from "../helpers/world";
import { documentDetail, documents, drop, fixtureXml, mailbox, pollNow, salesOrders, setFaults, waitForSettled, withPo } from "../helpers/flow";

describe("inbound duplicates and conflicts", () => {
  it("records a PO seen in two files once and audits the duplicate", async () => {
    const world = await createWorld();
    const xml = withPo(fixtureXml.BulkImport, "DUP-1");
    await drop(world, "out/PO/a.xml", xml);
    await drop(world, "out/PO/b-resent.xml", xml);
    await pollNow(world);
    const docs = await waitForSettled(world, 1);
    expect(docs).toHaveLength(1);
    expect(await salesOrders(world)).toHaveLength(1);
    const detail = await documentDetail(world, docs[0].id);
    expect(detail.audit.filter((e: any) => e.stage === "duplicate")).toHaveLength(1);
    expect(await mailbox(world, "out/")).toHaveLength(0);
  });

  it("survives a listing that serves a file twice across pages", async () => {
    const world = await createWorld();
    for (let i = 0; i < 12; i++) await drop(world, `out/PO/po-${String(i).padStart(2, "0")}.xml`, withPo(fixtureXml.BulkImport, `PAGE-${i}`));
    await setFaults(world, "sps", [{ route: "sps.list", kind: "duplicate-listing", probability: 1 }]);
    await pollNow(world);
    const docs = await waitForSettled(world, 12, { poll: true });
    expect(docs.every((d) => d.status === "delivered")).toBe(true);
    expect(await salesOrders(world)).toHaveLength(12);
  });

  it("holds a PO that comes back with different content, keeping both for a person to compare", async () => {
    const world = await createWorld();
    const original = withPo(fixtureXml.BulkImport, "CONFLICT-1");
    await drop(world, "out/PO/first.xml", original);
    await pollNow(world);
    await waitForSettled(world, 1);
    const changed = original.replace(/<OrderQty>(\d+)<\/OrderQty>/, (_, q) => `<OrderQty>${Number(q) + 5}</OrderQty>`);
    expect(changed).not.toBe(original);
    await drop(world, "out/PO/second.xml", changed);
    await pollNow(world);
    const docs = await waitForSettled(world, 2);
    const held = docs.find((d) => d.status === "held");
    expect(held.naturalKey).toMatch(/^CONFLICT-1#/);
    expect(held.statusDetail[0]).toMatch(/different content/);
    const originalDoc = docs.find((d) => d.naturalKey === "CONFLICT-1");
    const detail = await documentDetail(world, originalDoc.id);
    expect(detail.audit.find((e: any) => e.stage === "conflict").detail.conflictDocument).toBe(held.id);
    expect(await salesOrders(world)).toHaveLength(1);
  });

  it("leaves files in place when told to, without taking them twice", async () => {
    const world = await createWorld({ spsConnection: { deleteAfterRetrieval: false } });
    await drop(world, "out/PO/keep.xml", withPo(fixtureXml.DropShip, "KEEP-1"));
    await pollNow(world);
    await waitForSettled(world, 1);
    await pollNow(world);
    await pollNow(world);
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailbox(world, "out/")).toHaveLength(1);
    const docs = await documents(world);
    expect(docs).toHaveLength(1);
    const detail = await documentDetail(world, docs[0].id);
    expect(detail.audit.filter((e: any) => e.stage === "duplicate")).toHaveLength(0);
    expect(await salesOrders(world)).toHaveLength(1);
  });
});
