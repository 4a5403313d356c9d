// The outbound 846 inventory feed: after each mailbox poll, every partner whose rules opt in and whose
// run (src/flows/inventory-feed.ts feedRunOf) has no 846 yet gets one. The ERP's available quantity
// is read once, the partner's rules applied, and the quantities kept on the document (the document
// page shows them; the upload builds from them, so a retry sends the same file). A run that cannot
// read the ERP records a failed document and sends nothing: no file of zeros reaches the retailer.
import { z } from "zod";
import { createErpAdapter } from "../clients/factory";
import type { Db } from "../db/client";
import { loadConnection } from "../db/connections";
import { findByNaturalKey, metaOf, recordDocument, type DocumentRow } from "../db/documents";
import { listPartnerItemMappings } from "../db/items";
import { listPartners, type Partner } from "../db/partners";
import type { Tenant } from "../db/tenants";
import type { Env } from "../env";
import { feedItemsOf, feedRunOf, planInventoryFeed, type FeedLine } from "../flows/inventory-feed";
import { ConnectorError } from "../lib/errors";
import type { Logger } from "../lib/log";
import { buildInventoryAdvice } from "../rsx/inventory-846-build";
import type { BuiltRsxDocument } from "../rsx";
import { enqueueDocuments } from "./enqueue";

const FeedLineSchema = z.object({
  erpItemId: z.string(),
  buyerPartNumber: z.string().optional(),
  vendorPartNumber: z.string().optional(),
  upc: z.string().optional(),
  gtin: z.string().optional(),
  available: z.number(),
  quantity: z.number(),
  note: z.string().optional(),
});
/** What an outbound 846 document keeps in `meta.feed` (validated when read back). */
export const FeedMetaSchema = z.object({ run: z.string(), readAt: z.string(), lines: z.array(FeedLineSchema) });

export interface FeedRunOutcome {
  partnerId: string;
  run: string;
  outcome: "recorded" | "exists" | "no_items" | "erp_unreadable" | "not_supported";
  documentId?: string | undefined;
}

export async function runInventoryFeeds(env: Env, db: Db, tenant: Tenant, log: Logger, nowMs = Date.now()): Promise<FeedRunOutcome[]> {
  const partners = (await listPartners(db, tenant.id)).filter((p) => p.rules.inventoryFeed);
  const out: FeedRunOutcome[] = [];
  for (const partner of partners) out.push(await runOne(env, db, tenant, partner, log, nowMs));
  return out;
}

async function runOne(env: Env, db: Db, tenant: Tenant, partner: Partner, log: Logger, nowMs: number): Promise<FeedRunOutcome> {
  const rules = partner.rules.inventoryFeed!;
  const { run } = feedRunOf(nowMs, rules.everyHours);
  const naturalKey = `feed:${run}`;
  const base = { partnerId: partner.partnerId, run };
  if (await findByNaturalKey(db, tenant.id, "846", partner.partnerId, naturalKey)) return { ...base, outcome: "exists" };
  const items = feedItemsOf(await listPartnerItemMappings(db, tenant.id, partner.partnerId), partner.partnerId);
  if (items.length === 0) return { ...base, outcome: "no_items" };
  const connection = await loadConnection(db, env, tenant.id, tenant.erp);
  const adapter = createErpAdapter(env, tenant, connection);
  if (!adapter.readAvailability) return { ...base, outcome: "not_supported" };
  let lines: FeedLine[];
  try {
    const availability = await adapter.readAvailability(
      items.map((i) => i.erpItemId),
      partner.legalEntity,
    );
    lines = planInventoryFeed(items, availability, rules);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const reason = `The ERP's available quantities could not be read (${message}); no 846 was sent for run ${run}, rather than one advertising zeros. The next run tries again.`;
    const failed = await recordDocument(
      db,
      tenant.id,
      { direction: "outbound", type: "846", partnerId: partner.partnerId, naturalKey, status: "failed", statusDetail: [reason], meta: { feed: { run, items: items.length } } },
      { stage: "erp_read", outcome: "error", detail: { run, error: message } },
      nowMs,
    );
    log.warn("inventory feed: ERP not readable", { tenantId: tenant.id, partnerId: partner.partnerId, run, retryable: e instanceof ConnectorError ? e.retryable : undefined });
    return { ...base, outcome: "erp_unreadable", documentId: failed.created ? failed.id : failed.existing.id };
  }
  const meta = { feed: { run, readAt: new Date(nowMs).toISOString(), lines } };
  const recorded = await recordDocument(
    db,
    tenant.id,
    { direction: "outbound", type: "846", partnerId: partner.partnerId, naturalKey, status: "queued", meta },
    { stage: "found", outcome: "ok", detail: { run, items: lines.length, advertised: lines.reduce((n, l) => n + l.quantity, 0) } },
    nowMs,
  );
  if (!recorded.created) return { ...base, outcome: "exists", documentId: recorded.existing.id };
  await enqueueDocuments(env, tenant.id, [{ id: recorded.id, direction: "outbound" }], "new");
  return { ...base, outcome: "recorded", documentId: recorded.id };
}

/** The 846 of a feed document, from the quantities kept on it. */
export function buildFeedDocument(doc: DocumentRow, partner: Partner, vendor: string | undefined): { document: BuiltRsxDocument; documentId: string; model: string } {
  const parsed = FeedMetaSchema.safeParse(metaOf(doc).feed);
  if (!parsed.success) throw new ConnectorError("invalid", "The 846 document has no quantities to send", { reasons: ["The 846 document has no quantities to send"] });
  const feed = parsed.data;
  const documentId = `${partner.partnerId}-${feed.run}`;
  const built = buildInventoryAdvice({
    tradingPartnerId: partner.partnerId,
    documentId,
    inventoryDate: feed.readAt.slice(0, 10),
    inventoryTime: feed.readAt.slice(11, 19),
    vendor,
    lines: feed.lines,
  });
  if (!built.ok) throw new ConnectorError("invalid", built.error.reasons.join("; "), { reasons: built.error.reasons });
  return { document: built.value, documentId, model: "Inventory" };
}
