// `npm run conformance`: builds the 855, 856 and 810 for every fixture 850 with the real builders (bundled from
// bench/conformance.ts with esbuild) and checks them against SPS's own RSX 7.7 material, found by
// scripts/sps-rsx.mjs (SPS_RSX_DIR, else beside the repository):
//   - 810 and 855 JSON against Invoices.json and OrderAcks.json (JSON Schema draft-07, ajv);
//   - the outbound 846 (inventory feed) JSON against ItemRegistries.json, and SPS's 846 sample through the same validator;
//   - every element table (810, 855, 856) against the schema's element order;
//   - the 856 (no Shipments.json exists) against the element names and order of SPS's full Shipments sample,
//     plus structure rules: one ShipmentLine per ItemLevel, 20-digit SSCCs with valid check digits, carton counts.
// One line per check; exits non-zero on any failure. Without the material it prints one line saying it did not
// run and why, and exits 0 — or 1 with --require or under CI (CI=true), where the check must run.
import { build } from "esbuild";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { listSpsRsxFiles, locateSpsRsx, readSpsRsxFile } from "./sps-rsx.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixturesDir = path.join(repoRoot, "sandbox", "fixtures", "orders");

let passed = 0;
let failed = 0;
const report = (ok, what, detail = "") => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${what}${detail ? `\n       ${detail.split("\n").join("\n       ")}` : ""}`);
};

const required = process.argv.includes("--require") || /^(1|true|yes)$/i.test(process.env.CI ?? "");
const spsRsx = locateSpsRsx();
if (!spsRsx.found) {
  console.log(`conformance: not run: ${spsRsx.reason}`);
  process.exit(required ? 1 : 0);
}
console.log(`info SPS RSX 7.7 material from ${spsRsx.dir} (${spsRsx.from})`);
const rsxFiles = new Set([...listSpsRsxFiles(spsRsx, "schemas"), ...listSpsRsxFiles(spsRsx, "samples")]);
const readRsxJson = (relative) => JSON.parse(readSpsRsxFile(spsRsx, relative));

// The material was found, so a schema missing from it is a failure, not a reason to skip.
for (const name of ["schemas/Invoices.json", "schemas/OrderAcks.json", "schemas/ItemRegistries.json"]) {
  if (!rsxFiles.has(name)) {
    console.log(`FAIL ${name} is not in ${spsRsx.dir}`);
    process.exit(1);
  }
}

// 1. Bundle the TypeScript entry (builders and fixtures' ERP-side inputs) and load it.
const outfile = path.join(repoRoot, "node_modules", ".cache", "conformance", "conformance.mjs");
await build({
  entryPoints: [path.join(repoRoot, "bench", "conformance.ts")],
  outfile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});
const entry = await import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);

// 2. A draft-07 validator as SPS's documents need it. The schemas use format "time", which draft-07 defines
// as RFC 3339 full-time (offset required), yet RSX times are HH:MM:SS (sps-commerce.md §3.1) and SPS's own
// samples carry no offset; so "time" here is HH:MM:SS with an optional fraction and offset.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("time", /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/);
const schemas = {
  Invoices: readRsxJson("schemas/Invoices.json"),
  OrderAcks: readRsxJson("schemas/OrderAcks.json"),
};
const validators = {
  "810": ajv.compile(schemas.Invoices),
  "855": ajv.compile(schemas.OrderAcks),
};

// 3. Element tables against the reference order: each table's children must be names the reference has, in
// the reference's order. A reference is { names, child(name) } built from a schema or from a full sample.
function checkTableAgainst(table, reference, where, problems) {
  let last = -1;
  for (const spec of table.children) {
    const at = reference.names.indexOf(spec.name);
    if (at < 0) problems.push(`${where}: ${spec.name} is not an element here`);
    else if (at < last) problems.push(`${where}: ${spec.name} is out of order`);
    else last = at;
    if (spec.kind === "group" && at >= 0) {
      const sub = reference.child(spec.name);
      if (sub) checkTableAgainst(spec, sub, `${where}/${spec.name}`, problems);
      else problems.push(`${where}/${spec.name}: no reference to check against`);
    }
  }
}
function schemaReference(node) {
  const n = node.type === "array" ? node.items : node;
  const props = n.properties ?? {};
  return { names: Object.keys(props), child: (name) => (props[name] ? schemaReference(props[name]) : undefined) };
}

// SPS's full Shipments sample shows every 856 element once, in schema order. The one thing it does not show
// is a carton inside a pallet: PackLevel within PackLevel, after ItemLevel per the generated Shipments
// classes (sps-commerce.md §3.5), with the same children as the outer PackLevel.
let shipmentSample;
const SAMPLE_ADDITIONS = { "/OrderLevel/PackLevel": ["PackLevel"] };
const SAMPLE_ALIASES = { "/OrderLevel/PackLevel/PackLevel": "/OrderLevel/PackLevel" };
function sampleAt(where) {
  for (const [alias, target] of Object.entries(SAMPLE_ALIASES)) {
    if (where === alias || where.startsWith(`${alias}/`)) where = target + where.slice(alias.length);
  }
  let v = shipmentSample;
  for (const part of where.split("/").filter(Boolean)) v = (Array.isArray(v) ? v[0] : v)?.[part];
  return v;
}
function sampleReference(where = "") {
  const value = sampleAt(where);
  const own = Object.keys((Array.isArray(value) ? value[0] : value) ?? {});
  const names = [...own, ...(SAMPLE_ADDITIONS[where] ?? []).filter((n) => !own.includes(n))];
  return { names, child: (name) => (names.includes(name) ? sampleReference(`${where}/${name}`) : undefined) };
}

{
  const problems = [];
  checkTableAgainst(entry.INVOICE, schemaReference(schemas.Invoices.definitions.Invoice), "Invoice", problems);
  report(problems.length === 0, "810 element table follows Invoices.json order", problems.join("\n"));
}
{
  const problems = [];
  checkTableAgainst(entry.ORDER_ACK, schemaReference(schemas.OrderAcks.definitions.OrderAck), "OrderAck", problems);
  report(problems.length === 0, "855 element table follows OrderAcks.json order", problems.join("\n"));
}
const shipmentSampleFile = "samples/Shipments-sample.json";
if (rsxFiles.has(shipmentSampleFile)) {
  shipmentSample = readRsxJson(shipmentSampleFile);
  const problems = [];
  checkTableAgainst(entry.SHIPMENT, sampleReference(), "Shipment", problems);
  report(problems.length === 0, "856 element table follows SPS's full Shipments sample order", problems.join("\n"));
} else {
  report(false, `856 element table: ${shipmentSampleFile} is not in ${spsRsx.dir}`);
}

// 4. The validator accepts SPS's own 810/855 samples (a check on the validator set-up; informational).
for (const [type, dir] of [["810", "Invoices_810"], ["855", "OrderAcks_855"]]) {
  const files = listSpsRsxFiles(spsRsx, `samples/${dir}`).filter((f) => f.endsWith(".json"));
  if (files.length === 0) continue;
  const rejected = files.filter((f) => !validators[type](readRsxJson(f))).map((f) => path.posix.basename(f));
  console.log(`info ${type} validator accepts ${files.length - rejected.length}/${files.length} of SPS's samples${rejected.length ? ` (rejects ${rejected.join(", ")})` : ""}`);
}

