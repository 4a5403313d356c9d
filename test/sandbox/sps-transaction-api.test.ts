// The SPS Transaction API v5 mailbox (sps-commerce.md 2.1–2.4): listing with sub-directories and
// cursor paging, raw downloads, octet-stream uploads, deletes, and the 404/415/400 answers.
import { beforeEach, describe, expect, it } from "vitest";
import { control, createSpsAccount, dropSpsFile, readJson, SPS_DATA, spsToken } from "./sandbox-control";

let account: { clientId: string; clientSecret: string };
let auth: { authorization: string };

beforeEach(async () => {
  account = await createSpsAccount({ folders: ["in/", "out/", "out/PO/"] });
  auth = { authorization: `Bearer ${await spsToken(account)}` };
});

async function list(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers: auth });
  return { status: response.status, body: await readJson(response) };
}

describe("listing", () => {
  it("lists direct entries, sub-directories as type directory, with absolute urls", async () => {
    await dropSpsFile(account.clientId, "out/PO123-1-v7.7-CrossDock.xml", "<Orders/>");
    await dropSpsFile(account.clientId, "out/PO/PO456.xml", "<Orders/>");
    const { status, body } = await list(`${SPS_DATA}/out/`);
    expect(status).toBe(200);
    expect(body.results).toEqual([
      { path: "/out/PO/", type: "directory", url: `${SPS_DATA}/out/PO/` },
      { path: "/out/PO123-1-v7.7-CrossDock.xml", type: "file", url: `${SPS_DATA}/out/PO123-1-v7.7-CrossDock.xml` },
    ]);
    expect(body.paging).toEqual({ limit: 1000 });
    const sub = await list(body.results[0].url);
    expect(sub.body.results.map((r: any) => r.path)).toEqual(["/out/PO/PO456.xml"]);
  });

  it("answers 404 Directory not found for a directory the account does not have", async () => {
    const { status, body } = await list(`${SPS_DATA}/testout/`);
    expect(status).toBe(404);
    expect(body).toEqual({ title: "Not Found", status: 404, detail: "Directory not found", requestId: expect.any(String) });
  });

  it("treats paths case-sensitively", async () => {
    expect((await list(`${SPS_DATA}/OUT/`)).status).toBe(404);
  });

  it("pages with a cursor that contains / + = and must be URL-encoded", async () => {
    const names = Array.from({ length: 7 }, (_, i) => `PO${String(i).padStart(3, "0")}.xml`);
    for (const name of names) await dropSpsFile(account.clientId, `out/${name}`, name);
    const seen: string[] = [];
    let url: string | undefined = `${SPS_DATA}/out/?limit=3`;
    let cursors: string[] = [];
    while (url) {
      const { status, body } = await list(url);
      expect(status).toBe(200);
      expect(body.paging.limit).toBe(3);
      seen.push(...body.results.filter((r: any) => r.type === "file").map((r: any) => r.path));
      if (body.paging.next) cursors.push(body.paging.next.cursor);
      url = body.paging.next?.url;
    }
    expect(seen).toEqual(names.map((n) => `/out/${n}`));
    expect(cursors).toHaveLength(2);
    for (const cursor of cursors) expect(cursor).toMatch(/^(?=.*\/)(?=.*\+)(?=.*=).*$/);

    // Building the next URL by hand works when the cursor is encoded…
    const first = await list(`${SPS_DATA}/out/?limit=3`);
    const cursor = first.body.paging.next.cursor as string;
    const viaNextUrl = await list(first.body.paging.next.url);
    const encoded = await list(`${SPS_DATA}/out/?limit=3&cursor=${encodeURIComponent(cursor)}`);
    expect(encoded.status).toBe(200);
    expect(encoded.body.results).toEqual(viaNextUrl.body.results);
    // The out/PO/ sub-directory sorts first, so the second page starts at the third file.
    expect(encoded.body.results[0].path).toBe("/out/PO002.xml");
    // …and fails when it is not ("+" arrives as a space).
    const raw = await list(`${SPS_DATA}/out/?limit=3&cursor=${cursor}`);
    expect(raw.status).toBe(400);
  });

  it("refuses a forged cursor and a limit outside 1–1000", async () => {
    expect((await list(`${SPS_DATA}/out/?cursor=${encodeURIComponent("v1/abc+=")}`)).status).toBe(400);
    expect((await list(`${SPS_DATA}/out/?limit=0`)).status).toBe(400);
    expect((await list(`${SPS_DATA}/out/?limit=1001`)).status).toBe(400);
    expect((await list(`${SPS_DATA}/out/?limit=ten`)).status).toBe(400);
  });

  it("filters by a case-sensitive entryNamePrefix and keeps it across pages", async () => {
    for (const name of ["CA1.xml", "CA2.xml", "CA3.xml", "ca4.xml", "PO1.xml"]) await dropSpsFile(account.clientId, `out/${name}`, name);
    const first = await list(`${SPS_DATA}/out/?limit=2&entryNamePrefix=CA`);
    expect(first.body.results.map((r: any) => r.path)).toEqual(["/out/CA1.xml", "/out/CA2.xml"]);
    const second = await list(first.body.paging.next.url);
    expect(second.body.results.map((r: any) => r.path)).toEqual(["/out/CA3.xml"]);
    expect(second.body.paging.next).toBeUndefined();
  });

  it("does not skip files when earlier files are deleted between pages", async () => {
    for (const name of ["A.xml", "B.xml", "C.xml", "D.xml"]) await dropSpsFile(account.clientId, `out/${name}`, name);
    const first = await list(`${SPS_DATA}/out/?limit=2`);
    for (const entry of first.body.results) expect((await fetch(entry.url, { method: "DELETE", headers: auth })).status).toBe(204);
    const second = await list(first.body.paging.next.url);
    expect(second.body.results.map((r: any) => r.path)).toEqual(["/out/C.xml", "/out/D.xml"]);
  });
});

