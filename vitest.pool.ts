// The workers pool shared by every vitest configuration (tests, chaos, bench): the connector as
// the main worker, the sandbox bundled as an auxiliary worker receiving every outbound fetch, D1
// migrations, fresh random secrets per run, and test-speed vars that each config may override or
// (the benchmark) leave out.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { build } from "esbuild";
import { randomBytes } from "node:crypto";
import { listSpsRsxFiles, locateSpsRsx, readSpsRsxFile } from "./scripts/sps-rsx.mjs";
import { serveLabelRaster } from "./test/helpers/labels-raster-service";

const SANDBOX_BUNDLE = "node_modules/.cache/sandbox/sandbox.mjs";

/** Test-speed retry and backoff (seconds, not minutes); the benchmark keeps wrangler.toml's instead. */
const TEST_SPEED: Record<string, string> = {
  RETRY_BASE_SECONDS: "0",
  RETRY_MAX_SECONDS: "1",
  MAX_ATTEMPTS: "5",
  BACKOFF_BASE_MS: "100",
  BACKOFF_CAP_MS: "2000",
  UNCERTAIN_WRITE_SETTLE_MS: "1000",
};

export async function connectorPool(
  bindings: Record<string, string> = {},
  opts: { testSpeed?: boolean; queueProducers?: Record<string, { queueName: string }> } = {},
) {
  await build({
    entryPoints: ["sandbox/src/index.ts"],
    outfile: SANDBOX_BUNDLE,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    logLevel: "warning",
  });
  const migrations = await readD1Migrations("migrations");
  const spsRsx = locateSpsRsx();
  return cloudflareTest({
    wrangler: { configPath: "./wrangler.toml" },
    miniflare: {
      bindings: {
        TEST_MIGRATIONS: migrations,
        API_SIGNING_KEY: randomBytes(32).toString("base64url"),
        CREDENTIALS_KEY: randomBytes(32).toString("base64url"),
        ENVIRONMENT: "test",
        LOG_LEVEL: "warn",
        ...(opts.testSpeed === false ? {} : TEST_SPEED),
        ...bindings,
      },
      ...(opts.queueProducers ? { queueProducers: opts.queueProducers } : {}),
      outboundService: "sandbox",
      // SPS's RSX 7.7 schemas and samples, read on demand from where scripts/sps-rsx.mjs finds them
      // (test/helpers/sps-rsx.ts is the test side): GET /status, GET /file/<path>, GET /list/<dir>.
      // LABEL_RASTER: carton label PDFs rasterised (pdftoppm) and decoded (zxing-wasm) in Node (test/helpers/labels-raster-service.ts).
      serviceBindings: { SPS_RSX: (request: Request) => serveSpsRsx(spsRsx, request), LABEL_RASTER: serveLabelRaster },
      // SANDBOX_FO_NAVIGATION_POSTS=1 runs everything against F&O environments accepting POST on a
      // header's SalesOrderLines navigation (default: refused, as nothing public shows F&O accepting it).
      workers: [
        {
          name: "sandbox",
          modules: true,
          scriptPath: SANDBOX_BUNDLE,
          compatibilityDate: "2026-04-01",
          bindings: { FO_NAVIGATION_POSTS: process.env.SANDBOX_FO_NAVIGATION_POSTS === "1" ? "1" : "0" },
        },
      ],
    },
  });
}

type Located = ReturnType<typeof locateSpsRsx>;

function serveSpsRsx(located: Located, request: Request): Response {
  const url = new URL(request.url);
  if (url.pathname === "/status") return Response.json(located);
  if (!located.found) return new Response(located.reason, { status: 404 });
  try {
    if (url.pathname.startsWith("/file/")) return new Response(readSpsRsxFile(located, decodeURIComponent(url.pathname.slice(6))));
    if (url.pathname.startsWith("/list/")) return Response.json(listSpsRsxFiles(located, decodeURIComponent(url.pathname.slice(6))));
  } catch (e) {
    return new Response(e instanceof Error ? e.message : String(e), { status: 404 });
  }
  return new Response("unknown SPS_RSX route", { status: 404 });
}
