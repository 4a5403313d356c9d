// Rule parcel-tracking (off by default): parcel and drop-ship retailers want each carton's carrier
// tracking number in Pack/CarrierPackageID (sps-commerce.md §3.5); partners that ship parcel switch it on.
import { cartonsOf } from "./document-views";
import type { ComplianceRule } from "./types";

export const parcelTracking: ComplianceRule = {
  id: "parcel-tracking",
  description: "Every carton carries a carrier tracking number (for parcel and drop-ship partners; off unless the partner switches it on).",
  appliesTo: ["856"],
  enabledByDefault: false,
  check(subject) {
    if (subject.documentType !== "856") return [];
    return cartonsOf(subject.input)
      .filter(({ carton }) => (carton.trackingNumber ?? "").trim() === "")
      .map(({ label }) => `856 ${label}: CarrierPackageID (tracking number) is missing; enter the package's tracking number in the ERP.`);
  },
};
