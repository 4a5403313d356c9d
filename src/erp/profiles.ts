// The ERP profile table: one line per ERP. A third ERP is a folder under src/erp/ with its
// profile.ts, plus one line here (docs/adding-an-erp.md).
import { acumaticaProfile } from "./acumatica/profile";
import { dynamicsProfile } from "./dynamics/profile";
import type { ErpProfile } from "./profile";

export const ERP_PROFILES = {
  acumatica: acumaticaProfile,
  dynamics: dynamicsProfile,
} as const;

export type ErpKind = keyof typeof ERP_PROFILES;
export const ERP_KINDS = Object.keys(ERP_PROFILES) as [ErpKind, ...ErpKind[]];

/** The profile of a tenant's ERP, typed loosely for code that treats every ERP the same way. */
export function erpProfile(erp: ErpKind): ErpProfile {
  return ERP_PROFILES[erp] as unknown as ErpProfile;
}

/** ERPs that accept business events on POST /v1/hooks/<erp>/:tenant. */
export const HOOK_ERPS = ERP_KINDS.filter((erp) => erpProfile(erp).businessEvents !== undefined);
