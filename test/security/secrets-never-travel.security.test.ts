// Secrets never travel: not in logs, audit rows, API answers or queue messages. Queue messages: their schemas carry only ids, enums and
// numbers, so no free text where a secret could go; and every message the connector actually sends
// during a whole inbound flow (driven through the real consumers with createMessageBatch, logging at
// debug, failures included) has exactly that shape and holds no secret. The suite-wide leak scan
// (test/security/secret-leak-scan.ts, run after every test file) is shown to have something to scan
// and to catch a planted leak in a log line and in a D1 row.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import worker from "../../src/index";
import type { Env } from "../../src/env";
import { createLogger, setLogSink } from "../../src/lib/log";
import { knownSecretsForTests } from "../../src/lib/redact";
import { InboundMessage, OutboundMessage, PollMessage, QueueMessage } from "../../src/queues/messages";
import { api, operatorToken } from "../helpers/api";
import { drop, fixtureXml, salesOrders, setFaults, waitForSettled, withPo } from "../helpers/flow";
import { createWorld } from "../helpers/world";
import { fetchWith, recordingEnv, type SentMessage } from "./recording-env";
import { findingsIn, findSecretLeaks, noteSecret, scanInventory, willScanFor } from "./secret-leak-scan";

/** The only free-text fields a message may have: identifiers the connector made itself. */
const ID_FIELDS = new Set(["tenantId", "documentId"]);
const ID_PATTERNS: Record<string, RegExp> = { tenantId: /^[a-z0-9][a-z0-9-]{0,62}$/, documentId: /^[A-Za-z0-9_-]{1,64}$/ };

type Def = { type: string; innerType?: { _zod: { def: Def } }; shape?: Record<string, { _zod: { def: Def } }>; options?: { _zod: { def: Def } }[] };
const defOf = (schema: unknown) => (schema as { _zod: { def: Def } })._zod.def;

/** Field name → its zod type, optional wrappers removed. */
function fieldTypes(schema: z.ZodType): Record<string, string> {
  const def = defOf(schema);
  expect(def.type).toBe("object");
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(def.shape ?? {})) {
    let d = field._zod.def;
    while ((d.type === "optional" || d.type === "default" || d.type === "nullable") && d.innerType) d = d.innerType._zod.def;
    out[name] = d.type;
  }
  return out;
}

