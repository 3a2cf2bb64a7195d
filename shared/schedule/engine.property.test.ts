import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Schedule,
  WEEKDAYS,
  isOpenAt,
  nextClosing,
  nextOpening,
  openIntervalsBetween,
  replyDeadline,
  type DateException,
  type HolidaySettings,
  type Interval,
  type WeeklyHours,
} from './index.ts';

const RUNS = 300;
const MINUTE = 60_000;
const DAY = 86_400_000;

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0–3 disjoint intervals in a day, from sorted distinct minute marks in [0, 1440]; maybe the last one overnight. */
const dayArbitrary = fc
  .record({
    marks: fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 6 }),
    overnightEnd: fc.option(fc.integer({ min: 0, max: 1439 }), { freq: 3 }),
  })
  .map(({ marks, overnightEnd }) => {
    const sorted = [...marks].sort((a, b) => a - b);
    const intervals: { start: number; end: number; overnight?: true }[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ start: sorted[i]!, end: sorted[i + 1]! });
    return { intervals, overnightEnd };
  });

// Zones with interesting DST: a 1-hour European one, a North American one, the 30-minute Lord Howe shift.
const ZONES = [
  { timeZone: 'Europe/Prague', holidays: { country: 'CZ', keepOpen: ['12-24'] } },
  { timeZone: 'America/New_York', holidays: null },
  { timeZone: 'Australia/Lord_Howe', holidays: { country: 'AU', region: 'NSW', keepOpen: [] } },
] as const;

const exceptionArbitrary: fc.Arbitrary<DateException> = fc
  .record({
    day: fc.integer({ min: 0, max: 2 * 365 }),
    closed: fc.boolean(),
    start: fc.integer({ min: 0, max: 1380 }),
    length: fc.integer({ min: 1, max: 1440 }),
  })
  .map(({ day, closed, start, length }): DateException => {
    const date = new Date(Date.UTC(2026, 0, 1) + day * DAY).toISOString().slice(0, 10);
    if (closed) return { date, closed: true };
    const end = start + length;
    return end <= 1440
      ? { date, intervals: [{ start: hhmm(start), end: hhmm(end) }] }
      : { date, intervals: [{ start: hhmm(start), end: hhmm(end - 1440), overnight: true }] };
  });

/** Random valid schedules: weekly hours per day (overnight runs trimmed to the next day's first start). */
const scheduleArbitrary: fc.Arbitrary<Schedule> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    days: fc.array(dayArbitrary, { minLength: 7, maxLength: 7 }),
    exceptions: fc.uniqueArray(exceptionArbitrary, { maxLength: 4, selector: (e) => e.date }),
  })
  .map(({ zone, days, exceptions }) => {
    const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as Interval[]])) as WeeklyHours;
    days.forEach((day, index) => {
      const next = days[(index + 1) % 7]!.intervals[0]?.start ?? 1440;
      day.intervals.forEach((interval, i) => {
        const last = i === day.intervals.length - 1;
        if (last && day.overnightEnd !== null && interval.start < 1440) {
          const end = Math.min(day.overnightEnd, interval.start, next);
          weekly[WEEKDAYS[index]!].push({ start: hhmm(interval.start), end: hhmm(Math.min(end, 1439)), overnight: true });
        } else {
          weekly[WEEKDAYS[index]!].push({ start: hhmm(interval.start), end: hhmm(interval.end) });
        }
      });
    });
    const holidays: HolidaySettings | null = zone.holidays === null ? null : { ...zone.holidays, keepOpen: [...zone.holidays.keepOpen] };
    return { timeZone: zone.timeZone, weekly, exceptions, holidays };
  });

// Receipts across 2026–2027, half of them within a few hours of a DST change in one of the zones.
const TRANSITIONS = [
  '2026-03-08T07:00:00Z', '2026-03-29T01:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z',
  '2026-10-25T01:00:00Z', '2026-11-01T06:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z',
].map(Date.parse);
const instantArbitrary = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) - 1 }),
  fc.record({ at: fc.constantFrom(...TRANSITIONS), shift: fc.integer({ min: -6 * 3_600_000, max: 6 * 3_600_000 }) })
    .map(({ at, shift }) => at + shift),
).map((ms) => new Date(ms));

const minutesArbitrary = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 60 * 24 * 31 }));

const openMs = (schedule: Schedule, from: Date, to: Date) =>
  openIntervalsBetween(schedule, from, to).reduce((sum, i) => sum + i.end.getTime() - i.start.getTime(), 0);