// 5. Build every fixture's documents and check them.
const fixtures = new Map(
  fs
    .readdirSync(fixturesDir)
    .filter((f) => f.endsWith(".xml"))
    .sort()
    .map((f) => [f, new Uint8Array(fs.readFileSync(path.join(fixturesDir, f)))]),
);
if (fixtures.size === 0) report(false, `no fixture 850s in ${fixturesDir}`);
const cases = entry.conformanceCases(fixtures);

const describeErrors = (errors) =>
  errors
    .slice(0, 10)
    .map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues).slice(0, 80)}` : ""}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`)
    .join("\n");

for (const c of cases) {
  for (const [type, built] of [["855", c.orderAck], ["810", c.invoice]]) {
    const label = `${type} ${c.shape} PO ${c.poNumber} → ${built.fileName}`;
    if (!built.result.ok) {
      report(false, label, `builder refused: ${built.result.error.reasons.join("; ")}`);
      continue;
    }
    const validate = validators[type];
    const valid = validate(JSON.parse(built.result.value.json));
    // oneOf(object | array) reports both branches; keep the object branch's errors.
    const errors = (validate.errors ?? []).filter((e) => !e.schemaPath.startsWith("#/oneOf"));
    report(valid, label, valid ? "" : describeErrors(errors));
  }
  const label = `856 ${c.shape} PO ${c.poNumber} → ${c.shipNotice.fileName}`;
  if (!c.shipNotice.result.ok) {
    report(false, label, `builder refused: ${c.shipNotice.result.error.reasons.join("; ")}`);
    continue;
  }
  const problems = checkShipment(JSON.parse(c.shipNotice.result.value.json));
  report(problems.length === 0, label, problems.join("\n"));
}

