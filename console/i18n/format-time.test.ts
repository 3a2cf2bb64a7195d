import { describe, expect, it } from 'vitest';
import { createTimeFormatter } from './format-time.ts';

describe('createTimeFormatter', () => {
  const prague = createTimeFormatter('en-GB', 'Europe/Prague');
  // 2026-03-12T10:00Z is 11:00 in Prague (CET, UTC+1).
  const now = new Date('2026-03-12T10:00:00Z');

  it('shows only the time for a message from today in the operator time zone', () => {
    // 2026-03-12T07:05Z is 08:05 in Prague.
    expect(prague.short('2026-03-12T07:05:00Z', now)).toBe('08:05');
  });

  it('judges "today" by the operator time zone, not UTC', () => {
    // 2026-03-11T23:30Z is already 00:30 on 12 March in Prague.
    expect(prague.short('2026-03-11T23:30:00Z', now)).toBe('00:30');
    // ...but still 11 March in New York.
    const newYork = createTimeFormatter('en-GB', 'America/New_York');
    expect(newYork.short('2026-03-11T23:30:00Z', now)).toBe('11 Mar, 19:30');
  });

  it('uses summer time after the DST change', () => {
    // 2026-03-29 at 01:00Z clocks go to CEST (UTC+2); 2026-04-01T10:00Z is 12:00 in Prague.
    expect(prague.short('2026-04-01T10:00:00Z', new Date('2026-04-01T12:00:00Z'))).toBe('12:00');
  });

  it('adds the day for earlier days of the year and the year for older messages', () => {
    expect(prague.short('2026-01-05T09:00:00Z', now)).toBe('5 Jan, 10:00');
    expect(prague.short('2025-12-31T09:00:00Z', now)).toMatch(/2025/);
  });

  it('returns an empty string for a date it cannot read', () => {
    expect(prague.short('not a date', now)).toBe('');
    expect(prague.full('not a date')).toBe('');
  });

  it('writes a deadline as weekday and time, adding the date when it is more than six days away', () => {
    // 2026-03-16T08:30Z is Monday 09:30 in Prague; `now` is Thursday 12 March.
    expect(prague.deadline('2026-03-16T08:30:00Z', now)).toBe('Mon 09:30');
    // 2026-03-23T08:30Z is the Monday after, 09:30 in Prague.
    expect(prague.deadline('2026-03-23T08:30:00Z', now)).toBe('Mon 23 Mar, 09:30');
    // Past deadlines too: 2026-03-11T16:00Z was Wednesday 17:00 in Prague.
    expect(prague.deadline('2026-03-11T16:00:00Z', now)).toBe('Wed 17:00');
    expect(prague.deadline('not a date', now)).toBe('');
  });
});

describe('createTimeFormatter in Czech', () => {
  const prague = createTimeFormatter('cs-CZ', 'Europe/Prague');
  const now = new Date('2026-03-12T10:00:00Z');

  it('writes the weekday in full, so "po" (Monday) is not read as "after"', () => {
    expect(prague.deadline('2026-03-16T08:30:00Z', now)).toBe('pondělí 09:30');
    expect(prague.deadline('2026-03-23T08:30:00Z', now)).toMatch(/^pondělí 23\. 3\.,? 09:30$/);
  });

  it('uses Czech dates', () => {
    expect(prague.short('2026-01-05T09:00:00Z', now)).toMatch(/^5\. 1\.,? 10:00$/);
    expect(prague.full('2026-03-16T08:30:00Z')).toMatch(/^pondělí 16\. března 2026/);
  });
});
