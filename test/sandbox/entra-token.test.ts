// The Entra ID v2.0 token endpoint (dynamics-365-fo.md section 1, 9a): client credentials with
// scope {env}/.default, Entra's error shape and AADSTS codes, token lifetime, the token bound to the
// environment it was issued for, the throttle switch, and faults under the entra scope.
import { describe, expect, it } from "vitest";
import { clientCredentials, createDirectory, createFoWorld, foFetch, foToken, requestEntraToken } from "./dynamics-helpers";
import { control, readJson } from "./sandbox-control";

async function entraError(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await readJson(response) };
}

describe("token errors in Entra's shape", () => {
  it("refuses a wrong secret with 401 invalid_client AADSTS7000215", async () => {
    const world = await createFoWorld();
    const { status, body } = await entraError(await requestEntraToken(world.tenantId, { ...clientCredentials(world, `${world.environmentUrl}/.default`), client_secret: "wrong" }));
    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
    expect(body.error_codes).toEqual([7000215]);
    expect(body.error_description).toMatch(
      /^AADSTS7000215: Invalid client secret provided\. .*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/,
    );
    expect(body).toMatchObject({ trace_id: expect.any(String), correlation_id: expect.any(String), timestamp: expect.stringMatching(/Z$/) });
  });

  it("refuses an unknown client id with 400 unauthorized_client AADSTS700016", async () => {
    const world = await createFoWorld();
    const unknown = crypto.randomUUID();
    const { status, body } = await entraError(await requestEntraToken(world.tenantId, { ...clientCredentials(world, `${world.environmentUrl}/.default`), client_id: unknown }));
    expect(status).toBe(400);
    expect(body.error).toBe("unauthorized_client");
    expect(body.error_codes).toEqual([700016]);
    expect(body.error_description).toContain(`AADSTS700016: Application with identifier '${unknown}' was not found in the directory`);
  });

  it("refuses an unknown tenant with 400 invalid_request AADSTS90002, and a malformed one with AADSTS900023", async () => {
    const world = await createFoWorld();
    const tenant = crypto.randomUUID();
    const unknown = await entraError(await requestEntraToken(tenant, clientCredentials(world, `${world.environmentUrl}/.default`)));
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: "invalid_request", error_codes: [90002] });
    expect(unknown.body.error_description).toContain(`AADSTS90002: Tenant '${tenant}' not found.`);
    const malformed = await entraError(await requestEntraToken("not_a_tenant", clientCredentials(world, `${world.environmentUrl}/.default`)));
    expect(malformed.body.error_codes).toEqual([900023]);
  });

  it("refuses a scope for an environment the directory does not know with 400 invalid_resource AADSTS500011", async () => {
    const world = await createFoWorld();
    const other = await createFoWorld();
    for (const scope of [`${other.environmentUrl}/.default`, "https://nowhere.operations.dynamics.com/.default", `${world.environmentUrl}//.default`]) {
      const { status, body } = await entraError(await requestEntraToken(world.tenantId, clientCredentials(world, scope)));
      expect(status, scope).toBe(400);
      expect(body.error, scope).toBe("invalid_resource");
      expect(body.error_codes, scope).toEqual([500011]);
    }
  });

  it("refuses a scope without /.default (AADSTS1002012) and a grant other than client_credentials (AADSTS70003)", async () => {
    const world = await createFoWorld();
    const scope = await entraError(await requestEntraToken(world.tenantId, clientCredentials(world, world.environmentUrl)));
    expect(scope).toMatchObject({ status: 400, body: { error: "invalid_scope", error_codes: [1002012] } });
    const grant = await entraError(await requestEntraToken(world.tenantId, { ...clientCredentials(world, `${world.environmentUrl}/.default`), grant_type: "client_credential" }));
    expect(grant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type", error_codes: [70003] } });
    const missing = await entraError(await requestEntraToken(world.tenantId, { client_id: world.clientId }));
    expect(missing).toMatchObject({ status: 400, body: { error: "invalid_request", error_codes: [900144] } });
  });
});

