// Trading partner mappings: SPS trading partner id → ERP customer (+ location, + D365 legal entity),
// with per-partner document rules.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { LabelProfileSchema } from "../labels/label-profile";
import type { Db } from "./client";
import { readJson } from "./json-column";
import { SlaSchema, type Sla } from "../sla/rules";
import { partners, type PartnerStatus } from "./schema";

/** Per-partner document rules; every field optional, defaults applied where used. */
/** Issue 16: the scheduled 846 a supplier sends a (drop-ship) retailer. */
export const InventoryFeedSchema = z
  .object({
    /** A run per this many hours (checked after each mailbox poll); one 846 per partner and run. */
    everyHours: z.number().int().min(1).max(168),
    /** ERP warehouses whose available quantity counts (all when absent). */
    warehouses: z.array(z.string().trim().min(1).max(30)).max(50).optional(),
    /** Units held back from what is advertised, per item. */
    safetyStock: z.number().min(0).max(1_000_000).optional(),
    /** Most units advertised per item. */
    maxAdvertised: z.number().min(0).max(10_000_000).optional(),
    /** ERP item ids advertised as 0 (discontinued). */
    discontinued: z.array(z.string().trim().min(1).max(60)).max(5000).optional(),
  })
  .strict();
export type InventoryFeedRules = z.infer<typeof InventoryFeedSchema>;

export const PartnerRulesSchema = z
  .object({
    /** Multi-store orders become one sales order per ship-to store (default true). */
    splitByShipTo: z.boolean().optional(),
    /**
     * Retailer store or DC number (the 850's AddressLocationNumber or SDQ location) → ERP customer
     * location. Unmapped locations ship to the address the 850 gives.
     */
    shipToLocations: z.record(z.string().max(35), z.string().min(1).max(60)).optional(),
    /** Send 855 acknowledgments (default: off for Acumatica tenants, on for Dynamics). */
    send855: z.boolean().optional(),
    /**
     * When the 855 goes out: once the ERP order is created (default), or once the order is confirmed
     * in the ERP (Dynamics: a "Confirm sales order" journal, seen by business event or by the erp:acks
     * poll). ERPs without a confirmation step only know "created".
     */
    ackOn: z.enum(["created", "confirmed"]).optional(),
    /**
     * Default financial dimensions of the partner's orders, as the display string the ERP expects
     * (D365 DefaultLedgerDimensionDisplayValue: the segments of the tenant's "financial dimension
     * configuration for integrating applications", joined by its delimiter, an unused segment left
     * empty, e.g. "-0042--"; reference/dynamics-365-fo.md §8 gotcha 6). Sent as given.
     */
    financialDimensions: z.string().trim().min(1).max(500).optional(),
    /** 856 hierarchy: standard pick-pack (0001) or with a tare/pallet level (SOTPI). */
    asnStructure: z.enum(["pickpack", "tare"]).optional(),
    /** Allow shipped quantity above ordered quantity. */
    allowOverShip: z.boolean().optional(),
    /** Compliance rule overrides by rule id (true/false to switch a rule on or off). */
    compliance: z.record(z.string(), z.boolean()).optional(),
    /** Carton label profile: the label fields this partner's guide requires or forbids (labels/label-profile.ts). */
    labels: LabelProfileSchema.optional(),
    /** Outbound 846 inventory feed to this partner (opt-in; src/flows/inventory-feed.ts). */
    inventoryFeed: InventoryFeedSchema.optional(),
  })
  .strict();
export type PartnerRules = z.infer<typeof PartnerRulesSchema>;

export interface Partner {
  partnerId: string;
  customerId: string;
  customerLocationId: string | null;
  legalEntity: string | null;
  status: PartnerStatus;
  rules: PartnerRules;
  /** Due-date rules of this partner (src/sla); unset keys come from the tenant's `sla`. */
  sla: Sla;
  createdAt: number;
  updatedAt: number;
}

function toPartner(row: typeof partners.$inferSelect): Partner {
  const { tenantId: _t, rules, sla, ...rest } = row;
  return { ...rest, rules: readJson(PartnerRulesSchema, rules, {}), sla: readJson(SlaSchema, sla, {}) };
}

export async function getPartner(db: Db, tenantId: string, partnerId: string): Promise<Partner | undefined> {
  const row = await db
    .select()
    .from(partners)
    .where(and(eq(partners.tenantId, tenantId), eq(partners.partnerId, partnerId)))
    .get();
  return row ? toPartner(row) : undefined;
}

export async function listPartners(db: Db, tenantId: string): Promise<Partner[]> {
  const rows = await db.select().from(partners).where(eq(partners.tenantId, tenantId)).orderBy(asc(partners.partnerId)).all();
  return rows.map(toPartner);
}

export async function upsertPartner(
  db: Db,
  tenantId: string,
  p: { partnerId: string; customerId: string; customerLocationId?: string | undefined; legalEntity?: string | undefined; status?: PartnerStatus | undefined; rules?: PartnerRules | undefined; sla?: Sla | undefined },
  nowMs: number,
): Promise<{ partner: Partner; created: boolean }> {
  const values = {
    customerId: p.customerId,
    customerLocationId: p.customerLocationId ?? null,
    legalEntity: p.legalEntity ?? null,
    status: p.status ?? "testing",
    rules: JSON.stringify(p.rules ?? {}),
    sla: JSON.stringify(p.sla ?? {}),
    updatedAt: nowMs,
  };
  const existed = await getPartner(db, tenantId, p.partnerId);
  const row = await db
    .insert(partners)
    .values({ tenantId, partnerId: p.partnerId, ...values, createdAt: nowMs })
    .onConflictDoUpdate({ target: [partners.tenantId, partners.partnerId], set: values })
    .returning()
    .get();
  return { partner: toPartner(row), created: !existed };
}
