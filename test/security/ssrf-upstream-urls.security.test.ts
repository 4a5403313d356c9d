// Server-side request forgery through tenant-supplied URLs. Through the API: every URL field of every
// connection refuses private, loopback and link-local hosts in all their spellings (decimal, octal,
// hex, IPv6 forms that embed IPv4), local names (with or without a trailing dot), credentials in the
// URL and non-https schemes, naming the field and the reason; loopback http is admitted only with
// ALLOW_PRIVATE_UPSTREAMS=true. End to end: an upstream that answers with a redirect (to the cloud
// metadata address, or to another host the sandbox counts) is reported as a configuration error and
// the redirect target never receives a request, in the connection test, a poll and an order write.
import { vi, describe, expect, it } from "vitest";
import { validateUpstreamUrl } from "../../src/lib/url-guard";
import { api, createTenant, operatorToken, uniqueTenantId } from "../helpers/api";
import { drop, fixtureXml, mailbox, pollNow, salesOrders, setFaults, waitForSettled, withPo } from "../helpers/flow";
import { acumaticaCounters, createWorld } from "../helpers/world";
import { createAcumaticaInstance } from "../sandbox/sandbox-control";
import { fetchWith, recordingEnv } from "./recording-env";

const METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

/** Hostile upstream URLs, by what they try. */
const HOSTILE: Record<string, string[]> = {
  "10/8": ["https://10.0.0.1", "https://10.255.255.254", "https://10.1"],
  "172.16/12": ["https://172.16.0.1", "https://172.20.1.1", "https://172.31.255.255"],
  "192.168/16": ["https://192.168.0.1", "https://192.168.255.254"],
  "link-local and cloud metadata": [
    "https://169.254.169.254/latest/meta-data",
    "https://2852039166",
    "https://0251.0376.0251.0376",
    "https://0xa9fea9fe",
    "https://0xA9.254.0251.0xfe",
    "https://169.254.169.254.",
    "https://[::ffff:169.254.169.254]",
    "https://[::ffff:a9fe:a9fe]",
    "https://[64:ff9b::169.254.169.254]",
    "https://[2002:a9fe:a9fe::1]",
    "https://[fd00:ec2::254]",
    "https://[fe80::1]",
  ],
  "127/8": ["https://127.0.0.1", "https://127.255.255.254", "https://127.1", "https://2130706433", "https://017700000001", "https://0x7f000001", "https://0x7f.0.0.1", "https://[::127.0.0.1]", "https://[::ffff:127.0.0.1]"],
  "::1 and ::": ["https://[::1]", "https://[0:0:0:0:0:0:0:1]", "https://[::]", "https://0.0.0.0", "https://0"],
  "fc00::/7": ["https://[fc00::1]", "https://[fd12:3456:789a::1]", "https://[fdff:ffff::1]"],
  "local names": [
    "https://localhost",
    "https://LOCALHOST:8443",
    "https://localhost.",
    "https://api.localhost",
    "https://api.localhost.",
    "https://printer.local",
    "https://printer.local.",
    "https://metadata.google.internal",
    "https://metadata.google.internal.",
    "https://erp.corp",
    "https://nas.lan",
    "https://intranet",
    "https://intranet.",
    "https://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ",
  ],
  "credentials in the URL": ["https://user:pass@acme.acumatica.com", "https://user@acme.acumatica.com", "https://:pass@acme.acumatica.com", "https://acme.acumatica.com@169.254.169.254"],
  "other schemes": ["http://acme.acumatica.com", "ftp://acme.acumatica.com", "file:///etc/passwd", "gopher://acme.acumatica.com", "ws://acme.acumatica.com", "wss://acme.acumatica.com", "javascript:alert(1)", "data:text/plain,x", "//acme.acumatica.com", "not a url"],
};
const ALL_HOSTILE = Object.values(HOSTILE).flat();
const CLEAR_REASON = /private|loopback|link-local|local name|credentials|https|scheme|not a valid/;

