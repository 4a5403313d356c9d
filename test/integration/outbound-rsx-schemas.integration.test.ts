// The outbound documents as they reach SPS, in RSX JSON, against SPS's own RSX 7.7 JSON Schemas
// (found by scripts/sps-rsx.mjs at test time, never copied into the project): for each of the four
// order shapes, the 810 and the 855 built through the real pipeline validate. (No Shipments schema
// is available; `npm run conformance` checks the 856's element names and order.)
import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import demoWorld from "../../sandbox/fixtures/demo-world.json";
import { api } from "../helpers/api";
import { requireSpsRsx } from "../helpers/sps-rsx";
import { createWorld } from "../helpers/world";
import { crossDockPackages, drop, fixtureXml, invoice, mailbox, pollNow, salesOrders, ship, waitForSettled, withPo } from "../helpers/flow";

/**
 * Draft-07 "time" is RFC 3339 full-time (offset required), yet RSX times are HH:MM:SS and SPS's own
 * samples carry no offset (sps-commerce.md §3.1); as in scripts/conformance.mjs, "time" is not
 * format-checked here.
 */
function schema(text: string) {
  const withoutTimeFormat = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(withoutTimeFormat);
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (!(k === "format" && v === "time")) out[k] = withoutTimeFormat(v);
    return out;
  };
  return new Validator(withoutTimeFormat(JSON.parse(text)) as object, "7", false);
}


const spsRsx = await requireSpsRsx("outbound RSX JSON against SPS's Invoices.json and OrderAcks.json");

describe.runIf(spsRsx)("outbound RSX JSON against SPS's schemas", () => {
  it("sends 810s and 855s that validate, for all four order shapes", async () => {
    const invoices = schema(await spsRsx!.text("schemas/Invoices.json"));
    const acks = schema(await spsRsx!.text("schemas/OrderAcks.json"));
    // The validator does refuse: an invoice without its required header fields.
    expect(invoices.validate({ Header: { InvoiceHeader: { InvoiceNumber: "X" } } }).valid).toBe(false);
    const world = await createWorld({ tenant: { documentFormat: "json" } });
    for (const p of demoWorld.partners) {
      await api("PUT", `/v1/tenants/${world.tenantId}/partners/${p.partnerId}`, { body: { customerId: p.customerId, customerLocationId: "MAIN", status: "live", rules: { ...p.rules, send855: true } } });
    }
    const shapes = ["CrossDock", "MultiStore", "BulkImport", "DropShip"] as const;
    for (const shape of shapes) await drop(world, `out/PO/${shape}.xml`, withPo(fixtureXml[shape], `SCHEMA-${shape}`));
    await pollNow(world);
    await waitForSettled(world, 8, { timeout: 30_000 });
    for (const o of await salesOrders(world)) {
      const crossDock = String(o.Description ?? "").includes("CrossDock");
      await invoice(world, await ship(world, o.OrderNbr, crossDock ? { packages: crossDockPackages(o) } : {}));
    }
    await pollNow(world);
    const docs = await waitForSettled(world, 4 + 4 + 6 + 6, { poll: true, timeout: 45_000 });
    expect(docs.filter((d) => d.status !== "delivered").map((d) => `${d.type} ${d.naturalKey}: ${d.statusDetail.join("; ")}`)).toEqual([]);
    const files = await mailbox(world, "in/");
    const byPrefix = (prefix: string) => files.filter((f: any) => f.path.replace(/^\//, "").startsWith(`in/${prefix}`));
    expect(byPrefix("IN")).toHaveLength(6);
    expect(byPrefix("PR")).toHaveLength(4);
    for (const [prefix, validator] of [["IN", invoices], ["PR", acks]] as const) {
      for (const file of byPrefix(prefix)) {
        expect(file.path).toMatch(/\.json$/);
        const result = validator.validate(JSON.parse(file.content));
        expect(result.errors.slice(0, 5).map((e) => `${file.path}: ${e.instanceLocation} ${e.error}`)).toEqual([]);
        expect(result.valid).toBe(true);
      }
    }
  }, 120_000);
});