// 6. The outbound 846 (issue 16) against ItemRegistries.json; SPS's own 846 sample must pass the same validator.
{
  const validate846 = ajv.compile(readRsxJson("schemas/ItemRegistries.json"));
  for (const f of listSpsRsxFiles(spsRsx, "samples/InventoryAdvice_846").filter((x) => x.endsWith(".json"))) {
    report(validate846(readRsxJson(f)), `ItemRegistries validator accepts SPS's sample ${path.posix.basename(f)}`, describeErrors((validate846.errors ?? []).filter((e) => !e.schemaPath.startsWith("#/oneOf"))));
  }
  for (const c of entry.inventoryAdviceCases(fixtures)) {
    if (!c.result.ok) {
      report(false, c.label, `builder refused: ${c.result.error.reasons.join("; ")}`);
      continue;
    }
    const valid = validate846(JSON.parse(c.result.value.json));
    report(valid, c.label, valid ? "" : describeErrors((validate846.errors ?? []).filter((e) => !e.schemaPath.startsWith("#/oneOf"))));
  }
}

/** Names and order against the sample, plus the structure rules of §3.5. */
function checkShipment(shipment) {
  const problems = [];
  if (shipmentSample) checkObjectAgainst(shipment, sampleReference(), "Shipment", problems);
  const header = shipment.Header?.ShipmentHeader ?? {};
  for (const required of ["TradingPartnerId", "ShipmentIdentification", "ShipDate", "ASNStructureCode"]) {
    if (!header[required]) problems.push(`ShipmentHeader/${required} is missing`);
  }
  let cartons = 0;
  let items = 0;
  let pallets = 0;
  const walkPack = (pack, where, depth) => {
    const type = pack.Pack?.PackLevelType;
    const id = pack.Pack?.ShippingSerialID ?? "";
    if (!/^00\d{18}$/.test(id) || !checkDigitOk(id.slice(2))) problems.push(`${where}: ShippingSerialID ${id} is not "00" + a valid SSCC-18`);
    if (type === "T") {
      pallets++;
      if (depth > 0) problems.push(`${where}: a pallet inside a pallet`);
      if (!Array.isArray(pack.PackLevel) || pack.ItemLevel) problems.push(`${where}: a pallet must hold cartons only`);
      (pack.PackLevel ?? []).forEach((p, i) => walkPack(p, `${where}/PackLevel[${i + 1}]`, depth + 1));
    } else if (type === "P") {
      cartons++;
      if (!Array.isArray(pack.ItemLevel) || pack.PackLevel) problems.push(`${where}: a carton must hold ItemLevels only`);
      for (const item of pack.ItemLevel ?? []) {
        items++;
        if (typeof item.ShipmentLine !== "object" || Array.isArray(item.ShipmentLine)) problems.push(`${where}: ItemLevel needs exactly one ShipmentLine`);
        else if (!(item.ShipmentLine.ShipQty > 0)) problems.push(`${where}: ShipQty must be above zero`);
      }
    } else problems.push(`${where}: PackLevelType ${type} is not P or T`);
  };
  (shipment.OrderLevel ?? []).forEach((order, i) => {
    if (!order.OrderHeader?.PurchaseOrderNumber) problems.push(`OrderLevel[${i + 1}]: no PurchaseOrderNumber`);
    (order.PackLevel ?? []).forEach((p, j) => walkPack(p, `OrderLevel[${i + 1}]/PackLevel[${j + 1}]`, 0));
  });
  const expectedStructure = pallets > 0 ? "SOTPI" : "0001";
  if (header.ASNStructureCode !== expectedStructure) problems.push(`ASNStructureCode ${header.ASNStructureCode}, expected ${expectedStructure}`);
  const lading = shipment.Header?.QuantityAndWeight?.[0]?.LadingQuantity;
  if (lading !== cartons) problems.push(`LadingQuantity ${lading} but ${cartons} cartons`);
  if (shipment.Summary?.TotalLineItemNumber !== items) problems.push(`TotalLineItemNumber ${shipment.Summary?.TotalLineItemNumber} but ${items} ItemLevels`);
  return problems;
}

function checkObjectAgainst(value, reference, where, problems) {
  let last = -1;
  for (const [name, child] of Object.entries(value)) {
    const at = reference.names.indexOf(name);
    if (at < 0) {
      problems.push(`${where}: ${name} is not an 856 element here`);
      continue;
    }
    if (at < last) problems.push(`${where}: ${name} is out of order`);
    last = at;
    if (typeof child === "object") {
      const sub = reference.child(name);
      const items = Array.isArray(child) ? child : [child];
      if (sub) items.forEach((item, i) => checkObjectAgainst(item, sub, `${where}/${name}${Array.isArray(child) ? `[${i + 1}]` : ""}`, problems));
    }
  }
}

function checkDigitOk(digits) {
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

console.log(`conformance: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