async function deliver(bindings: Env, queue: "polls" | "inbound" | "outbound", messages: SentMessage[]) {
  const batch = createMessageBatch(
    queue,
    messages.map((m, i) => ({ id: `sec-${queue}-${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body: m.body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings, ctx);
  return getQueueResult(batch, ctx);
}

describe("queue messages", () => {
  it("carry only ids, enums and numbers by schema", () => {
    const options = defOf(QueueMessage).options ?? [];
    expect(options).toHaveLength(3);
    for (const schema of [PollMessage, InboundMessage, OutboundMessage]) {
      const types = fieldTypes(schema);
      for (const [name, type] of Object.entries(types)) {
        if (type === "string") expect(ID_FIELDS.has(name), `${name} is a free-text string field`).toBe(true);
        else expect(["literal", "enum", "number", "boolean"], `${name}: ${type}`).toContain(type);
      }
    }
  });

  it("hold no secret, and only the schema's fields, through a whole flow with failures", async () => {
    const world = await createWorld();
    const rec = recordingEnv({ vars: { LOG_LEVEL: "debug" } });
    const suffix = crypto.randomUUID().slice(0, 6);
    await drop(world, `out/PO/ok-${suffix}.xml`, withPo(fixtureXml.MultiStore, `SEC-OK-${suffix}`));
    await drop(world, `out/PO/retry-${suffix}.xml`, withPo(fixtureXml.DropShip, `SEC-RETRY-${suffix}`));

    // Poll through the API, then run each queue's consumer on what the previous step sent.
    expect((await fetchWith(rec.env, "POST", `/v1/tenants/${world.tenantId}/poll`, { token: await operatorToken() })).status).toBe(202);
    const polls = rec.sent.filter((m) => m.queue === "polls");
    expect(polls.length).toBeGreaterThan(0);
    await deliver(rec.env, "polls", polls);
    const inbound = rec.sent.filter((m) => m.queue === "inbound");
    expect(inbound).toHaveLength(2);
    // One order's ERP write fails (a retry with the upstream's words in the error), the other succeeds.
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "500", probability: 1, times: 1 }]);
    const first = await deliver(rec.env, "inbound", inbound);
    expect(first.retryMessages.length + first.explicitAcks.length).toBe(2);
    // The failed write was uncertain (a 5xx): the retry creates the order only after the settle window.
    await new Promise((r) => setTimeout(r, 1_100));
    await deliver(rec.env, "inbound", inbound);
    const created = (await salesOrders(world)).map((o: { CustomerOrder: string }) => o.CustomerOrder);
    expect(new Set(created)).toEqual(new Set([`SEC-OK-${suffix}`, `SEC-RETRY-${suffix}`]));

    // A connection whose stored secret is refused: the refusal travels to logs, the status and the reply, the secret does not.
    const wrong = `wrong-client-secret-${crypto.randomUUID()}`;
    const put = await api("PUT", `/v1/tenants/${world.tenantId}/connections/acumatica`, {
      body: { instanceUrl: world.acumatica.base, endpointVersion: "24.200.001", clientId: world.acumatica.clientId, clientSecret: wrong, username: world.acumatica.username, password: world.acumatica.password },
    });
    expect(put.status).toBe(200);
    const test = await fetchWith(rec.env, "POST", `/v1/tenants/${world.tenantId}/connections/acumatica/test`, { token: await operatorToken() });
    expect(test.body.ok).toBe(false);
    expect(knownSecretsForTests()).toContain(wrong);
    const replay = await fetchWith(rec.env, "POST", `/v1/tenants/${world.tenantId}/documents/${(await api("GET", `/v1/tenants/${world.tenantId}/documents?q=SEC-RETRY-${suffix}`)).body.documents[0].id}/replay`, {
      token: await operatorToken(),
      body: { force: true },
    });
    expect(replay.status).toBe(202);
    await deliver(rec.env, "inbound", rec.sent.filter((m) => m.queue === "inbound").slice(-1));

    // Every message sent matches its schema exactly: no extra field, ids that look like ids.
    expect(rec.sent.length).toBeGreaterThanOrEqual(4);
    const schemas = { polls: PollMessage, inbound: InboundMessage, outbound: OutboundMessage } as const;
    for (const message of rec.sent) {
      const parsed = schemas[message.queue].safeParse(message.body);
      expect(parsed.success, JSON.stringify(message)).toBe(true);
      expect(Object.keys(message.body as object).sort()).toEqual(Object.keys(parsed.data!).sort());
      for (const [field, pattern] of Object.entries(ID_PATTERNS)) {
        const value = (message.body as Record<string, unknown>)[field];
        if (value !== undefined) expect(value, field).toMatch(pattern);
      }
    }
    // And nothing the connector holds secret appears in them, in the debug logs, the replies or D1.
    expect(await findSecretLeaks(env as unknown as Record<string, unknown> & { DB: D1Database })).toEqual([]);
    const inventory = scanInventory(env as unknown as Record<string, unknown>);
    expect(inventory.logLines).toBeGreaterThan(0);
    expect(inventory.secrets).toBeGreaterThanOrEqual(4);
    for (const secret of [world.sps.clientSecret, world.acumatica.clientSecret, wrong, env.API_SIGNING_KEY, env.CREDENTIALS_KEY]) {
      expect(willScanFor(env as unknown as Record<string, unknown>, secret)).toBe(true);
    }
  });
});

describe("the leak scan itself", () => {
  it("finds a secret in a log line, names where, and never prints it", () => {
    const secret = `planted-log-secret-${crypto.randomUUID()}`;
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      // Under a key the redactor does not know to be secret, and a value it was never told about.
      createLogger("debug", { component: "self-test" }).warn("upstream said", { said: `rejected ${secret} as a client` });
    } finally {
      setLogSink(previous);
    }
    const findings = findingsIn(lines.map((text, i) => ({ where: `log line ${i + 1}`, text })), new Map([[secret, "a planted secret"]]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^a planted secret \(\d+ chars\) appears in log line 1: .*\[SECRET\]/);
    expect(findings[0]).not.toContain(secret);
  });

  it("finds a secret in a D1 row, then passes once it is gone", async () => {
    const world = await createWorld({ partners: false, items: false });
    await drop(world, "out/PO/plant.xml", "<not-an-order/>");
    expect((await api("POST", `/v1/tenants/${world.tenantId}/poll`)).status).toBe(202);
    const [doc] = await waitForSettled(world, 1);
    const docId: string = doc.id;
    const secret = `planted-row-secret-${crypto.randomUUID()}`;
    noteSecret(secret, "a planted secret");
    await env.DB.prepare("UPDATE documents SET last_error = ? WHERE id = ?").bind(`token was ${secret}`, docId).run();
    const withLeak = await findSecretLeaks(env as unknown as Record<string, unknown> & { DB: D1Database });
    expect(withLeak.some((f) => f.startsWith("a planted secret") && f.includes(`D1 documents.last_error (row ${docId})`))).toBe(true);
    expect(withLeak.join("\n")).not.toContain(secret);
    await env.DB.prepare("UPDATE documents SET last_error = NULL WHERE id = ?").bind(docId).run();
    expect(await findSecretLeaks(env as unknown as Record<string, unknown> & { DB: D1Database })).toEqual([]);
  });
});