describe("tokens", () => {
  it("issues a Bearer token with the configured lifetime, also for a tenant named by its domain", async () => {
    const domain = `edi-${crypto.randomUUID().slice(0, 8)}.onmicrosoft.com`;
    const world = await createFoWorld({}, { domains: [domain], tokenTtlSeconds: 1200, extTokenTtlSeconds: 2400 });
    const response = await requestEntraToken(domain, clientCredentials(world, `${world.environmentUrl}/.default`));
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toEqual({ token_type: "Bearer", expires_in: 1200, ext_expires_in: 2400, access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
    const claims = JSON.parse(atob(body.access_token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    expect(claims).toMatchObject({ aud: world.environmentUrl, tid: world.tenantId, appid: world.clientId });
    expect(claims.exp - claims.iat).toBe(1200);
  });

  it("expires tokens after their lifetime: F&O then answers 401", async () => {
    const world = await createFoWorld({}, { tokenTtlSeconds: 1 });
    const token = await foToken(world);
    expect((await foFetch(world, token, "GET", "CustomersV3?$top=1")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await foFetch(world, token, "GET", "CustomersV3?$top=1");
    expect(expired.status).toBe(401);
    expect(await readJson(expired)).toEqual({ Message: "Authentication failed.", StackTrace: null, ExceptionType: "System.InvalidOperationException" });
    expect(expired.headers.get("www-authenticate")).toContain("token expired");
  });

  it("binds a token to the environment it was issued for", async () => {
    const dir = await createDirectory();
    const hostA = `a-${crypto.randomUUID().slice(0, 8)}.operations.dynamics.com`;
    const hostB = `b-${crypto.randomUUID().slice(0, 8)}.operations.dynamics.com`;
    for (const environment of [hostA, hostB]) {
      expect((await control("POST", "/dynamics/environments", { environment, tenant: dir.tenantId, clientIds: [dir.clientId] })).status).toBe(201);
    }
    const worldA = { ...dir, host: hostA, environmentUrl: `https://${hostA}`, data: `https://${hostA}/data` };
    const worldB = { ...dir, host: hostB, environmentUrl: `https://${hostB}`, data: `https://${hostB}/data` };
    const tokenA = await foToken(worldA);
    expect((await foFetch(worldA, tokenA, "GET", "CustomersV3?$top=1")).status).toBe(200);
    const wrong = await foFetch(worldB, tokenA, "GET", "CustomersV3?$top=1");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("another resource");
  });

  it("answers 401 from F&O for an app the environment has not registered, although Entra issued the token", async () => {
    const world = await createFoWorld();
    const stranger = { clientId: crypto.randomUUID(), clientSecret: "s-2" };
    await control("PATCH", `/entra/directories/${world.tenantId}`, { apps: [{ clientId: world.clientId, clientSecret: world.clientSecret }, stranger] });
    const token = await foToken({ ...world, ...stranger });
    const response = await foFetch(world, token, "GET", "CustomersV3?$top=1");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain("not registered");
  });
});

describe("throttle switch and faults", () => {
  it("throttles the token endpoint past the per-minute limit with 429 and Retry-After", async () => {
    const world = await createFoWorld({}, { tokenRequestsPerMinute: 2 });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 3; i++) {
      last = await requestEntraToken(world.tenantId, clientCredentials(world, `${world.environmentUrl}/.default`));
      statuses.push(last.status);
      if (i < 2) await last.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await readJson(last!)).error).toBe("temporarily_unavailable");
    const counters = await control("GET", `/counters?sim=entra&tenant=${world.tenantId}`);
    expect(counters.json).toMatchObject({ tokenRequests: 3, throttled: 1, requests: { "dynamics.token": 3 }, statuses: { "200": 2, "429": 1 } });
  });

  it("injects a 500 and a 429 on dynamics.token in the directory's scope", async () => {
    const world = await createFoWorld();
    await control("PUT", "/faults", {
      scope: { sim: "entra", tenant: world.tenantId },
      rules: [
        { route: "dynamics.token", kind: "500", times: 1 },
        { route: "dynamics.token", kind: "429", retryAfter: 3, times: 1 },
      ],
    });
    const fields = clientCredentials(world, `${world.environmentUrl}/.default`);
    const first = await requestEntraToken(world.tenantId, fields);
    expect(first.status).toBe(500);
    expect((await readJson(first)).error).toBe("server_error");
    const second = await requestEntraToken(world.tenantId, fields);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("3");
    await second.arrayBuffer();
    expect((await requestEntraToken(world.tenantId, fields)).status).toBe(200);
  });
});
