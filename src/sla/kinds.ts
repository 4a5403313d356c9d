// The obligation kinds and states (src/sla), shared by the D1 schema and the pure rules.
export const OBLIGATION_KINDS = ["855", "856", "810", "ship"] as const;
export const OBLIGATION_STATES = ["pending", "at_risk", "met", "missed", "waived"] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export type ObligationState = (typeof OBLIGATION_STATES)[number];
