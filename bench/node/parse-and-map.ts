// Part A of `npm run bench` (Node, CPU-bound): our RSX reader against fast-xml-parser on the same bytes,
// and the CPU one 850 costs on its way to an ERP payload (parse + map + build), for a fixture-sized,
// a ~200 KB and a ~2 MB order. Every contender's output is checked before it is timed.
import { XMLParser } from "fast-xml-parser";
import { salesOrderBody } from "../../src/erp/acumatica/adapter";
import { intakeMailboxFile } from "../../src/flows/mailbox-intake";
import { planSalesOrders } from "../../src/flows/inbound-order";
import { parseOrders, readRsxDocuments } from "../../src/rsx";
import { MAX_FILE_BYTES } from "../../src/queues/sps-mailbox-poll";
import { BENCH_PARTNER, benchItemMappings, orderOfSize, type GeneratedOrder } from "../lib/rsx-orders";
import { measureSideBySide, speedup, type TimingOptions } from "./timing";

export const FXP_VERSION = "5.12.1";

export interface ParseSpeedRow {
  input: string;
  bytes: number;
  lines: number;
  /** MB/s (1 MB = 10^6 bytes) from the median wall time per parse. */
  readTreeMBps: number;
  typedMBps: number;
  fxpMBps: number;
  readTreeMs: number;
  typedMs: number;
  fxpMs: number;
  /** Median over rounds of fast-xml-parser's time / ours (readRsxDocuments): > 1 means ours is faster. */
  readTreeVsFxp: number;
  typedVsFxp: number;
}

export interface OrderCpuRow {
  input: string;
  bytes: number;
  lines: number;
  salesOrders: number;
  /** CPU ms per order: parseOrders + planSalesOrders + salesOrderBody + JSON.stringify. */
  parseMapBuildCpuMs: number;
  /** The same plus the mailbox intake (the poller reads each file once more for its key): the per-document CPU of the inbound path. */
  intakeAndMappingCpuMs: number;
}

function fail(what: string): never {
  throw new Error(`bench: ${what}`);
}

const decoder = new TextDecoder();

function checkOurs(order: GeneratedOrder) {
  const read = readRsxDocuments(order.bytes);
  if (!read.ok) fail(`readRsxDocuments refused ${order.po}: ${read.error.reasons.join("; ")}`);
  const items = read.value.documents[0]?.LineItem;
  if (!Array.isArray(items) || items.length !== order.lines) fail(`readRsxDocuments gave ${Array.isArray(items) ? items.length : 0} LineItems, expected ${order.lines}`);
  const parsed = parseOrders(order.bytes);
  if (!parsed.ok) fail(`parseOrders refused ${order.po}: ${parsed.error.reasons.slice(0, 3).join("; ")}`);
  const typed = parsed.value.orders[0]!;
  if (typed.lines.length !== order.lines) fail(`parseOrders gave ${typed.lines.length} lines, expected ${order.lines}`);
  if (!typed.lines[0]!.productDescriptions[0]?.productDescription?.includes("& gift tag <line 1>")) fail("parseOrders did not decode &amp; / &lt;");
}

function checkFxp(parser: XMLParser, order: GeneratedOrder) {
  const tree = parser.parse(decoder.decode(order.bytes)) as { Orders?: { Order?: { LineItem?: unknown[] } } };
  const items = tree.Orders?.Order?.LineItem;
  if (!Array.isArray(items) || items.length !== order.lines) fail(`fast-xml-parser gave ${Array.isArray(items) ? items.length : 0} LineItems, expected ${order.lines}`);
  const first = items[0] as { ProductOrItemDescription?: { ProductDescription?: string } };
  if (!String(first.ProductOrItemDescription?.ProductDescription).includes("& gift tag <line 1>")) fail("fast-xml-parser did not decode &amp; / &lt;");
}

