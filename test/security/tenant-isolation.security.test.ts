// Tenant isolation: a tenant token can neither read, replay nor poll another tenant's anything, not
// through the other tenant's path, not by guessing ids under its own path, not with forged cursors,
// search patterns or path tricks; and a refused call changes nothing and queues nothing.
import { describe, expect, it } from "vitest";
import { base64UrlEncode, utf8 } from "../../src/lib/encoding";
import { api, operatorToken, tenantToken } from "../helpers/api";
import { drop, fixtureXml, mailbox, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createWorld, spsCounters, type World } from "../helpers/world";
import { fetchWith, recordingEnv } from "./recording-env";

async function worldWithOrder(po: string): Promise<{ world: World; docId: string }> {
  const world = await createWorld();
  await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml.DropShip, po));
  await pollNow(world);
  const [doc] = await waitForSettled(world, 1);
  return { world, docId: doc.id };
}

const forgedCursor = (id: string) => base64UrlEncode(utf8.encode(`d:${id}`));

describe("tenant isolation", () => {
  it("keeps every document, audit trail, replay and poll of one tenant out of another tenant's reach", async () => {
    const suffix = crypto.randomUUID().slice(0, 6);
    const a = await worldWithOrder(`ISO-A-${suffix}`);
    const b = await worldWithOrder(`ISO-B-${suffix}`);
    const tokenA = await tenantToken(a.world.tenantId);
    const A = a.world.tenantId;
    const B = b.world.tenantId;
    const bBefore = (await api("GET", `/v1/tenants/${B}/documents/${b.docId}`)).body;

    // Guessing B's document id under A's own path: not found, exactly like an id that never existed.
    const guessed = await api("GET", `/v1/tenants/${A}/documents/${b.docId}`, { token: tokenA });
    const never = await api("GET", `/v1/tenants/${A}/documents/doc_neverexisted000`, { token: tokenA });
    expect(guessed.status).toBe(404);
    expect(never.status).toBe(404);
    expect(guessed.text.replace(b.docId, "ID")).toBe(never.text.replace("doc_neverexisted000", "ID"));
    expect(guessed.text).not.toContain(`ISO-B-${suffix}`);

    // Replaying it under A's path: not found, and nothing queued or changed for B.
    const rec = recordingEnv();
    for (const body of [undefined, { force: true }]) {
      const replay = await fetchWith(rec.env, "POST", `/v1/tenants/${A}/documents/${b.docId}/replay`, { token: tokenA, body });
      expect(replay.status).toBe(404);
    }
    // Through B's path: 403, nothing queued.
    for (const [method, path] of [
      ["POST", `/v1/tenants/${B}/documents/${b.docId}/replay`],
      ["POST", `/v1/tenants/${B}/poll`],
      ["POST", `/v1/tenants/${B}/connections/sps/test`],
      ["POST", `/v1/tenants/${B}/connections/acumatica/test`],
    ] as const) {
      const res = await fetchWith(rec.env, method, path, { token: tokenA, body: method === "POST" && path.endsWith("replay") ? { force: true } : undefined });
      expect(res.status, path).toBe(403);
    }
    expect(rec.sent).toEqual([]);

    // Listing under A's path with B's PO, wildcards, SQL-ish text or a cursor forged from B's id: only A's own documents.
    for (const query of [`q=ISO-B-${suffix}`, "q=%25", "q=_", `q=${encodeURIComponent("' OR 1=1 --")}`, `partner=HDOALLHOMEDIRC&tenant=${B}`, `cursor=${forgedCursor(b.docId)}`, `cursor=${forgedCursor("zzzzzzzz")}`]) {
      const res = await api("GET", `/v1/tenants/${A}/documents?${query}`, { token: tokenA });
      expect(res.status, query).toBe(200);
      for (const d of res.body.documents) expect(d.id, query).not.toBe(b.docId);
      expect(res.text, query).not.toContain(`ISO-B-${suffix}`);
    }

    // Path tricks that name B while starting from A.
    for (const path of [`/v1/tenants/${A}/../${B}/documents`, `/v1/tenants/${A}%2F..%2F${B}/documents`, `/v1/tenants/${B.toUpperCase()}/documents`, `/v1/tenants/${B}%00/documents`]) {
      const res = await api("GET", path, { token: tokenA });
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.text, path).not.toContain(`ISO-B-${suffix}`);
      expect(res.text, path).not.toContain(b.docId);
    }

    // B is exactly as it was: same status, same audit trail, its mailbox never polled by A.
    const bAfter = (await api("GET", `/v1/tenants/${B}/documents/${b.docId}`)).body;
    expect(bAfter).toEqual(bBefore);
    // A's own rights are intact (the refusals above are about B, not a broken token).
    expect((await api("POST", `/v1/tenants/${A}/documents/${a.docId}/replay`, { token: tokenA, body: { force: true } })).status).toBe(202);
    await waitForSettled(a.world, 1);
  });

  it("polls only the caller's own mailbox", async () => {
    const suffix = crypto.randomUUID().slice(0, 6);
    const a = await createWorld();
    const b = await createWorld();
    const tokenA = await tenantToken(a.tenantId);
    await drop(b, `out/PO/B-${suffix}.xml`, withPo(fixtureXml.CrossDock, `POLL-B-${suffix}`));
    await drop(a, `out/PO/A-${suffix}.xml`, withPo(fixtureXml.CrossDock, `POLL-A-${suffix}`));
    const bCountersBefore = await spsCounters(b.sps.clientId);
    expect((await api("POST", `/v1/tenants/${b.tenantId}/poll`, { token: tokenA })).status).toBe(403);
    expect((await api("POST", `/v1/tenants/${a.tenantId}/poll`, { token: tokenA })).status).toBe(202);
    await waitForSettled(a, 1);
    // B's file is still in B's mailbox, B has no documents, and B's SPS account saw no call at all.
    expect((await mailbox(b, "out/")).map((f) => f.path)).toEqual([`/out/PO/B-${suffix}.xml`]);
    expect((await api("GET", `/v1/tenants/${b.tenantId}/documents`)).body.documents).toEqual([]);
    expect(await spsCounters(b.sps.clientId)).toEqual(bCountersBefore);
    const aDocs = (await api("GET", `/v1/tenants/${a.tenantId}/documents`)).body.documents;
    expect(aDocs.map((d: { naturalKey: string }) => d.naturalKey)).toEqual([`POLL-A-${suffix}`]);
  });

  it("shows a tenant token only its own tenant, connections and mappings", async () => {
    const a = await createWorld({ items: false });
    const b = await createWorld();
    const tokenA = await tenantToken(a.tenantId);
    const list = await api("GET", "/v1/tenants", { token: tokenA });
    expect(list.body.tenants.map((t: { id: string }) => t.id)).toEqual([a.tenantId]);
    const mine = await api("GET", `/v1/tenants/${a.tenantId}`, { token: tokenA });
    expect(mine.status).toBe(200);
    expect(mine.text).not.toContain(b.tenantId);
    expect(mine.text).not.toContain(b.sps.clientId);
    // A's item import lands in A only; B's mappings are neither visible nor changed.
    const bItems = (await api("GET", `/v1/tenants/${b.tenantId}/items?limit=1000`)).text;
    await api("PUT", `/v1/tenants/${a.tenantId}/items`, { token: tokenA, body: [{ vendorPartNumber: "BH-GFT-03", erpItemId: "HIJACKED" }] });
    expect((await api("GET", `/v1/tenants/${b.tenantId}/items?limit=1000`)).text).toBe(bItems);
    const aItems = await api("GET", `/v1/tenants/${a.tenantId}/items`, { token: tokenA });
    expect(aItems.body.items.map((m: { erpItemId: string }) => m.erpItemId)).toEqual(["HIJACKED"]);
    // An operator token still sees both (isolation is by token, not a broken listing).
    const all = await api("GET", "/v1/tenants", { token: await operatorToken() });
    expect(all.body.tenants.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([a.tenantId, b.tenantId]));
  });
});