describe('engine properties', () => {
  it('[SC20] every generated schedule is valid by the schema (the generator is honest)', () => {
    fc.assert(fc.property(scheduleArbitrary, (schedule) => {
      const result = Schedule.safeParse(schedule);
      expect(result.error?.issues ?? []).toEqual([]);
    }), { numRuns: RUNS });
  });

  it('[SC16] a working-time deadline is never before the receipt, open just before it, and holds exactly the target', () => {
    fc.assert(fc.property(scheduleArbitrary, instantArbitrary, minutesArbitrary, (schedule, receivedAt, minutes) => {
      const deadline = replyDeadline(schedule, receivedAt, { kind: 'working', minutes });
      if (deadline === null) {
        // Only when the horizon does not hold that much open time.
        expect(openMs(schedule, receivedAt, new Date(receivedAt.getTime() + 400 * DAY))).toBeLessThan(minutes * MINUTE);
        return;
      }
      expect(deadline.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime());
      if (minutes > 0) expect(isOpenAt(schedule, new Date(deadline.getTime() - 1))).toBe(true);
      else expect(deadline).toEqual(nextOpening(schedule, receivedAt));
      expect(openMs(schedule, receivedAt, deadline)).toBe(minutes * MINUTE);
    }), { numRuns: RUNS });
  });

  it('[SC16] a working-time deadline never moves earlier when the receipt moves later', () => {
    fc.assert(fc.property(
      scheduleArbitrary, instantArbitrary, fc.integer({ min: 0, max: 3 * DAY }), minutesArbitrary,
      (schedule, receivedAt, delay, minutes) => {
        const target = { kind: 'working', minutes } as const;
        const earlier = replyDeadline(schedule, receivedAt, target);
        const later = replyDeadline(schedule, new Date(receivedAt.getTime() + delay), target);
        if (earlier === null || later === null) return;
        expect(later.getTime()).toBeGreaterThanOrEqual(earlier.getTime());
      },
    ), { numRuns: RUNS });
  });

  it('[SC15] a "next opening + N" target is the same instant as N working minutes', () => {
    fc.assert(fc.property(scheduleArbitrary, instantArbitrary, minutesArbitrary, (schedule, receivedAt, minutes) => {
      expect(replyDeadline(schedule, receivedAt, { kind: 'nextOpening', plusMinutes: minutes }))
        .toEqual(replyDeadline(schedule, receivedAt, { kind: 'working', minutes }));
    }), { numRuns: RUNS });
  });

  it('[SC10] nextOpening is open, not before the query, and nothing before it is open', () => {
    fc.assert(fc.property(scheduleArbitrary, instantArbitrary, (schedule, at) => {
      const opening = nextOpening(schedule, at);
      if (opening === null) {
        expect(openIntervalsBetween(schedule, at, new Date(at.getTime() + 400 * DAY))).toEqual([]);
        return;
      }
      expect(opening.getTime()).toBeGreaterThanOrEqual(at.getTime());
      expect(isOpenAt(schedule, opening)).toBe(true);
      expect(openIntervalsBetween(schedule, at, opening)).toEqual([]);
    }), { numRuns: RUNS });
  });

  it('[SC11] nextClosing is closed, and everything from the query to it is open', () => {
    fc.assert(fc.property(scheduleArbitrary, instantArbitrary, (schedule, at) => {
      const closing = nextClosing(schedule, at);
      if (closing === null) return; // open for the whole horizon
      expect(isOpenAt(schedule, closing)).toBe(false);
      if (closing.getTime() === at.getTime()) return;
      expect(openIntervalsBetween(schedule, at, closing)).toEqual([{ start: at, end: closing }]);
    }), { numRuns: RUNS });
  });

  it('[SC12] openIntervalsBetween is sorted, merged, clipped, and agrees with isOpenAt at sampled instants', () => {
    fc.assert(fc.property(
      scheduleArbitrary, instantArbitrary, fc.integer({ min: 1, max: 10 * DAY }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 10, maxLength: 30 }),
      (schedule, from, length, samples) => {
        const to = new Date(from.getTime() + length);
        const intervals = openIntervalsBetween(schedule, from, to);
        let previousEnd = -Infinity;
        for (const { start, end } of intervals) {
          expect(start.getTime()).toBeGreaterThan(previousEnd); // sorted, and touching ones merged
          expect(end.getTime()).toBeGreaterThan(start.getTime());
          expect(start.getTime()).toBeGreaterThanOrEqual(from.getTime());
          expect(end.getTime()).toBeLessThanOrEqual(to.getTime());
          expect(isOpenAt(schedule, start)).toBe(true);
          expect(isOpenAt(schedule, new Date(end.getTime() - 1))).toBe(true);
          if (end.getTime() < to.getTime()) expect(isOpenAt(schedule, end)).toBe(false);
          previousEnd = end.getTime();
        }
        for (const sample of samples) {
          const at = from.getTime() + Math.floor(sample * length);
          const inside = intervals.some((i) => i.start.getTime() <= at && at < i.end.getTime());
          expect(isOpenAt(schedule, new Date(at))).toBe(inside);
        }
      },
    ), { numRuns: RUNS });
  });
});
