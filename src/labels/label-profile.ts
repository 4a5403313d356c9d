// A trading partner's carton label profile, as data in its partner rules (`rules.labels`): which
// label fields its guide requires and which it forbids. The defaults follow the GS1 Logistic Label
// Guideline (https://www.gs1.org/docs/tl/GS1_Logistic_Label_Guideline.pdf §3, the SSCC is the one
// mandatory element) and the GS1 US carton label guide most retail routing guides adopt
// (https://www.gs1us.org/industries-and-insights/standards/logistic-label): ship-from, ship-to, PO,
// carton n of m and the SSCC are on every label by default; the ship-to postal code (AI 420),
// carrier, department, mark-for and item print whenever the shipment has them, and a partner whose
// guide insists on one (most want the AI 420 barcode) lists it under `required`.
import { z } from "zod";

/** The label's fields, by the zone they print in. */
export const LABEL_FIELDS = [
  "shipFrom",
  "shipTo",
  "postalBarcode",
  "carrierName",
  "scac",
  "proNumber",
  "billOfLading",
  "purchaseOrder",
  "department",
  "markForStore",
  "item",
  "cartonCount",
] as const;
export type LabelField = (typeof LABEL_FIELDS)[number];

export const LabelProfileSchema = z
  .object({
    /** Fields a label must carry; a shipment missing one gets no labels, with the reason. */
    required: z.array(z.enum(LABEL_FIELDS)).max(LABEL_FIELDS.length).optional(),
    /** Fields the partner's guide does not want printed: left blank even when the order has them. */
    forbidden: z.array(z.enum(LABEL_FIELDS)).max(LABEL_FIELDS.length).optional(),
  })
  .strict()
  .refine((p) => !(p.required ?? []).some((f) => (p.forbidden ?? []).includes(f)), { message: "a label field cannot be both required and forbidden" });
export type LabelProfile = z.infer<typeof LabelProfileSchema>;

export const DEFAULT_REQUIRED: readonly LabelField[] = ["shipFrom", "shipTo", "purchaseOrder", "cartonCount"];

export interface ResolvedLabelProfile {
  required: ReadonlySet<LabelField>;
  forbidden: ReadonlySet<LabelField>;
}

/** The profile with its defaults: a partner's `required` replaces the default list, `forbidden` removes fields. */
export function resolveLabelProfile(profile: LabelProfile | undefined): ResolvedLabelProfile {
  const forbidden = new Set(profile?.forbidden ?? []);
  const required = new Set((profile?.required ?? DEFAULT_REQUIRED).filter((f) => !forbidden.has(f)));
  return { required, forbidden };
}
