// The F&O enum types the simulated entities use, with their symbols. In filters they are written
// `Microsoft.Dynamics.DataEntities.<Type>'<Symbol>'`; in JSON bodies as the symbol string
// (dynamics-365-fo.md section 2). All three as one tenant's published $metadata has them
// (shared/reference/checked-facts.md 4a-4c, [FO-MD]).

export const ENUM_NAMESPACE = "Microsoft.Dynamics.DataEntities";

export const ENUM_TYPES = {
  SalesStatus: ["None", "Backorder", "Delivered", "Invoiced", "Canceled"],
  NoYes: ["No", "Yes"],
  SalesOrderProcessingStatus: ["Active", "Confirmed", "Picked", "PartiallyDelivered", "Delivered", "Invoiced", "PartiallyInvoiced", "Canceled", "DeliveredPartiallyInvoiced"],
} as const satisfies Record<string, readonly string[]>;

export type EnumTypeName = keyof typeof ENUM_TYPES;

export function isEnumType(name: string): name is EnumTypeName {
  return Object.prototype.hasOwnProperty.call(ENUM_TYPES, name);
}

export function enumSymbols(name: EnumTypeName): readonly string[] {
  return ENUM_TYPES[name];
}

export function qualifiedEnumName(name: EnumTypeName): string {
  return `${ENUM_NAMESPACE}.${name}`;
}
