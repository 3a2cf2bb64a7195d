import { describe, expect, it } from 'vitest';
import { checkScheduleDraft, intervalProblems } from './schedule-check.ts';
import type { ScheduleValue } from './schedule-edit.ts';

const office = [{ start: '09:00', end: '17:00' }];
const schedule: ScheduleValue = {
  timeZone: 'Europe/Prague',
  weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
  exceptions: [],
  holidays: null,
};
const at = ['schedule', 'weekly', 'mon', 0];

describe('checking intervals before they are sent', () => {
  it('passes ordinary, lunch-break, midnight-ending and overnight intervals', () => {
    expect(intervalProblems({ start: '09:00', end: '17:00' }, at, 'Monday, hours 1')).toEqual([]);
    expect(intervalProblems({ start: '18:00', end: '24:00' }, at, 'x')).toEqual([]);
    expect(intervalProblems({ start: '22:00', end: '02:00', overnight: true }, at, 'x')).toEqual([]);
    expect(intervalProblems({ start: '00:00', end: '00:00', overnight: true }, at, 'x')).toEqual([]);
  });

  it('names a malformed time at its own field, by the same path the server uses', () => {
    expect(intervalProblems({ start: '9:00', end: '25:00' }, at, 'Monday, hours 1')).toEqual([
      { path: [...at, 'start'], message: 'Monday, hours 1: Use a time like 09:00 or 17:30 (24:00 only as an end).' },
      { path: [...at, 'end'], message: 'Monday, hours 1: Use a time like 09:00 or 17:30 (24:00 only as an end).' },
    ]);
  });

  it('refuses an end before or at the start, a 24:00 start, and an overnight interval longer than a day (SC21–SC23)', () => {
    expect(intervalProblems({ start: '18:00', end: '09:00' }, at, 'M')[0]).toEqual({ path: [...at, 'end'], message: "M: This ends before it starts; tick 'Past midnight' if it runs overnight." });
    expect(intervalProblems({ start: '09:00', end: '09:00' }, at, 'M')[0]?.path).toEqual([...at, 'end']);
    expect(intervalProblems({ start: '24:00', end: '24:00' }, at, 'M')[0]?.path).toEqual([...at, 'start']);
    expect(intervalProblems({ start: '22:00', end: '23:00', overnight: true }, at, 'M')[0]?.message).toContain('no later than 22:00');
  });

  it("checks the weekly hours, the exceptions' special hours and each channel's hours", () => {
    const issues = checkScheduleDraft(
      {
        ...schedule,
        weekly: { ...schedule.weekly, thu: [{ start: '18:00', end: '09:00' }] },
        exceptions: [{ date: '2026-12-24', closed: true }, { date: '2026-12-31', intervals: [{ start: '12:00', end: '10:00' }] }],
      },
      [{ label: 'E-mail', hours: null }, { label: 'Phone', hours: { ...schedule.weekly, sat: [{ start: 'x', end: '12:00' }] } }],
    );
    expect(issues.map((issue) => issue.path.join('.'))).toEqual([
      'schedule.weekly.thu.0.end',
      'schedule.exceptions.1.intervals.0.end',
      'channels.1.hours.sat.0.start',
    ]);
    expect(issues[0]?.message).toMatch(/^Thursday, hours 1: /);
    expect(issues[2]?.message).toMatch(/^Phone: Saturday, hours 1: /);
  });
});
