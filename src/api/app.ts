// The Hono app: request id, body limits, auth on /v1, the resource routes, the OpenAPI document
// generated from the same zod schemas, its reference page, and health.
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { createDb } from "../db/client";
import { readConfig } from "../env";
import { newId } from "../lib/ids";
import { authenticate } from "./auth";
import type { AppEnv } from "./context";
import { renderDocsPage } from "./docs-page";
import { ApiError, errorBody, onError, validationHook } from "./errors";
import { consoleApp } from "../console/app";
import { activityRoutes } from "./routes/activity";
import { alertRoutes } from "./routes/alerts";
import { connectionRoutes } from "./routes/connections";
import { documentRoutes } from "./routes/documents";
import { hookRoutes } from "./routes/hooks";
import { itemRoutes } from "./routes/items";
import { obligationRoutes } from "./routes/obligations";
import { labelRoutes } from "./routes/labels";
import { partnerRoutes } from "./routes/partners";
import { readinessRoutes } from "./routes/readiness";
import { tenantRoutes } from "./routes/tenants";

/** JSON bodies are small; item CSVs may be large (50,000 rows). */
const BODY_LIMIT = 1024 * 1024;
const ITEMS_BODY_LIMIT = 8 * 1024 * 1024;

const tooLarge = (limit: number) => () => {
  throw new ApiError("payload_too_large", `The request body is larger than ${limit} bytes`);
};

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use("*", async (c, next) => {
    c.set("requestId", c.req.header("cf-ray") ?? newId("req"));
    c.set("config", readConfig(c.env));
    c.set("db", createDb(c.env.DB));
    await next();
    c.header("x-request-id", c.get("requestId"));
  });

  app.get("/health", (c) => c.json({ ok: true, service: "sps-erp-connector" }));
  // The operator console (src/console): its own session cookie, not the API's bearer tokens.
  app.use("/console/*", bodyLimit({ maxSize: BODY_LIMIT, onError: tooLarge(BODY_LIMIT) }));
  // The console keeps a session variable of its own on top of AppEnv; the router does not care.
  app.route("/", consoleApp as unknown as OpenAPIHono<AppEnv>);

  app.use("/v1/tenants/:tenant/items", bodyLimit({ maxSize: ITEMS_BODY_LIMIT, onError: tooLarge(ITEMS_BODY_LIMIT) }));
  app.use("/v1/*", async (c, next) => {
    if (c.req.path.endsWith("/items")) return next();
    return bodyLimit({ maxSize: BODY_LIMIT, onError: tooLarge(BODY_LIMIT) })(c, next);
  });
  app.use("/v1/*", async (c, next) => {
    // Business events authenticate with the tenant's own secret (routes/hooks.ts), not an API token.
    if (c.req.path === "/v1/openapi.json" || c.req.path.startsWith("/v1/hooks/")) return next();
    return authenticate(c, next);
  });

  app.route("/", tenantRoutes);
  app.route("/", connectionRoutes);
  app.route("/", readinessRoutes);
  app.route("/", partnerRoutes);
  app.route("/", itemRoutes);
  app.route("/", documentRoutes);
  app.route("/", labelRoutes);
  app.route("/", hookRoutes);
  app.route("/", obligationRoutes);
  app.route("/", alertRoutes);
  app.route("/", activityRoutes);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
  app.doc31("/v1/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "SPS–ERP connector API",
      version: "1",
      description:
        "Configure tenants, their SPS and ERP connections, partner and item mappings; list documents, read their audit trail and replay them. Bearer JWT: role operator (all tenants) or tenant (its own).",
    },
    servers: [{ url: new URL(c.req.url).origin }],
    security: [{ bearer: [] }],
  }));

  app.get("/docs", async (c) => {
    const res = await app.request("/v1/openapi.json", {}, c.env);
    return c.html(renderDocsPage((await res.json()) as Record<string, unknown>));
  });

  app.notFound((c) => c.json(errorBody("not_found", `No route ${c.req.method} ${c.req.path}`), 404));
  app.onError(onError);
  return app;
}

export const app = createApp();
