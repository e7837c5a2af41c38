import { describe, expect, it } from 'vitest';
import { autoInterval, bucketStart, bucketStarts, nextBucket, type Interval } from '../../src/util/time-buckets.js';

describe('time buckets', () => {
  it.each<[string, Interval, string]>([
    ['2026-04-01', 'day', '2026-04-01'],
    ['2026-03-30', 'week', '2026-03-30'], // a Monday
    ['2026-04-05', 'week', '2026-03-30'], // the Sunday after it
    ['2026-03-29', 'week', '2026-03-23'],
    ['2026-01-01', 'week', '2025-12-29'], // weeks cross the year
    ['2026-03-31', 'month', '2026-03-01'],
    ['2026-04-01', 'month', '2026-04-01'],
    ['2024-02-29', 'month', '2024-02-01'],
  ])('bucketStart(%s, %s) = %s', (day, interval, start) => {
    expect(bucketStart(day, interval)).toBe(start);
  });

  it.each<[string, Interval, string]>([
    ['2025-12-31', 'day', '2026-01-01'],
    ['2025-12-29', 'week', '2026-01-05'],
    ['2025-12-01', 'month', '2026-01-01'],
    ['2024-01-01', 'month', '2024-02-01'],
  ])('nextBucket(%s, %s) = %s', (start, interval, next) => {
    expect(nextBucket(start, interval)).toBe(next);
  });

  it('lists every bucket of a range, partial ends included', () => {
    expect(bucketStarts('2026-03-29', '2026-04-10', 'week')).toEqual(['2026-03-23', '2026-03-30', '2026-04-06']);
    expect(bucketStarts('2026-01-31', '2026-04-01', 'month')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01']);
    expect(bucketStarts('2026-02-27', '2026-03-02', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(bucketStarts('2026-03-02', '2026-03-01', 'day')).toEqual([]);
  });

  it('picks a readable interval for charts', () => {
    expect(autoInterval('2026-01-01', '2026-03-31')).toBe('day');
    expect(autoInterval('2025-01-01', '2026-03-31')).toBe('week');
    expect(autoInterval('2020-01-01', '2026-03-31')).toBe('month');
  });
});
