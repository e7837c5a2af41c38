// Only valid UTF-8 may be stored: a lone UTF-16 surrogate (from a JSON "\ud800" escape, say) would
// reach SQLite as the bytes ED A0 80. Each one becomes U+FFFD (same length, so text offsets hold) and is counted.

declare global {
  // ES2024 (Node 20); the project's lib is ES2023.
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

/** Number of unpaired surrogates in `s`. */
export function countLoneSurrogates(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else n++;
  }
  return n;
}

/**
 * `value` with every string in it (nested in arrays and plain objects too) well formed, and how many
 * surrogates were replaced. The same object comes back when nothing needed replacing.
 */
export function wellFormedValue<T>(value: T): { value: T; replaced: number } {
  if (typeof value === 'string') {
    if (value.isWellFormed()) return { value, replaced: 0 };
    return { value: value.toWellFormed() as T, replaced: countLoneSurrogates(value) };
  }
  if (value === null || typeof value !== 'object') return { value, replaced: 0 };
  let replaced = 0;
  let copy: Record<string, unknown> | unknown[] | null = null;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    const r = wellFormedValue(v);
    if (r.replaced === 0) continue;
    replaced += r.replaced;
    copy ??= Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
    (copy as Record<string | number, unknown>)[k] = r.value;
  }
  return { value: (copy ?? value) as T, replaced };
}
