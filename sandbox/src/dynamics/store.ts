// The records of one simulated F&O environment: one table per entity set, rows addressed by their
// key values (compared case-insensitively), RecIds, row versions for ETags, the number sequences,
// and the per-line quantities posted on packing slips and invoices. A changeset snapshots the
// whole store and restores it when an operation fails (all-or-nothing, section 2).
import { ENTITY_SETS, type EntitySetDef, type EntitySetName } from "./entity-sets";
import { FIRST_REC_ID } from "./unconfirmed";
import { comparable, completeFields, type Fields, type Value } from "./values";

const KEY_SEPARATOR = "\u001f";

export interface Row {
  recId: number;
  version: number;
  fields: Fields;
}

/** Quantities posted against one sales line (by InventoryLotId), not exposed as fields. */
export interface LinePostings {
  delivered: number;
  invoiced: number;
}

interface StoreState {
  tables: Record<string, Record<string, Row>>;
  sequences: Record<string, number>;
  nextRecId: number;
  postings: Record<string, LinePostings>;
}

export class EnvironmentStore {
  private state: StoreState = {
    tables: Object.fromEntries(Object.keys(ENTITY_SETS).map((name) => [name, {}])),
    sequences: {},
    nextRecId: FIRST_REC_ID,
    postings: {},
  };

  private table(set: string): Record<string, Row> {
    const table = this.state.tables[set];
    if (!table) throw new Error(`sandbox: no table for entity set ${set}`);
    return table;
  }

  keyString(values: readonly Value[]): string {
    return values.map((v) => String(comparable(v))).join(KEY_SEPARATOR);
  }

  keyOf(def: EntitySetDef, fields: Fields): string {
    return this.keyString(def.keys.map((key) => fields[key] ?? ""));
  }

  get(def: EntitySetDef, keyValues: readonly Value[]): Row | undefined {
    return this.table(def.name)[this.keyString(keyValues)];
  }

  /** Inserts a complete record; returns the row (undefined when the key is taken). */
  insert(def: EntitySetDef, fields: Fields): Row | undefined {
    const full = completeFields(def, fields);
    const key = this.keyOf(def, full);
    const table = this.table(def.name);
    if (table[key]) return undefined;
    const row: Row = { recId: this.state.nextRecId++, version: 1, fields: full };
    table[key] = row;
    return row;
  }

  /** Applies changes to non-key fields and bumps the version. */
  update(row: Row, changes: Fields): void {
    Object.assign(row.fields, changes);
    row.version++;
  }

  delete(def: EntitySetDef, row: Row): void {
    delete this.table(def.name)[this.keyOf(def, row.fields)];
  }

  /** Every row in key order. */
  all(set: EntitySetName | string): Row[] {
    return Object.entries(this.table(set))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }

  nextNumber(sequence: string): number {
    const next = (this.state.sequences[sequence] ?? 0) + 1;
    this.state.sequences[sequence] = next;
    return next;
  }

  /** Makes sure a sequence hands out numbers above `floor` (after a caller-supplied number). */
  raiseSequence(sequence: string, floor: number): void {
    if ((this.state.sequences[sequence] ?? 0) < floor) this.state.sequences[sequence] = floor;
  }

  nextRecId(): number {
    return this.state.nextRecId++;
  }

  postings(lineKey: string): LinePostings {
    const key = lineKey.toLowerCase();
    let entry = this.state.postings[key];
    if (!entry) {
      entry = { delivered: 0, invoiced: 0 };
      this.state.postings[key] = entry;
    }
    return entry;
  }

  snapshot(): StoreState {
    return structuredClone(this.state);
  }

  restore(snapshot: StoreState): void {
    this.state = snapshot;
  }
}

export type StoreSnapshot = ReturnType<EnvironmentStore["snapshot"]>;
