// Every route of the API, enumerated from GET /v1/openapi.json (a new route is covered without a
// change here), called with every kind of bad credential: 401 with the bare error envelope, and for a
// valid token of another tenant 403 before any lookup, so the reply is the same whether the tenant,
// document or partner it names exists. Nothing of the tenant named in the path reaches the body, and
// nothing changes on its side.
import { env } from "cloudflare:test";
import { SignJWT, UnsecuredJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTenant, mintToken, tenantToken, uniqueTenantId, type ApiReply } from "../helpers/api";
import { drop, fixtureXml, pollNow, waitForSettled, withPo } from "../helpers/flow";
import { createWorld, spsCounters, type World } from "../helpers/world";

interface Operation {
  method: string;
  /** The OpenAPI path template, e.g. /v1/tenants/{tenant}/documents/{id}. */
  template: string;
  pathParams: string[];
  /** False for operations that declare `security: []` (they authenticate by other means, e.g. the hooks' own secret). */
  bearer: boolean;
  hasBody: boolean;
}

type Credential = { kind: string; headers: () => Promise<Record<string, string>> };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const keyBytes = () => new TextEncoder().encode(env.API_SIGNING_KEY);
const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** Every way a caller can fail to be an operator or the tenant in the path. */
function badCredentials(): Credential[] {
  const nowSec = Math.floor(Date.now() / 1000);
  return [
    { kind: "no Authorization header", headers: async () => ({}) },
    { kind: "an empty bearer", headers: async () => ({ authorization: "Bearer " }) },
    { kind: "another scheme (Basic)", headers: async () => ({ authorization: `Basic ${btoa("operator:operator")}` }) },
    { kind: "not a JWT", headers: async () => bearer("not-a-jwt") },
    { kind: "three garbage segments", headers: async () => bearer("aaaa.bbbb.cccc") },
    { kind: "a JWT cut after its payload", headers: async () => bearer((await mintToken({ role: "operator" })).split(".").slice(0, 2).join(".")) },
    { kind: "alg none", headers: async () => bearer(new UnsecuredJWT({ role: "operator" }).setIssuedAt().setExpirationTime("1h").encode()) },
    {
      kind: "alg none carrying a real signature",
      headers: async () => {
        const signature = (await mintToken({ role: "operator" })).split(".")[2];
        return bearer(`${b64url({ alg: "none", typ: "JWT" })}.${b64url({ role: "operator", exp: nowSec + 3600 })}.${signature}`);
      },
    },
    { kind: "a wrong key", headers: async () => bearer(await mintToken({ role: "operator" }, { key: "not-the-signing-key-but-long-enough-32b" })) },
    { kind: "HS512 with the right key (algorithm not allowed)", headers: async () => bearer(await mintToken({ role: "operator" }, { alg: "HS512" })) },
    {
      kind: "an expired token",
      headers: async () =>
        bearer(await new SignJWT({ role: "operator" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt(nowSec - 7200).setExpirationTime(nowSec - 3600).sign(keyBytes())),
    },
    {
      kind: "a token not valid yet (nbf in an hour)",
      headers: async () =>
        bearer(await new SignJWT({ role: "operator" }).setProtectedHeader({ alg: "HS256" }).setNotBefore(nowSec + 3600).setExpirationTime(nowSec + 7200).sign(keyBytes())),
    },
    {
      kind: "a tenant token rewritten to operator (signature kept)",
      headers: async () => {
        const [header, , signature] = (await tenantToken("someone")).split(".");
        return bearer(`${header}.${b64url({ role: "operator", exp: nowSec + 3600 })}.${signature}`);
      },
    },
    {
      kind: "a token without exp (never expires)",
      headers: async () => bearer(await new SignJWT({ role: "operator" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(keyBytes())),
    },
    { kind: "no role claim", headers: async () => bearer(await mintToken({ sub: "x" })) },
    { kind: "an unknown role", headers: async () => bearer(await mintToken({ role: "admin" })) },
    { kind: "a tenant role without a tenant", headers: async () => bearer(await mintToken({ role: "tenant" })) },
  ];
}

async function listOperations(): Promise<Operation[]> {
  const doc = await api("GET", "/v1/openapi.json", { token: null });
  expect(doc.status).toBe(200);
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.body.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "put", "post", "patch", "delete"].includes(method)) continue;
      const pathParams = (op.parameters ?? []).filter((p: { in: string }) => p.in === "path").map((p: { name: string }) => p.name);
      ops.push({
        method: method.toUpperCase(),
        template,
        pathParams,
        bearer: !(Array.isArray(op.security) && op.security.length === 0),
        hasBody: op.requestBody !== undefined,
      });
    }
  }
  return ops;
}

