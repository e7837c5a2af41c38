import { describe, expect, it } from 'vitest';
import { dateProblemText, EARLIEST_POST_DAY, parseIsoPostDate, parseUnixPostDate } from '../../src/util/post-date.js';

const NOW = Date.parse('2026-03-15T12:00:00Z');
const iso = (text: string, assumeUtc = false) => parseIsoPostDate(text, { now: NOW, assumeUtc });
const unix = (v: number | string) => parseUnixPostDate(v, { now: NOW });

describe('post dates (issue 14, item 2)', () => {
  it('accepts real dates from 2013-08-01 to one day from now, with any offset', () => {
    expect(EARLIEST_POST_DAY).toBe('2013-08-01');
    expect(iso('2013-08-01T00:00:00Z')).toEqual({ ms: Date.parse('2013-08-01T00:00:00Z') });
    expect(iso('2024-02-29T10:00:00+04:30')).toEqual({ ms: Date.parse('2024-02-29T05:30:00Z') });
    expect(iso('2026-03-16T11:59:59Z')).toEqual({ ms: Date.parse('2026-03-16T11:59:59Z') });
    expect(iso('2025-01-01T10:00:00.250-0500')).toEqual({ ms: Date.parse('2025-01-01T15:00:00.250Z') });
    expect(iso('2026-01-02T10:00:00', true)).toEqual({ ms: Date.parse('2026-01-02T10:00:00Z') });
    expect(unix(1767348000)).toEqual({ ms: 1767348000000 });
    expect(unix('1767348000')).toEqual({ ms: 1767348000000 });
  });

  it('refuses milliseconds instead of reading them as the year 55840', () => {
    const r = unix(1700000000000);
    expect(r).toMatchObject({ range: true, hint: expect.stringMatching(/milliseconds/) });
    expect('problem' in r && dateProblemText('date', 1700000000000, r)).toBe(
      '"date" is more than a day in the future: 1700000000000 looks like milliseconds; give seconds since 1970 or an ISO 8601 date',
    );
    expect(unix('1700000000000')).toMatchObject({ hint: expect.stringMatching(/milliseconds/) });
  });

  it('refuses 0000-01-01 rather than storing 1901', () => {
    expect(iso('0000-01-01T00:00:00Z')).toMatchObject({ range: true, problem: expect.stringMatching(/before 2013-08-01/) });
    expect(iso('2013-07-31T23:59:59Z')).toMatchObject({ range: true });
  });

  it('refuses 2024-02-30 rather than rolling it to March 1', () => {
    expect(iso('2024-02-30T00:00:00Z')).toEqual({ problem: 'is not a calendar date', range: false });
    expect(iso('2025-02-29T00:00:00Z')).toMatchObject({ problem: 'is not a calendar date' });
    expect(iso('2025-04-31T00:00:00Z')).toMatchObject({ problem: 'is not a calendar date' });
    expect(iso('2025-13-01T00:00:00Z')).toMatchObject({ problem: 'is not a calendar date' });
    expect(iso('2025-01-01T24:00:00Z')).toMatchObject({ problem: 'is not a time of day' });
  });

  it('refuses expanded years (+275760-09-13) and dates more than a day ahead', () => {
    expect(iso('+275760-09-13T00:00:00Z')).toMatchObject({ range: false, problem: expect.stringMatching(/not an ISO 8601/) });
    expect(iso('+275760-09-13')).toMatchObject({ range: false });
    expect(iso('2026-03-16T12:00:01Z')).toMatchObject({ range: true, problem: expect.stringMatching(/future/) });
    expect(unix(8.64e15)).toMatchObject({ range: true });
  });

  it('refuses text without a zone, and what is not a date at all', () => {
    expect(iso('2024-01-01T10:00:00')).toMatchObject({ problem: expect.stringMatching(/time zone/) });
    expect(iso('2024-01-01')).toMatchObject({ range: false });
    expect(iso('yesterday')).toMatchObject({ range: false });
    expect(iso('2024-01-01T10:00:00+15:00')).toMatchObject({ problem: expect.stringMatching(/offset/) });
    expect(unix('17e8')).toMatchObject({ range: false });
    expect(unix(Number.NaN)).toMatchObject({ range: false });
  });
});