describe("files", () => {
  it("downloads the exact bytes stored, as application/octet-stream", async () => {
    const xml = '\ufeff<?xml version="1.0"?><Orders xmlns="http://www.spscommerce.com/RSX"><Order/></Orders>';
    await dropSpsFile(account.clientId, "out/PO/PO9.xml", xml);
    const response = await fetch(`${SPS_DATA}/out/PO/PO9.xml`, { headers: auth });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new TextEncoder().encode(xml));
    const missing = await fetch(`${SPS_DATA}/out/PO/nope.xml`, { headers: auth });
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });

  it("stores an octet-stream upload, overwrites the same path, and shows it to the control API", async () => {
    const upload = (body: string) =>
      fetch(`${SPS_DATA}/in/SH000001.xml`, { method: "POST", headers: { ...auth, "content-type": "application/octet-stream", "sps-meta-order_id": "42" }, body });
    const first = await upload("<Shipments>v1</Shipments>");
    expect(first.status).toBe(201);
    expect(await readJson(first)).toEqual({ path: "/in/SH000001.xml", url: `${SPS_DATA}/in/SH000001.xml` });
    expect((await upload("<Shipments>v2</Shipments>")).status).toBe(201);
    const files = await control("GET", `/sps/accounts/${account.clientId}/files?prefix=in/`);
    expect(files.json.files).toHaveLength(1);
    expect(files.json.files[0]).toMatchObject({ path: "/in/SH000001.xml", content: "<Shipments>v2</Shipments>", meta: { "sps-meta-order_id": "42" } });
  });

  it("refuses an upload with another content type with 415", async () => {
    for (const contentType of ["application/xml", "text/plain"]) {
      const response = await fetch(`${SPS_DATA}/in/x.xml`, { method: "POST", headers: { ...auth, "content-type": contentType }, body: "<x/>" });
      expect(response.status).toBe(415);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const problem = await readJson(response);
      expect(problem).toMatchObject({ title: "Unsupported Media Type", status: 415, requestId: expect.any(String) });
      expect(problem.detail).toContain("application/octet-stream");
    }
    const files = await control("GET", `/sps/accounts/${account.clientId}/files?prefix=in/`);
    expect(files.json.files).toEqual([]);
  });

  it("refuses an upload into a missing directory with 404 Parent directory not found", async () => {
    const response = await fetch(`${SPS_DATA}/testin/x.xml`, { method: "POST", headers: { ...auth, "content-type": "application/octet-stream" }, body: "<x/>" });
    expect(response.status).toBe(404);
    expect(await readJson(response)).toMatchObject({ status: 404, detail: "Parent directory not found" });
  });

  it("deletes a file with 204, then answers 404", async () => {
    await dropSpsFile(account.clientId, "out/PO/PO1.xml", "<x/>");
    const first = await fetch(`${SPS_DATA}/out/PO/PO1.xml`, { method: "DELETE", headers: auth });
    expect(first.status).toBe(204);
    const second = await fetch(`${SPS_DATA}/out/PO/PO1.xml`, { method: "DELETE", headers: auth });
    expect(second.status).toBe(404);
    await second.arrayBuffer();
  });

  it("keeps accounts apart: a token only sees its own mailbox", async () => {
    const other = await createSpsAccount();
    await dropSpsFile(other.clientId, "out/SECRET.xml", "<x/>");
    const response = await fetch(`${SPS_DATA}/out/SECRET.xml`, { headers: auth });
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  it("decodes percent-encoded path segments", async () => {
    await dropSpsFile(account.clientId, "out/PO 7#1.xml", "<x/>");
    const { body } = await list(`${SPS_DATA}/out/`);
    const entry = body.results.find((r: any) => r.path === "/out/PO 7#1.xml");
    expect(entry.url).toBe(`${SPS_DATA}/out/PO%207%231.xml`);
    expect((await fetch(entry.url, { headers: auth })).status).toBe(200);
  });
});
