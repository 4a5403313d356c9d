// "Print labels" in the console: an outbound 856's document page links to its shipment's labels,
// the download goes through the console session (not an API token), carries the 856's SSCCs and is
// audited with the console actor; other documents have no such link, and another tenant's session
// cannot fetch them.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { operatorToken, tenantToken } from "../helpers/api";
import { documentDetail, drop, fixtureXml, mailbox, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";
import { decodeLabelPdf, noticeFor, ssccsOf856 } from "../helpers/labels-flow";
import { createWorld } from "../helpers/world";

const BASE = "https://connector.test";

async function signIn(token: string): Promise<string> {
  const res = await SELF.fetch(`${BASE}/console/login`, { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" });
  return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
}

async function get(path: string, cookie: string) {
  const res = await SELF.fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("Print labels in the console", () => {
  it("links an 856's page to its labels and serves them through the console session", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/LBL-CONSOLE.xml", withPo(fixtureXml.DropShip, "LBL-CONSOLE"));
    await pollNow(world);
    const [po] = await waitForSettled(world, 1, { query: "type=850" });
    const [order] = (await salesOrders(world)).filter((o) => o.CustomerOrder === "LBL-CONSOLE");
    const shipment = await ship(world, order.OrderNbr);
    await pollNow(world);
    const [notice] = await waitForSettled(world, 1, { query: "type=856", poll: true, timeout: 30_000 });
    expect(notice.status).toBe("delivered");

    const cookie = await signIn(await operatorToken());
    const docPage = `/console/t/${world.tenantId}/documents/${notice.id}`;
    const html = new TextDecoder().decode((await get(docPage, cookie)).bytes);
    expect(html).toContain("Print labels (PDF, 4 × 6)");
    const href = /href="([^"]*\/labels\?format=pdf)"/.exec(html)?.[1];
    expect(href).toBe(`${docPage}/labels?format=pdf`);
    // The 850's page has no labels to print.
    expect(new TextDecoder().decode((await get(`/console/t/${world.tenantId}/documents/${po.id}`, cookie)).bytes)).not.toContain("Print labels");
    expect((await get(`/console/t/${world.tenantId}/documents/${po.id}/labels?format=pdf`, cookie)).status).toBe(404);

    const pdf = await get(href!, cookie);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const ssccs = ssccsOf856(noticeFor(await mailbox(world, "in/"), shipment)!.content);
    const pages = await decodeLabelPdf(pdf.bytes);
    expect(pages.map((p) => p.symbols.find((s) => s.text.startsWith("(00)"))?.text.slice(4)).sort()).toEqual([...ssccs].sort());
    const zpl = await get(`${docPage}/labels?format=zpl`, cookie);
    expect(zpl.headers.get("content-disposition")).toContain(`labels-${shipment}.zpl`);

    const trail = (await documentDetail(world, notice.id)).audit as Array<{ stage: string; actor: string }>;
    expect(trail.filter((e) => e.stage === "labels_printed").map((e) => e.actor)).toEqual(["console:operator:test-operator", "console:operator:test-operator"]);

    // Without a session: the sign-in page; another tenant's session: not found.
    expect((await get(href!, "")).status).toBe(303);
    const stranger = await signIn(await tenantToken("some-other-tenant"));
    expect((await get(href!, stranger)).status).toBe(404);
  });
});