const validBodies = {
  sps: { clientId: "sps-client", clientSecret: "sps-secret-ssrf-0123456789" },
  acumatica: { instanceUrl: "https://acme.acumatica.com", endpointVersion: "24.200.001", clientId: "c@Company", clientSecret: "acu-secret-ssrf-0123456789", username: "u", password: "acu-password-ssrf-01234" },
  dynamics: { environmentUrl: "https://contoso.operations.dynamics.com", entraTenantId: "contoso.onmicrosoft.com", clientId: "c", clientSecret: "dyn-secret-ssrf-0123456789" },
} as const;
const URL_FIELDS = { sps: ["apiUrl", "authUrl"], acumatica: ["instanceUrl"], dynamics: ["environmentUrl", "authorityUrl"] } as const;

describe("tenant-supplied URLs", () => {
  it.each(Object.entries(HOSTILE))("the guard refuses %s with a reason", (_what, urls) => {
    for (const url of urls) {
      const r = validateUpstreamUrl(url, { allowPrivate: false });
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.error.message, url).toMatch(CLEAR_REASON);
    }
  });

  it("the guard still admits public hosts, including ones that merely look near private ranges", () => {
    for (const url of ["https://172.15.255.255", "https://172.32.0.1", "https://192.169.0.1", "https://169.255.0.1", "https://[2001:4860:4860::8888]", "https://[64:ff9b::808:808]", "https://localhost.example.com", "https://acme.acumatica.com./"]) {
      expect(validateUpstreamUrl(url, { allowPrivate: false }).ok, url).toBe(true);
    }
  });

  it("refuses every hostile URL in every URL field of every connection, names the field, and stores nothing", async () => {
    const acu = uniqueTenantId("ssrf-acu");
    const dyn = uniqueTenantId("ssrf-dyn");
    await createTenant(acu, "acumatica");
    await createTenant(dyn, "dynamics");
    const failures: string[] = [];
    for (const [system, tenant] of [["sps", acu], ["acumatica", acu], ["dynamics", dyn]] as const) {
      for (const field of URL_FIELDS[system]) {
        for (const url of ALL_HOSTILE) {
          const res = await api("PUT", `/v1/tenants/${tenant}/connections/${system}`, { body: { ...validBodies[system], [field]: url } });
          const detail = res.body?.error?.details?.find((d: { path: string }) => d.path === field);
          if (res.status !== 400 || !detail || !CLEAR_REASON.test(detail.message)) failures.push(`${system}.${field} = ${url}: ${res.status} ${res.text.slice(0, 160)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    for (const tenant of [acu, dyn]) expect((await api("GET", `/v1/tenants/${tenant}`)).body.connections).toEqual([]);
  });

  it("admits loopback http only when ALLOW_PRIVATE_UPSTREAMS=true, and nothing else private even then", async () => {
    const tenant = uniqueTenantId("ssrf-local");
    await createTenant(tenant, "acumatica");
    const allowed = recordingEnv({ vars: { ALLOW_PRIVATE_UPSTREAMS: "true" } }).env;
    const production = recordingEnv({ vars: { ALLOW_PRIVATE_UPSTREAMS: "false" } }).env;
    const call = async (bindings: typeof allowed, apiUrl: string) =>
      fetchWith(bindings, "PUT", `/v1/tenants/${tenant}/connections/sps`, { token: await operatorToken(), body: { ...validBodies.sps, apiUrl } });
    for (const url of ["http://127.0.0.1:8788/sps", "http://localhost:8788/sps", "http://[::1]:8788/sps"]) {
      expect((await call(allowed, url)).status, `${url} allowed`).toBe(200);
      const refused = await call(production, url);
      expect(refused.status, `${url} in production`).toBe(400);
      expect(refused.body.error.details[0]).toEqual({ path: "apiUrl", message: "only https URLs are allowed" });
    }
    for (const url of ["http://10.0.0.1:8788", "http://169.254.169.254", "https://169.254.169.254", "https://192.168.1.10", "http://acme.acumatica.com", "https://user:pw@127.0.0.1"]) {
      const res = await call(allowed, url);
      expect(res.status, `${url} with private upstreams allowed`).toBe(400);
    }
  });
});

describe("redirects from upstreams", () => {
  async function canary() {
    const instance = await createAcumaticaInstance();
    return { target: `${instance.base}/identity/connect/token`, host: instance.host };
  }
  async function expectUntouched(host: string) {
    const counters = await acumaticaCounters(host);
    expect(counters.requests).toEqual({});
    expect(counters.tokenRequests).toBe(0);
  }
  const REDIRECT = /answered a redirect \(30\d to .+\); redirects are not followed/;

  it("reports a redirecting SPS token endpoint in the connection test and never follows it", async () => {
    const world = await createWorld({ partners: false, items: false });
    const trap = await canary();
    for (const [location, status] of [[METADATA, 302], [trap.target, 307]] as const) {
      await setFaults(world, "sps", [{ route: "sps.token", kind: "redirect", location, redirectStatus: status }]);
      const res = await api("POST", `/v1/tenants/${world.tenantId}/connections/sps/test`);
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.checks[0]).toMatchObject({ name: "token", ok: false });
      expect(res.body.checks[0].message).toMatch(REDIRECT);
      expect(res.body.checks[0].message).toContain(new URL(location).host);
      // Following it would have been a network failure (the metadata host is unknown to the sandbox).
      expect(res.body.checks[0].message).not.toMatch(/failed:|reachable/);
    }
    await expectUntouched(trap.host);
  });

  it("reports a redirecting mailbox listing and a redirecting Acumatica token endpoint, and never follows them", async () => {
    const world = await createWorld({ partners: false, items: false });
    const trap = await canary();
    await setFaults(world, "sps", [{ route: "sps.list", kind: "redirect", location: trap.target, redirectStatus: 308 }]);
    const sps = await api("POST", `/v1/tenants/${world.tenantId}/connections/sps/test`);
    expect(sps.body.checks.map((c: { name: string; ok: boolean }) => `${c.name}:${c.ok}`)).toEqual(["token:true", "mailbox:false"]);
    expect(sps.body.checks[1].message).toMatch(REDIRECT);
    await setFaults(world, "acumatica", [{ route: "acumatica.token", kind: "redirect", location: trap.target, redirectStatus: 307 }]);
    const acu = await api("POST", `/v1/tenants/${world.tenantId}/connections/acumatica/test`);
    expect(acu.body.ok).toBe(false);
    expect(acu.body.checks[0].message).toMatch(REDIRECT);
    // The operator sees it on the tenant too.
    const tenant = await api("GET", `/v1/tenants/${world.tenantId}`);
    const acuView = tenant.body.connections.find((c: { system: string }) => c.system === "acumatica");
    expect(acuView).toMatchObject({ status: "broken" });
    expect(acuView.statusMessage).toMatch(REDIRECT);
    await expectUntouched(trap.host);
  });

  it("marks the connection broken when a file download redirects, keeps the file, and never follows", async () => {
    const world = await createWorld();
    const trap = await canary();
    await setFaults(world, "sps", [{ route: "sps.get", kind: "redirect", location: METADATA }]);
    await drop(world, "out/PO/redirected.xml", withPo(fixtureXml.CrossDock, "REDIRECT-GET-1"));
    await pollNow(world);
    await vi.waitFor(
      async () => {
        const tenant = await api("GET", `/v1/tenants/${world.tenantId}`);
        const view = tenant.body.connections.find((c: { system: string }) => c.system === "sps");
        expect(view.status).toBe("broken");
        expect(view.statusMessage).toMatch(REDIRECT);
      },
      { timeout: 15_000, interval: 200 },
    );
    expect((await mailbox(world, "out/")).map((f) => f.path)).toEqual(["/out/PO/redirected.xml"]);
    await expectUntouched(trap.host);
  });

  it("settles an order whose ERP write is redirected as failed with the reason, creating nothing anywhere", async () => {
    const world = await createWorld();
    const trap = await canary();
    await setFaults(world, "acumatica", [{ route: "acumatica.put:SalesOrder", kind: "redirect", location: trap.target.replace("/identity/connect/token", "/entity/Default/24.200.001/SalesOrder") }]);
    await drop(world, "out/PO/redirect-write.xml", withPo(fixtureXml.DropShip, "REDIRECT-PUT-1"));
    await pollNow(world);
    const [doc] = await waitForSettled(world, 1);
    expect(doc.status).toBe("failed");
    const detail = (await api("GET", `/v1/tenants/${world.tenantId}/documents/${doc.id}`)).body;
    expect([...(detail.statusDetail ?? []), detail.lastError ?? ""].join(" ")).toMatch(REDIRECT);
    expect(await salesOrders(world)).toHaveLength(0);
    await expectUntouched(trap.host);
  });
});
