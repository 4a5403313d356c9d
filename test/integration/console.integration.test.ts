// The operator console through the Worker's own HTTP entry: sign-in with an API token becomes a
// session cookie (HttpOnly, SameSite=Strict, Path=/console; never the token); pages need it; forms
// need the session's CSRF token; a partner's file is rendered as text; another tenant's pages and
// documents are 404; a token without exp cannot sign in; a replay from the document page works.
import { env, SELF } from "cloudflare:test";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { api, operatorToken, tenantToken } from "../helpers/api";
import { drop, fixtureXml, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createWorld } from "../helpers/world";
import { control } from "../sandbox/sandbox-control";

const BASE = "https://connector.test";

async function signIn(token: string): Promise<{ cookie: string; res: Response }> {
  const res = await SELF.fetch(`${BASE}/console/login`, { method: "POST", body: new URLSearchParams({ token }), redirect: "manual" });
  const set = res.headers.get("set-cookie") ?? "";
  return { cookie: set.split(";")[0]!, res };
}

async function page(path: string, cookie: string): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await SELF.fetch(`${BASE}${path}`, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF token on the page");
  return m[1]!;
}

async function post(path: string, cookie: string, fields: Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await SELF.fetch(`${BASE}${path}`, { method: "POST", headers: { cookie }, body: new URLSearchParams(fields), redirect: "manual" });
  return { status: res.status, html: await res.text() };
}

