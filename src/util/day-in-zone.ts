// Calendar day of an instant in an IANA time zone, fast enough for bulk ingest.
// Offsets only change at DST/zone transitions, so cache the offset per UTC hour.

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC in minutes at the given instant. */
export function zoneOffsetMinutes(tz: string, epochMs: number): number {
  const hour = Math.floor(epochMs / 3_600_000);
  const key = `${tz}|${hour}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const at = hour * 3_600_000;
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  const offset = Math.round((asUtc - at) / 60_000);
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** YYYY-MM-DD of the instant in `tz`. */
export function dayInZone(iso: string | Date, tz: string): string {
  return localDateTime(iso, tz).slice(0, 10);
}

/** "YYYY-MM-DDTHH:MM" wall-clock time of the instant in `tz`. */
export function localDateTime(iso: string | Date, tz: string): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${String(iso)}`);
  return new Date(ms + zoneOffsetMinutes(tz, ms) * 60_000).toISOString().slice(0, 16);
}

/** The UTC instant at which local midnight of `day` (YYYY-MM-DD) begins in `tz`. */
export function startOfDayUtc(day: string, tz: string): Date {
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Two passes settle DST edges.
  let ms = guess - zoneOffsetMinutes(tz, guess) * 60_000;
  ms = guess - zoneOffsetMinutes(tz, ms) * 60_000;
  return new Date(ms);
}

/** Adds whole days to a YYYY-MM-DD string (calendar arithmetic, no zone). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Today's date in `tz`. */
export function todayInZone(tz: string, now: Date = new Date()): string {
  return dayInZone(now, tz);
}
