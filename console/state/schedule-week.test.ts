import { describe, expect, it } from 'vitest';
import type { WeeklyHoursValue } from './schedule-edit.ts';
import { blockPosition, weekLayout } from './schedule-week.ts';

const office = [{ start: '09:00', end: '17:00' }];
const weekly: WeeklyHoursValue = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] };
const MONDAY = '2026-12-21';

describe('the week view', () => {
  it('draws each open interval in its weekday column, and nothing on closed days', () => {
    const { days, blocks } = weekLayout({ weekly, exceptions: [] }, [], MONDAY);
    expect(days.map((day) => day.date)).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27']);
    expect(blocks).toHaveLength(5);
    expect(blocks[0]).toEqual({ day: 0, start: 540, end: 1020, special: false, continued: false });
    const { top, height } = blockPosition(blocks[0]!);
    expect(top).toBe(37.5); // 09:00 of 24 h
    expect(height).toBeCloseTo(33.33, 2); // 8 h of 24
  });

  it("continues an overnight interval into the next day's column, and Sunday night into Monday of the same week", () => {
    const nights = { ...weekly, fri: [{ start: '22:00', end: '02:00', overnight: true }], sun: [{ start: '20:00', end: '01:00', overnight: true }] };
    const { blocks } = weekLayout({ weekly: nights, exceptions: [] }, [], MONDAY);
    expect(blocks.filter((b) => b.day === 4)).toContainEqual({ day: 4, start: 1320, end: 1440, special: false, continued: false });
    expect(blocks.filter((b) => b.day === 5)).toEqual([{ day: 5, start: 0, end: 120, special: false, continued: true }]);
    // Last week's Sunday night reaches this Monday; this Sunday's night falls into next week.
    expect(blocks.filter((b) => b.day === 0)[0]).toEqual({ day: 0, start: 0, end: 60, special: false, continued: true });
    expect(blocks.filter((b) => b.day === 6)).toEqual([{ day: 6, start: 1200, end: 1440, special: false, continued: false }]);
  });

  it('marks closed and special exceptions and holidays, an exception winning over a holiday (SC1, SC3)', () => {
    const holidays = [
      { date: '2026-12-24', name: 'Christmas Eve', keptOpen: false },
      { date: '2026-12-25', name: 'Christmas Day', keptOpen: false },
      { date: '2026-12-26', name: "St Stephen's Day", keptOpen: true },
    ];
    const exceptions = [
      { date: '2026-12-22', closed: true as const, note: 'Stocktaking' },
      { date: '2026-12-24', intervals: [{ start: '08:00', end: '12:00' }] },
    ];
    const { days, blocks } = weekLayout({ weekly: { ...weekly, sat: office }, exceptions }, holidays, MONDAY);
    expect(days.map((day) => day.mark)).toEqual([
      null,
      { kind: 'closedException', label: 'Stocktaking' },
      null,
      { kind: 'specialHours', label: 'Christmas Eve' },
      { kind: 'holiday', label: 'Christmas Day' },
      { kind: 'holidayKeptOpen', label: "St Stephen's Day" },
      null,
    ]);
    expect(blocks.map((b) => [b.day, b.start, b.end, b.special])).toEqual([
      [0, 540, 1020, false],
      [2, 540, 1020, false],
      [3, 480, 720, true],
      [5, 540, 1020, false],
    ]);
  });

  it('leaves out an interval with a half-typed or backwards time instead of guessing', () => {
    const typing = { ...weekly, mon: [{ start: '9:0', end: '17:00' }], tue: [{ start: '17:00', end: '09:00' }] };
    const { blocks } = weekLayout({ weekly: typing, exceptions: [] }, [], MONDAY);
    expect(blocks.map((b) => b.day)).toEqual([2, 3, 4]);
  });
});