/** MB/s of our reader (tree only, and typed) and of fast-xml-parser (defaults) on the same bytes. */
export function measureParseSpeed(inputs: { label: string; order: GeneratedOrder }[], timing: TimingOptions): ParseSpeedRow[] {
  // fast-xml-parser 5.12.1 with its defaults (entities processed, values parsed), as measured in
  // limits-and-costs.md §3.3; it gets the decoded text, our reader the bytes (it decodes strictly itself).
  const fxp = new XMLParser();
  return inputs.map(({ label, order }) => {
    checkOurs(order);
    checkFxp(fxp, order);
    const [tree, typed, other] = measureSideBySide(
      [
        { name: "readRsxDocuments", run: () => readRsxDocuments(order.bytes) },
        { name: "parseOrders", run: () => parseOrders(order.bytes) },
        { name: "fast-xml-parser", run: () => fxp.parse(decoder.decode(order.bytes)) },
      ],
      timing,
    );
    const mbps = (ms: number) => order.bytes.byteLength / 1e6 / (ms / 1000);
    return {
      input: label,
      bytes: order.bytes.byteLength,
      lines: order.lines,
      readTreeMBps: mbps(tree!.medianMsPerRun),
      typedMBps: mbps(typed!.medianMsPerRun),
      fxpMBps: mbps(other!.medianMsPerRun),
      readTreeMs: tree!.medianMsPerRun,
      typedMs: typed!.medianMsPerRun,
      fxpMs: other!.medianMsPerRun,
      readTreeVsFxp: speedup(tree!, other!),
      typedVsFxp: speedup(typed!, other!),
    };
  });
}

/** parse + map + build for one order: what the inbound consumer does with the stored file before its one ERP call. */
function parseMapBuild(bytes: Uint8Array): number {
  const parsed = parseOrders(bytes);
  if (!parsed.ok) fail(parsed.error.reasons.join("; "));
  const plan = planSalesOrders(parsed.value.orders[0]!, BENCH_PARTNER, MAPPINGS);
  if (!plan.ok) fail(plan.error.reasons.join("; "));
  let size = 0;
  for (const p of plan.value.orders) size += JSON.stringify(salesOrderBody(p.draft, "SO")).length;
  return size;
}

/** The mailbox intake of the same file (parse, key, purpose code; the tree serialised for its content hash). */
function intake(bytes: Uint8Array): number {
  const result = intakeMailboxFile("out/PO/bench.xml", bytes, { maxBytes: MAX_FILE_BYTES });
  const entry = result.entries[0];
  if (!entry || entry.status !== "queued") fail(`intake: ${entry?.statusDetail.join("; ") ?? "no entry"}`);
  return JSON.stringify(entry.tree).length;
}

const MAPPINGS = benchItemMappings();

export function measureOrderCpu(inputs: { label: string; bytes: Uint8Array; lines: number }[], timing: TimingOptions): OrderCpuRow[] {
  return inputs.map(({ label, bytes, lines }) => {
    const parsed = parseOrders(bytes);
    if (!parsed.ok) fail(`${label}: ${parsed.error.reasons.join("; ")}`);
    const plan = planSalesOrders(parsed.value.orders[0]!, BENCH_PARTNER, MAPPINGS);
    if (!plan.ok) fail(`${label}: ${plan.error.reasons.join("; ")}`);
    const [pmb, full] = measureSideBySide(
      [
        { name: "parse+map+build", run: () => parseMapBuild(bytes) },
        { name: "intake+parse+map+build", run: () => intake(bytes) + parseMapBuild(bytes) },
      ],
      timing,
    );
    return {
      input: label,
      bytes: bytes.byteLength,
      lines,
      salesOrders: plan.value.orders.length,
      parseMapBuildCpuMs: pmb!.medianCpuMsPerRun,
      intakeAndMappingCpuMs: full!.medianCpuMsPerRun,
    };
  });
}

export function benchOrders() {
  return {
    kb200: orderOfSize("BENCH-200K", 200_000),
    mb2: orderOfSize("BENCH-2M", 2_000_000),
  };
}