interface Victim {
  world: World;
  documentId: string;
  po: string;
  partnerId: string;
}

function fill(op: Operation, values: { tenant: string; id: string; partnerId: string }): string {
  return op.template
    .replace("{tenant}", encodeURIComponent(values.tenant))
    .replace("{id}", encodeURIComponent(values.id))
    .replace("{partnerId}", encodeURIComponent(values.partnerId))
    .replace("{system}", "sps");
}

/** The reply is the bare error envelope with the given code: nothing else, no details. */
function expectBareEnvelope(res: ApiReply, code: string, label: string) {
  expect(res.headers.get("content-type") ?? "", label).toMatch(/^application\/json/);
  expect(Object.keys(res.body ?? {}), label).toEqual(["error"]);
  expect(Object.keys(res.body.error).sort(), label).toEqual(["code", "message"]);
  expect(res.body.error.code, label).toBe(code);
}

/** Strings only the victim tenant's data holds. */
function victimStrings(v: Victim): string[] {
  return [v.world.tenantId, v.documentId, v.po, v.world.sps.clientId, v.world.acumatica.host];
}

describe("every route with bad credentials", () => {
  let ops: Operation[];
  let victim: Victim;
  let before: { audit: number; partner: string; connections: string; spsRequests: number };

  beforeAll(async () => {
    ops = await listOperations();
    const world = await createWorld();
    const po = `VICTIM-${crypto.randomUUID().slice(0, 8)}`;
    await drop(world, `out/PO/${po}.xml`, withPo(fixtureXml.CrossDock, po));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    victim = { world, documentId: doc.id, po, partnerId: "NWHALLNORTHWND" };
    before = await victimState(victim);
  }, 60_000);

  async function victimState(v: Victim) {
    const t = v.world.tenantId;
    const audit = (await api("GET", `/v1/tenants/${t}/documents/${v.documentId}`)).body.audit.length;
    const partner = (await api("GET", `/v1/tenants/${t}/partners/${v.partnerId}`)).text;
    const connections = JSON.stringify((await api("GET", `/v1/tenants/${t}`)).body.connections);
    const counters = await spsCounters(v.world.sps.clientId);
    const spsRequests = Object.values(counters.requests as Record<string, number>).reduce((a, b) => a + b, 0);
    return { audit, partner, connections, spsRequests };
  }

  it("finds every route in the OpenAPI document", () => {
    const names = ops.map((o) => `${o.method} ${o.template}`);
    // The contract's routes (docs/design.md, the HTTP contract) must all be there, so the sweep below is not vacuous.
    expect(names).toEqual(
      expect.arrayContaining([
        "POST /v1/tenants",
        "GET /v1/tenants",
        "GET /v1/tenants/{tenant}",
        "PUT /v1/tenants/{tenant}/connections/sps",
        "PUT /v1/tenants/{tenant}/connections/acumatica",
        "PUT /v1/tenants/{tenant}/connections/dynamics",
        "POST /v1/tenants/{tenant}/connections/{system}/test",
        "PUT /v1/tenants/{tenant}/partners/{partnerId}",
        "PUT /v1/tenants/{tenant}/items",
        "GET /v1/tenants/{tenant}/documents",
        "GET /v1/tenants/{tenant}/documents/{id}",
        "POST /v1/tenants/{tenant}/documents/{id}/replay",
        "POST /v1/tenants/{tenant}/poll",
      ]),
    );
  });

  it("answers 401 with the bare envelope to every bad credential on every route", async () => {
    const failures: string[] = [];
    for (const credential of badCredentials()) {
      for (const op of ops) {
        const path = fill(op, { tenant: victim.world.tenantId, id: victim.documentId, partnerId: victim.partnerId });
        const res = await api(op.method, path, { token: null, headers: await credential.headers(), ...(op.hasBody ? { body: {} } : {}) });
        const label = `${op.method} ${op.template} with ${credential.kind}`;
        if (res.status !== 401) {
          failures.push(`${label}: ${res.status} ${res.text.slice(0, 200)}`);
          continue;
        }
        expectBareEnvelope(res, "unauthorized", label);
        for (const s of victimStrings(victim)) expect(res.text, label).not.toContain(s);
      }
    }
    expect(failures).toEqual([]);
  });

  it("says why a token was refused without echoing it", async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: "operator" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime(nowSec - 60).sign(keyBytes());
    const res = await api("GET", "/v1/tenants", { token: expired });
    expect(res.body.error.message).toBe("The token has expired");
    expect(res.text).not.toContain(expired.split(".")[1]);
    const none = await api("GET", "/v1/tenants", { token: null });
    expect(none.body.error.message).toMatch(/Missing bearer token/);
    const forever = await new SignJWT({ role: "operator" }).setProtectedHeader({ alg: "HS256" }).setIssuedAt().sign(keyBytes());
    const noExp = await api("GET", "/v1/tenants", { token: forever });
    expect(noExp.status).toBe(401);
    expect(noExp.body.error.message).toBe("The token has no expiry (exp claim); mint tokens with one, e.g. npm run token -- --role operator --ttl 12h");
  });

  it("answers 403 to another tenant's valid token on every tenant route, before validating or looking anything up", async () => {
    const attacker = uniqueTenantId("attacker");
    await createTenant(attacker);
    const token = await tenantToken(attacker);
    const failures: string[] = [];
    for (const op of ops) {
      const label = `${op.method} ${op.template}`;
      if (!op.bearer) {
        // Routes with their own authentication (the business-event hook's secret): an API token of any tenant is no credential there.
        const res = await api(op.method, fill(op, { tenant: victim.world.tenantId, id: victim.documentId, partnerId: victim.partnerId }), { token, body: {} });
        if (res.status !== 401) failures.push(`${label} (own authentication): ${res.status}`);
        else expectBareEnvelope(res, "unauthorized", label);
        continue;
      }
      if (!op.pathParams.includes("tenant")) continue;
      // The same call naming: the victim's real ids; ids that do not exist under the victim; a tenant that does not exist.
      const variants = [
        { tenant: victim.world.tenantId, id: victim.documentId, partnerId: victim.partnerId },
        { tenant: victim.world.tenantId, id: "doc_doesnotexist0000", partnerId: "NOSUCHPARTNER" },
        { tenant: uniqueTenantId("ghost"), id: "doc_doesnotexist0000", partnerId: "NOSUCHPARTNER" },
      ];
      // Bodies from empty to plausible: validation must not run before the access check.
      const bodies: (unknown | undefined)[] = op.hasBody ? [{}, { customerId: "X", clientId: "x", clientSecret: "attacker-secret-value", force: true }, "not json"] : [undefined];
      const replies: string[] = [];
      for (const values of variants) {
        for (const body of bodies) {
          const res = await api(op.method, fill(op, values), { token, ...(typeof body === "string" ? { raw: body, contentType: "application/json" } : body === undefined ? {} : { body }) });
          if (res.status !== 403) {
            failures.push(`${label} naming ${values.tenant}/${values.id}/${values.partnerId} with body ${JSON.stringify(body)}: ${res.status} ${res.text.slice(0, 160)}`);
            continue;
          }
          expectBareEnvelope(res, "forbidden", label);
          for (const s of victimStrings(victim)) expect(res.text, label).not.toContain(s);
          replies.push(res.text);
        }
      }
      // Existence cannot be probed: every variant got the very same reply.
      expect(new Set(replies).size, `${label}: ${[...new Set(replies)].join(" | ")}`).toBeLessThanOrEqual(1);
    }
    expect(failures).toEqual([]);
    // Routes without a tenant in the path: a tenant token sees only itself and cannot create tenants.
    const list = await api("GET", "/v1/tenants", { token });
    expect(list.body.tenants.map((t: { id: string }) => t.id)).toEqual([attacker]);
    const wanted = uniqueTenantId("wanted");
    for (const body of [{}, { id: wanted, name: "n", erp: "acumatica" }]) {
      const create = await api("POST", "/v1/tenants", { token, body });
      expect(create.status).toBe(403);
      expectBareEnvelope(create, "forbidden", "POST /v1/tenants");
    }
    expect((await api("GET", `/v1/tenants/${wanted}`)).status).toBe(404);
  });

  it("still tells an operator what does not exist (the 403s above are not a blanket refusal)", async () => {
    const t = victim.world.tenantId;
    expect((await api("GET", `/v1/tenants/${t}/documents/doc_doesnotexist0000`)).status).toBe(404);
    expect((await api("GET", `/v1/tenants/${uniqueTenantId("ghost")}`)).status).toBe(404);
    expect((await api("GET", `/v1/tenants/${t}/documents/${victim.documentId}`, { token: await tenantToken(t) })).status).toBe(200);
  });

  it("left the victim tenant untouched", async () => {
    expect(await victimState(victim)).toEqual(before);
  });
});
