// Documents through the API: filters, cursor paging, detail with audit trail, replay rules, poll-now.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/db/client";
import { recordDocument, transitionDocument } from "../../src/db/documents";
import { api, createTenant, tenantToken, uniqueTenantId } from "../helpers/api";

async function seedDocuments(tenantId: string, count: number) {
  const db = createDb(env.DB);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await recordDocument(
      db,
      tenantId,
      {
        direction: i % 2 === 0 ? "inbound" : "outbound",
        type: i % 2 === 0 ? "850" : "856",
        partnerId: i % 3 === 0 ? "NWHALLNORTHWND" : "BBXALLBIGBOXRT",
        naturalKey: `PO-${1000 + i}`,
        status: i % 4 === 0 ? "delivered" : "needs_mapping",
        spsPath: `out/PO/PO-${1000 + i}.xml`,
        erpReference: i % 4 === 0 ? `SO00${i}` : undefined,
      },
      { stage: "received", outcome: "ok", detail: { file: `PO-${1000 + i}.xml` } },
      Date.now() + i,
    );
    if (!r.created) throw new Error("seed collided");
    ids.push(r.id);
  }
  return ids;
}

describe("documents API", () => {
  it("lists newest first with filters and an opaque cursor", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const ids = await seedDocuments(id, 12);
    const page1 = await api("GET", `/v1/tenants/${id}/documents?limit=5`);
    expect(page1.status).toBe(200);
    expect(page1.body.documents.map((d: { id: string }) => d.id)).toEqual([...ids].reverse().slice(0, 5));
    expect(page1.body.documents[0]).toMatchObject({ direction: "outbound", type: "856", naturalKey: "PO-1011", spsPath: "out/PO/PO-1011.xml" });
    const page2 = await api("GET", `/v1/tenants/${id}/documents?limit=5&cursor=${encodeURIComponent(page1.body.nextCursor)}`);
    const page3 = await api("GET", `/v1/tenants/${id}/documents?limit=5&cursor=${encodeURIComponent(page2.body.nextCursor)}`);
    expect(page3.body.documents).toHaveLength(2);
    expect(page3.body.nextCursor).toBeNull();
    const all = [...page1.body.documents, ...page2.body.documents, ...page3.body.documents].map((d: { id: string }) => d.id);
    expect(new Set(all).size).toBe(12);

    const delivered = await api("GET", `/v1/tenants/${id}/documents?status=delivered`);
    expect(delivered.body.documents).toHaveLength(3);
    const inbound850 = await api("GET", `/v1/tenants/${id}/documents?type=850&direction=inbound&partner=NWHALLNORTHWND`);
    expect(inbound850.body.documents.map((d: { naturalKey: string }) => d.naturalKey).sort()).toEqual(["PO-1000", "PO-1006"]);
    const search = await api("GET", `/v1/tenants/${id}/documents?q=1004`);
    expect(search.body.documents.map((d: { naturalKey: string }) => d.naturalKey)).toEqual(["PO-1004"]);
    const likeChars = await api("GET", `/v1/tenants/${id}/documents?q=%25`);
    expect(likeChars.body.documents).toHaveLength(0);
    expect((await api("GET", `/v1/tenants/${id}/documents?status=lost`)).status).toBe(400);
    expect((await api("GET", `/v1/tenants/${id}/documents?cursor=garbage`)).status).toBe(400);
  });

  it("never shows another tenant's documents, even by id", async () => {
    const a = uniqueTenantId("a");
    const b = uniqueTenantId("b");
    await createTenant(a);
    await createTenant(b);
    const [docOfA] = await seedDocuments(a, 1);
    expect((await api("GET", `/v1/tenants/${b}/documents/${docOfA}`)).status).toBe(404);
    expect((await api("POST", `/v1/tenants/${b}/documents/${docOfA}/replay`, { body: { force: true } })).status).toBe(404);
    expect((await api("GET", `/v1/tenants/${b}/documents`)).body.documents).toHaveLength(0);
    expect((await api("GET", `/v1/tenants/${a}/documents/${docOfA}`, { token: await tenantToken(b) })).status).toBe(403);
  });

  it("shows a document with its audit trail, and replays it (force needed once delivered)", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const [delivered, waiting] = await seedDocuments(id, 2);
    const db = createDb(env.DB);
    await transitionDocument(db, id, waiting!, { status: "rejected", statusDetail: ["Acumatica: InventoryID 'X' not found"] }, { stage: "erp_order", outcome: "error" }, Date.now());
    const detail = await api("GET", `/v1/tenants/${id}/documents/${waiting}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: waiting, status: "rejected", statusDetail: ["Acumatica: InventoryID 'X' not found"] });
    expect(detail.body.audit.map((e: { stage: string }) => e.stage)).toEqual(["received", "erp_order"]);
    expect(detail.body.audit[0]).toMatchObject({ outcome: "ok", actor: "system", detail: { file: "PO-1001.xml" } });

    const refused = await api("POST", `/v1/tenants/${id}/documents/${delivered}/replay`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/force/);
    const bad = await api("POST", `/v1/tenants/${id}/documents/${delivered}/replay`, { body: { force: "yes" } });
    expect(bad.status).toBe(400);
    const forced = await api("POST", `/v1/tenants/${id}/documents/${delivered}/replay`, { body: { force: true } });
    expect(forced.status).toBe(202);
    const replayed = await api("POST", `/v1/tenants/${id}/documents/${waiting}/replay`, { raw: "", contentType: "application/json" });
    expect(replayed.status).toBe(202);
    const after = await api("GET", `/v1/tenants/${id}/documents/${delivered}`);
    const replayEvent = after.body.audit.find((e: { stage: string }) => e.stage === "replay");
    expect(replayEvent).toMatchObject({ actor: "operator:test-operator", detail: { from: "delivered", force: true }, status: "queued" });
    expect((await api("POST", `/v1/tenants/${id}/documents/doc_NOPE/replay`)).status).toBe(404);
  });

  it("queues a poll of every stream", async () => {
    const id = uniqueTenantId();
    await createTenant(id);
    const res = await api("POST", `/v1/tenants/${id}/poll`);
    expect(res.status).toBe(202);
    expect(res.body.streams).toEqual(["sps:inbound", "erp:shipments", "erp:invoices"]);
  });
});