describe("the operator console", () => {
  it("signs in with a token into a session cookie that is not the token, and keeps pages behind it", async () => {
    expect((await page("/console", "")).status).toBe(303);
    const token = await operatorToken();
    const { cookie, res } = await signIn(token);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/console");
    const set = res.headers.get("set-cookie")!;
    expect(set).toMatch(/^console_session=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/Secure/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\/console/i);
    expect(set).not.toContain(token);
    const home = await page("/console", cookie);
    expect(home.status).toBe(200);
    expect(home.html).toContain("<h1>Tenants</h1>");
    expect(home.headers.get("content-security-policy")).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(home.headers.get("x-content-type-options")).toBe("nosniff");
    // The session is not an API token, and a bad token signs nobody in.
    expect((await api("GET", "/v1/tenants", { token: cookie.split("=")[1]! })).status).toBe(401);
    const bad = await signIn("not-a-token");
    expect(bad.res.status).toBe(401);
    expect(await bad.res.text()).toContain("The token is not valid");
    const noExp = await new SignJWT({ role: "operator" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(new TextEncoder().encode(env.API_SIGNING_KEY));
    const forever = await signIn(noExp);
    expect(forever.res.status).toBe(401);
    expect(await forever.res.text()).toContain("The token has no expiry");
    // Logging out needs the form's CSRF token, then the cookie is cleared.
    expect((await post("/console/logout", cookie, {})).status).toBe(403);
    const out = await SELF.fetch(`${BASE}/console/logout`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf: csrfOf(home.html) }), redirect: "manual" });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/console_session=;/);
  });

  it("finds a PO, shows its sales order, audit trail and file, escapes what the partner sent, and replays it", async () => {
    const world = await createWorld();
    const evil = "<img src=x onerror=alert(1)>";
    // A PO number that is markup, escaped as XML requires: the connector reads it back as that text.
    await drop(world, "out/PO/evil.xml", withPo(fixtureXml.DropShip, evil.replace(/</g, "&lt;").replace(/>/g, "&gt;")));
    await drop(world, "out/PO/plain.xml", withPo(fixtureXml.BulkImport, "CONSOLE-2"));
    await pollNow(world);
    const docs = await waitForSettled(world, 2, { query: "type=850" });
    const { cookie } = await signIn(await tenantToken(world.tenantId));
    const found = await page(`/console/t/${world.tenantId}/documents?q=CONSOLE-2`, cookie);
    expect(found.status).toBe(200);
    const doc = docs.find((d: any) => d.naturalKey === "CONSOLE-2");
    expect(found.html).toContain(`/console/t/${world.tenantId}/documents/${doc.id}`);
    expect(found.html).not.toContain("onerror");
    const detail = await page(`/console/t/${world.tenantId}/documents/${doc.id}`, cookie);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain(doc.erpReference);
    expect(detail.html).toContain("Audit trail");
    expect(detail.html).toContain("erp_order_created");
    expect(detail.html).toContain("CONSOLE-2");
    // The raw file downloads as sent.
    const raw = await SELF.fetch(`${BASE}/console/t/${world.tenantId}/documents/${doc.id}/raw`, { headers: { cookie } });
    expect(raw.headers.get("content-disposition")).toMatch(/attachment/);
    expect(await raw.text()).toContain("<PurchaseOrderNumber>CONSOLE-2</PurchaseOrderNumber>");
    // Text from the partner's file never becomes markup.
    const evilDoc = docs.find((d: any) => d.naturalKey !== "CONSOLE-2");
    expect(evilDoc.naturalKey).toBe(evil);
    const shown = await page(`/console/t/${world.tenantId}/documents/${evilDoc.id}`, cookie);
    expect(shown.html).not.toContain("<img");
    expect(shown.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const listed = await page(`/console/t/${world.tenantId}/documents`, cookie);
    expect(listed.html).not.toContain("<img");
    expect(listed.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // Replay: refused without the form's CSRF token, queued with it, delivered again (linked, not duplicated).
    expect((await post(`/console/t/${world.tenantId}/documents/${doc.id}/replay`, cookie, { force: "true" })).status).toBe(403);
    const replayed = await SELF.fetch(`${BASE}/console/t/${world.tenantId}/documents/${doc.id}/replay`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf: csrfOf(detail.html), force: "true" }), redirect: "manual" });
    expect(replayed.status).toBe(303);
    const location = replayed.headers.get("location")!;
    expect(location).toBe(`/console/t/${world.tenantId}/documents/${doc.id}?notice=replayed`);
    expect((await page(location, cookie)).html).toContain("Replay queued");
    await new Promise((r) => setTimeout(r, 300));
    const [after] = (await waitForSettled(world, 2, { query: "type=850" })).filter((d: any) => d.id === doc.id);
    expect(after.status).toBe("delivered");
    const trail = (await api("GET", `/v1/tenants/${world.tenantId}/documents/${doc.id}`)).body.audit;
    expect(trail.some((e: any) => e.stage === "replay" && /^console:tenant:/.test(e.actor))).toBe(true);
  });

  it("replays all matching documents after a dry run, each naming the bulk replay it came from", async () => {
    const world = await createWorld();
    const unmapped = (po: string) => withPo(fixtureXml.DropShip, po).replace("<VendorPartNumber>BH-GFT-03</VendorPartNumber>", "<VendorPartNumber>NO-SUCH-PART</VendorPartNumber>").replace(/<ConsumerPackageCode>081234502034<\/ConsumerPackageCode>\s*<GTIN>00081234502034<\/GTIN>/, "");
    await drop(world, "out/PO/u1.xml", unmapped("BULK-1"));
    await drop(world, "out/PO/u2.xml", unmapped("BULK-2"));
    await drop(world, "out/PO/ok.xml", withPo(fixtureXml.BulkImport, "BULK-3"));
    await pollNow(world);
    const docs = await waitForSettled(world, 3, { query: "type=850" });
    expect(docs.map((d: any) => `${d.naturalKey}:${d.status}`).sort()).toEqual(["BULK-1:needs_mapping", "BULK-2:needs_mapping", "BULK-3:delivered"]);
    const { cookie } = await signIn(await operatorToken());
    const search = await page(`/console/t/${world.tenantId}/documents?q=BULK`, cookie);
    expect(search.html).toContain("Replay all matching");
    const dry = await page(`/console/t/${world.tenantId}/replay?q=BULK`, cookie);
    expect(dry.status).toBe(200);
    expect(dry.html).toContain("3 documents match; 2 would be replayed, 1 would not");
    expect(dry.html).toContain("already delivered: replay it from its own page");
    expect(dry.html).toContain("Replay these 2");
    // The dry run replayed nothing.
    expect((await api("GET", `/v1/tenants/${world.tenantId}/documents?status=needs_mapping`)).body.documents).toHaveLength(2);
    const done = await post(`/console/t/${world.tenantId}/replay`, cookie, { csrf: csrfOf(dry.html), q: "BULK" });
    expect(done.status).toBe(200);
    const id = /Bulk replay (bulk_[0-9A-Z]{26}): 2 queued, 1 skipped, 0 could not be queued/.exec(done.html)?.[1];
    expect(id).toBeDefined();
    for (const d of docs.filter((d: any) => d.status === "needs_mapping")) {
      const trail = (await api("GET", `/v1/tenants/${world.tenantId}/documents/${d.id}`)).body.audit;
      expect(trail.find((e: any) => e.stage === "replay")?.detail.bulkReplay).toEqual({ bulkReplayId: id, matched: 2 });
    }
    const delivered = docs.find((d: any) => d.status === "delivered");
    expect((await api("GET", `/v1/tenants/${world.tenantId}/documents/${delivered.id}`)).body.audit.some((e: any) => e.stage === "replay")).toBe(false);
  });

  it("shows each connection's settings, says which secrets are set without showing them, and tests it", async () => {
    const world = await createWorld();
    const { cookie } = await signIn(await tenantToken(world.tenantId));
    const conn = await page(`/console/t/${world.tenantId}/connections`, cookie);
    expect(conn.status).toBe(200);
    expect(conn.html).toContain(world.acumatica.base);
    expect(conn.html).toMatch(/clientSecret<\/dt><dd class="muted">set on [^<]+ \(never shown\)/);
    for (const secret of [world.acumatica.clientSecret, world.acumatica.password, world.sps.clientSecret]) expect(conn.html).not.toContain(secret);
    const tested = await post(`/console/t/${world.tenantId}/connections/acumatica/test`, cookie, { csrf: csrfOf(conn.html), back: "connections" });
    expect(tested.html).toContain("acumatica: all checks passed");
    expect(tested.html).toContain("<h1>Connections</h1>");
  });

  it("maps a waiting order's item in one click, previews a CSV import with a bad row before storing, and exports CSV", async () => {
    const world = await createWorld();
    const unmapped = withPo(fixtureXml.DropShip, "MAP-1").replace("<VendorPartNumber>BH-GFT-03</VendorPartNumber>", "<VendorPartNumber>NEW-PART-9</VendorPartNumber>").replace(/<ConsumerPackageCode>081234502034<\/ConsumerPackageCode>\s*<GTIN>00081234502034<\/GTIN>/, "");
    await drop(world, "out/PO/map.xml", unmapped);
    await pollNow(world);
    const [waiting] = await waitForSettled(world, 1, { query: "type=850" });
    expect(waiting.status).toBe("needs_mapping");
    const { cookie } = await signIn(await tenantToken(world.tenantId));
    const maps = await page(`/console/t/${world.tenantId}/mappings`, cookie);
    expect(maps.status).toBe(200);
    expect(maps.html).toContain("PO MAP-1, line 1");
    expect(maps.html).toContain("vendor part NEW-PART-9");
    const csrf = csrfOf(maps.html);
    // One click maps the waiting line; the waiting order is picked up again and delivered.
    const mapped = await SELF.fetch(`${BASE}/console/t/${world.tenantId}/mappings/items`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf, vendorPartNumber: "NEW-PART-9", erpItemId: "GIFTSET-03" }), redirect: "manual" });
    expect(mapped.status).toBe(303);
    expect(decodeURIComponent(mapped.headers.get("location")!)).toMatch(/1 item mapping stored; 1 waiting document queued again/);
    await new Promise((r) => setTimeout(r, 300));
    const [after] = await waitForSettled(world, 1, { query: "type=850" });
    expect(after.status).toBe("delivered");
    expect((await page(`/console/t/${world.tenantId}/mappings`, cookie)).html).toContain("No order is waiting for an item mapping.");
    // CSV import: a preview lists each row's outcome and stores nothing.
    const csv = "vendorPartNumber,upc,erpItemId,uom\nBH-EXTRA-1,,CANDLE-LAV-08,EA\n,12345,CANDLE-CED-12,EA\n";
    const preview = await post(`/console/t/${world.tenantId}/mappings/import`, cookie, { csrf, csv, action: "preview" });
    expect(preview.html).toContain("Preview: nothing is stored yet");
    expect(preview.html).toContain("Row 1: vendor part BH-EXTRA-1 → CANDLE-LAV-08");
    expect(preview.html).toMatch(/Row 2: upc must be 8, 12, 13 or 14 digits/);
    expect(preview.html).toContain("Import the 1 good row");
    const before = (await api("GET", `/v1/tenants/${world.tenantId}/items?limit=1000`)).body.items;
    expect(JSON.stringify(before)).not.toContain("BH-EXTRA-1");
    const imported = await SELF.fetch(`${BASE}/console/t/${world.tenantId}/mappings/import`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf, csv, action: "import" }), redirect: "manual" });
    expect(imported.status).toBe(303);
    expect(decodeURIComponent(imported.headers.get("location")!)).toContain("1 item mapping stored");
    const afterImport = (await api("GET", `/v1/tenants/${world.tenantId}/items?limit=1000`)).body.items;
    expect(afterImport.length).toBe(before.length + 1);
    expect(JSON.stringify(afterImport)).toContain("BH-EXTRA-1");
    // Export: the stored mappings as CSV, with a header.
    const exported = await SELF.fetch(`${BASE}/console/t/${world.tenantId}/mappings/items.csv`, { headers: { cookie } });
    const text = await exported.text();
    expect(text.split("\r\n")[0]).toBe("partnerId,legalEntity,buyerPartNumber,vendorPartNumber,gtin,erpItemId,uom,uomFactor");
    expect(text).toContain(",NEW-PART-9,,GIFTSET-03,");
  });

  it("maps a trading partner an order waits for from the mappings page, and the order goes through", async () => {
    const world = await createWorld();
    await drop(world, "out/PO/newpartner.xml", withPo(fixtureXml.DropShip, "NEWP-1").replace(/<TradingPartnerId>[^<]+<\/TradingPartnerId>/, "<TradingPartnerId>NEWRETAILER01</TradingPartnerId>"));
    await pollNow(world);
    const [waiting] = await waitForSettled(world, 1, { query: "type=850" });
    expect(waiting.status).toBe("needs_mapping");
    const { cookie } = await signIn(await tenantToken(world.tenantId));
    const maps = await page(`/console/t/${world.tenantId}/mappings`, cookie);
    expect(maps.html).toContain("Trading partner NEWRETAILER01");
    const saved = await SELF.fetch(`${BASE}/console/t/${world.tenantId}/mappings/partners/NEWRETAILER01`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ csrf: csrfOf(maps.html), customerId: "HOMEDIRECT", status: "testing" }), redirect: "manual" });
    expect(saved.status).toBe(303);
    expect(decodeURIComponent(saved.headers.get("location")!)).toContain("Partner NEWRETAILER01 saved; 1 waiting document queued again");
    await new Promise((r) => setTimeout(r, 300));
    const [after] = await waitForSettled(world, 1, { query: "type=850" });
    expect(after.status).toBe("delivered");
    expect((await api("GET", `/v1/tenants/${world.tenantId}/partners/NEWRETAILER01`)).body).toMatchObject({ customerId: "HOMEDIRECT", status: "testing" });
  });

  it("signs an operator in from a Cloudflare Access assertion of the configured team and audience, and nobody from a forged one", async () => {
    const mint = async (body: Record<string, unknown>) => (await control("POST", "/access/teams/edi-ops.cloudflareaccess.com/tokens", body)).json.token as string;
    const good = await mint({ aud: "console-test-aud", email: "ops@example.com" });
    const res = await SELF.fetch(`${BASE}/console`, { headers: { "cf-access-jwt-assertion": good }, redirect: "manual" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<h1>Tenants</h1>");
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(cookie).toMatch(/^console_session=/);
    expect((await page("/console", cookie)).status).toBe(200);
    for (const bad of [await mint({ aud: "another-app", email: "ops@example.com" }), await mint({ aud: "console-test-aud", email: "ops@example.com", foreignKey: true }), await mint({ aud: "console-test-aud", email: "ops@example.com", expiresInSeconds: -60 })]) {
      const refused = await SELF.fetch(`${BASE}/console`, { headers: { "cf-access-jwt-assertion": bad }, redirect: "manual" });
      expect(refused.status).toBe(303);
      expect(refused.headers.get("location")).toBe("/console/login");
    }
  });

  it("shows a tenant token nothing of another tenant: its pages and documents are 404", async () => {
    const mine = await createWorld();
    const other = await createWorld();
    await drop(other, "out/PO/other.xml", withPo(fixtureXml.BulkImport, "OTHER-1"));
    await pollNow(other);
    const [theirs] = await waitForSettled(other, 1, { query: "type=850" });
    const { cookie } = await signIn(await tenantToken(mine.tenantId));
    expect((await page(`/console/t/${mine.tenantId}`, cookie)).status).toBe(200);
    for (const path of [`/console/t/${other.tenantId}`, `/console/t/${other.tenantId}/documents`, `/console/t/${other.tenantId}/documents/${theirs.id}`, `/console/t/${mine.tenantId}/documents/${theirs.id}`]) {
      const res = await page(path, cookie);
      expect(res.status, path).toBe(404);
      expect(res.html).not.toContain("OTHER-1");
    }
    const home = await page("/console", cookie);
    expect(home.html).toContain(mine.tenantId);
    expect(home.html).not.toContain(other.tenantId);
  });
});
