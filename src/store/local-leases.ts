// The lease port for a store that one host uses (SQLite): the collection list and its leases live in
// the process. Collectors of one process never overlap (a run collects its channels one by one), so
// this only keeps the port's meaning: a claimed channel is not claimed again until released or expired.
import type { ChannelLease, ClaimOptions } from './store.js';

interface Entry {
  holder: string | null;
  expiresMs: number;
  heartbeatMs: number;
  doneMs: number | null;
  doneBy: string | null;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class LocalLeases {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  private entry(name: string): Entry {
    const key = name.toLowerCase();
    let e = this.entries.get(key);
    if (!e) {
      e = { holder: null, expiresMs: 0, heartbeatMs: 0, doneMs: null, doneBy: null };
      this.entries.set(key, e);
    }
    return e;
  }

  enlist(names: readonly string[]): void {
    for (const n of names) this.entry(n);
  }

  list(): string[] {
    return [...this.entries.keys()].sort();
  }

  claim(holder: string, opts: ClaimOptions): string | null {
    const t = this.now();
    const since = opts.notDoneSince === undefined ? null : Date.parse(opts.notDoneSince);
    const names = opts.only ? opts.only.map((n) => n.toLowerCase()) : this.list();
    if (opts.only) this.enlist(names);
    const free = names.filter((n) => {
      const e = this.entry(n);
      return (e.holder === null || e.expiresMs <= t) && (since === null || e.doneMs === null || e.doneMs < since);
    });
    if (!opts.only) free.sort((a, b) => (this.entry(a).doneMs ?? -Infinity) - (this.entry(b).doneMs ?? -Infinity));
    const name = free[0];
    if (name === undefined) return null;
    Object.assign(this.entry(name), { holder, expiresMs: t + opts.ttlMs, heartbeatMs: t });
    return name;
  }

  renew(holder: string, ttlMs: number): string[] {
    const t = this.now();
    const held: string[] = [];
    for (const [name, e] of this.entries) {
      if (e.holder !== holder || e.expiresMs <= t) continue;
      e.expiresMs = t + ttlMs;
      e.heartbeatMs = t;
      held.push(name);
    }
    return held.sort();
  }

  release(name: string, holder: string, done: boolean): void {
    const e = this.entries.get(name.toLowerCase());
    if (!e || e.holder !== holder) return;
    e.holder = null;
    e.expiresMs = 0;
    if (done) {
      e.doneMs = this.now();
      e.doneBy = holder;
    }
  }

  leases(): ChannelLease[] {
    const t = this.now();
    return this.list().map((channel) => {
      const e = this.entry(channel);
      const held = e.holder !== null && e.expiresMs > t;
      return {
        channel,
        holder: held ? e.holder : null,
        expiresAt: held ? iso(e.expiresMs) : null,
        heartbeatAt: held ? iso(e.heartbeatMs) : null,
        doneAt: iso(e.doneMs),
        doneBy: e.doneBy,
      };
    });
  }

  forget(name: string): void {
    this.entries.delete(name.toLowerCase());
  }
}
