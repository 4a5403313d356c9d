// The records of one simulated Acumatica tenant, per entity, addressed by key values or by `id`,
// plus the numbering sequences that hand out order, shipment and invoice numbers.
import { ENTITIES, ENTITY_NAMES, type EntityName } from "./entities";
import { getString, type StoredRecord } from "./records";

const KEY_SEPARATOR = "\u001f";

export class RecordStore {
  private readonly tables = new Map<EntityName, Map<string, StoredRecord>>(
    ENTITY_NAMES.map((name) => [name, new Map<string, StoredRecord>()]),
  );
  readonly sequences = { salesOrders: {} as Record<string, number>, shipments: 0, salesInvoices: 0, packages: 0 };

  private table(entity: EntityName): Map<string, StoredRecord> {
    return this.tables.get(entity)!;
  }

  /** Key values are compared case-insensitively, as SQL Server's default collation does. */
  keyOf(entity: EntityName, record: StoredRecord): string {
    return this.keyString(ENTITIES[entity].keys.map((key) => getString(record, key)));
  }

  private keyString(values: readonly string[]): string {
    return values.map((value) => value.toLowerCase()).join(KEY_SEPARATOR);
  }

  /** Inserts or replaces the record under its current key values. */
  put(entity: EntityName, record: StoredRecord): void {
    this.table(entity).set(this.keyOf(entity, record), record);
  }

  get(entity: EntityName, keys: readonly string[]): StoredRecord | undefined {
    return this.table(entity).get(this.keyString(keys));
  }

  getById(entity: EntityName, id: string): StoredRecord | undefined {
    const wanted = id.toLowerCase();
    for (const record of this.table(entity).values()) if (record.id.toLowerCase() === wanted) return record;
    return undefined;
  }

  /** Every record of the entity in key order (the real default order is unknown, section 8). */
  all(entity: EntityName): StoredRecord[] {
    return [...this.table(entity).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, record]) => record);
  }

  nextNumber(sequence: "shipments" | "salesInvoices" | "packages"): number {
    this.sequences[sequence] += 1;
    return this.sequences[sequence];
  }

  nextOrderNumber(orderType: string): number {
    const next = (this.sequences.salesOrders[orderType] ?? 0) + 1;
    this.sequences.salesOrders[orderType] = next;
    return next;
  }
}
