// The vocab table (migration 008): strings repeated across millions of rows (frame ids, lexicon
// terms, rule and part ids, lexicon versions) stored once, referred to by a small integer id.
//
// Ids are cached in memory. An id this connection added inside a transaction is not cached until
// that transaction is known to have committed: rolled back, the id may be taken by another process
// for another string. Until then each use reads it back from the table. `settle()` checks those ids
// and caches the ones that exist; the store calls it when a write transaction ends (committed or
// not), and it runs by itself whenever the connection is seen outside a transaction.
import type { Db } from './open-database.js';

export class Vocab {
  private readonly ids = new Map<string, number>();
  private readonly values = new Map<number, string>();
  private readonly pending = new Map<string, number>();
  private loaded = false;
  private readonly sel: ReturnType<Db['prepare']>;
  private readonly selValue: ReturnType<Db['prepare']>;
  private readonly ins: ReturnType<Db['prepare']>;

  constructor(private readonly db: Db) {
    this.sel = db.prepare('SELECT id FROM vocab WHERE value = ?').pluck();
    this.selValue = db.prepare('SELECT value FROM vocab WHERE id = ?').pluck();
    this.ins = db.prepare('INSERT INTO vocab(value) VALUES (?) RETURNING id').pluck();
  }

  private load(): void {
    for (const r of this.db.prepare('SELECT id, value FROM vocab').all() as { id: number; value: string }[]) this.keep(r.value, r.id);
    this.loaded = true;
  }

  private keep(value: string, id: number): void {
    this.ids.set(value, id);
    this.values.set(id, value);
  }

  private ready(): void {
    if (!this.loaded) this.load();
    if (this.pending.size && !this.db.inTransaction) this.settle();
  }

  /** Keeps the ids added by committed transactions, forgets rolled-back ones. */
  settle(): void {
    for (const [value, id] of this.pending) if (this.selValue.get(id) === value) this.keep(value, id);
    this.pending.clear();
  }

  /** The id of a string, added if new (inside the caller's write transaction). */
  idOf(value: string): number {
    this.ready();
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    const id = (this.sel.get(value) as number | undefined) ?? (this.ins.get(value) as number);
    this.pending.set(value, id);
    return id;
  }

  /** The id of a string, or undefined when it was never stored. */
  find(value: string): number | undefined {
    this.ready();
    return this.ids.get(value) ?? (this.sel.get(value) as number | undefined);
  }

  /** The string of an id (read again from the table when another process added it). */
  valueOf(id: number): string {
    this.ready();
    const known = this.values.get(id);
    if (known !== undefined) return known;
    const value = this.selValue.get(id) as string | undefined;
    if (value === undefined) throw new Error(`vocab id ${id} is not in the database`);
    if (!this.db.inTransaction) this.keep(value, id);
    return value;
  }
}

const vocabs = new WeakMap<Db, Vocab>();

/** The connection's vocab (one cache per connection). */
export function vocabOf(db: Db): Vocab {
  let v = vocabs.get(db);
  if (!v) {
    v = new Vocab(db);
    vocabs.set(db, v);
  }
  return v;
}
