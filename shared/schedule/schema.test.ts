import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULE, DateException, Interval, ReplyTarget, Schedule, describeIssues } from './index.ts';

type Issue = { path: PropertyKey[]; message: string };

/** Parses a schedule that should fail and returns its issues as the server would list them. */
function issuesOf(input: unknown): Issue[] {
  const result = Schedule.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : describeIssues(result.error);
}

const withWeekly = (weekly: object) => ({ ...DEFAULT_SCHEDULE, weekly: { ...DEFAULT_SCHEDULE.weekly, ...weekly } });

describe('schedule validation (SC20–SC30)', () => {
  it('[SC20] the default schedule is valid; times must be HH:MM', () => {
    expect(Schedule.safeParse(DEFAULT_SCHEDULE).success).toBe(true);
    const issues = issuesOf(withWeekly({ tue: [{ start: '9:00', end: '17:60' }] }));
    expect(issues.map((i) => i.path)).toEqual([['weekly', 'tue', 0, 'start'], ['weekly', 'tue', 0, 'end']]);
    expect(issues[0]!.message).toMatch(/like 09:00/);
  });

  it('[SC21] an interval that ends before it starts without the overnight flag is refused at its end', () => {
    const issues = issuesOf(withWeekly({ mon: [{ start: '08:00', end: '12:00' }, { start: '17:00', end: '13:00' }] }));
    expect(issues).toEqual([{
      path: ['weekly', 'mon', 1, 'end'],
      message: "Monday's second interval ends before it starts; tick 'past midnight' if it runs overnight.",
    }]);
  });

  it('[SC21] an interval that ends when it starts is refused', () => {
    expect(issuesOf(withWeekly({ wed: [{ start: '09:00', end: '09:00' }] })).map((i) => i.path)).toEqual([['weekly', 'wed', 0, 'end']]);
  });

  it('[SC22] an overnight interval may end at or before its start the next day, never after', () => {
    expect(Schedule.safeParse(withWeekly({ fri: [{ start: '22:00', end: '02:00', overnight: true }] })).success).toBe(true);
    expect(Schedule.safeParse(withWeekly({ fri: [{ start: '00:00', end: '00:00', overnight: true }], sat: [] })).success).toBe(true);
    const issues = issuesOf(withWeekly({ fri: [{ start: '22:00', end: '23:00', overnight: true }] }));
    expect(issues.map((i) => i.path)).toEqual([['weekly', 'fri', 0, 'end']]);
    expect(issues[0]!.message).toMatch(/more than 24 hours/);
  });

  it('[SC23] 24:00 is an end only', () => {
    expect(Schedule.safeParse(withWeekly({ sat: [{ start: '18:00', end: '24:00' }] })).success).toBe(true);
    expect(issuesOf(withWeekly({ sat: [{ start: '24:00', end: '24:00' }] })).map((i) => i.path)).toEqual([['weekly', 'sat', 0, 'start']]);
    expect(Interval.safeParse({ start: '24:00', end: '24:00' }).success).toBe(false);
  });

  it('[SC24] overlapping intervals of one day are refused at the later one; touching ones are fine', () => {
    expect(Schedule.safeParse(withWeekly({ mon: [{ start: '12:00', end: '17:00' }, { start: '09:00', end: '12:00' }] })).success).toBe(true);
    const issues = issuesOf(withWeekly({ mon: [{ start: '12:00', end: '17:00' }, { start: '09:00', end: '12:30' }] }));
    expect(issues).toEqual([{
      path: ['weekly', 'mon', 0, 'start'],
      message: "Monday's first interval (12:00–17:00) overlaps the second one (09:00–12:30); make one end before the other starts.",
    }]);
  });

  it('[SC24] an overnight interval overlaps a later interval of the same day only if they really overlap', () => {
    expect(issuesOf(withWeekly({ mon: [{ start: '20:00', end: '02:00', overnight: true }, { start: '21:00', end: '22:00' }] }))
      .map((i) => i.path)).toEqual([['weekly', 'mon', 1, 'start']]);
  });

  it('[SC25] an overnight interval must not run into the next day\'s first interval (Sunday into Monday)', () => {
    const issues = issuesOf(withWeekly({ sun: [{ start: '22:00', end: '10:00', overnight: true }] }));
    expect(issues.map((i) => i.path)).toEqual([['weekly', 'sun', 0, 'end']]);
    expect(issues[0]!.message).toMatch(/Monday's interval that starts at 09:00/);
    expect(Schedule.safeParse(withWeekly({ sun: [{ start: '22:00', end: '09:00', overnight: true }] })).success).toBe(true);
  });

  it('[SC26] exceptions need a real date, closed or intervals (not both), unique dates, valid intervals', () => {
    const issues = issuesOf({
      ...DEFAULT_SCHEDULE,
      exceptions: [
        { date: '2026-02-30', closed: true },
        { date: '2026-12-24', closed: true, intervals: [] },
        { date: '2026-12-31', intervals: [{ start: '12:00', end: '08:00' }] },
        { date: '2026-12-31', closed: true },
        { date: '2026-12-30' },
      ],
    });
    expect(issues.map((i) => i.path)).toEqual([
      ['exceptions', 0, 'date'],
      ['exceptions', 1, 'intervals'],
      ['exceptions', 2, 'intervals', 0, 'end'],
      ['exceptions', 4, 'closed'],
      ['exceptions', 3, 'date'],
    ]);
    expect(issues[2]!.message).toBe("The special hours on 2026-12-31: the first interval ends before it starts; tick 'past midnight' if it runs overnight.");
    expect(DateException.safeParse({ date: '2026-12-24', intervals: [{ start: '08:00', end: '12:00' }], note: 'Christmas Eve' }).success).toBe(true);
  });

  it('[SC27] an unknown holiday country or region is refused at its path; a known region is accepted', () => {
    expect(issuesOf({ ...DEFAULT_SCHEDULE, holidays: { country: 'XX', keepOpen: [] } }).map((i) => i.path)).toEqual([['holidays', 'country']]);
    expect(issuesOf({ ...DEFAULT_SCHEDULE, holidays: { country: 'DE', region: 'ZZ', keepOpen: [] } }).map((i) => i.path)).toEqual([['holidays', 'region']]);
    expect(Schedule.safeParse({ ...DEFAULT_SCHEDULE, holidays: { country: 'DE', region: 'BY', keepOpen: [] } }).success).toBe(true);
    expect(Schedule.safeParse({ ...DEFAULT_SCHEDULE, holidays: null }).success).toBe(true);
  });

  it('[SC28] an unknown time zone is refused', () => {
    const issues = issuesOf({ ...DEFAULT_SCHEDULE, timeZone: 'Europe/Brno' });
    expect(issues.map((i) => i.path)).toEqual([['timeZone']]);
    expect(issues[0]!.message).toMatch(/time zone/);
  });

  it('[SC29] a reply target is a whole number of minutes from 0 to 31 days, of a known kind', () => {
    const refused = (input: unknown) => {
      const result = ReplyTarget.safeParse(input);
      return result.success ? null : describeIssues(result.error).map((i) => [i.path, i.message]);
    };
    expect(refused({ kind: 'working', minutes: -5 })).toEqual([[['minutes'], "The reply time can't be negative."]]);
    expect(refused({ kind: 'calendar', minutes: 44_641 })?.[0]?.[0]).toEqual(['minutes']);
    expect(refused({ kind: 'calendar', minutes: 1.5 })?.[0]?.[0]).toEqual(['minutes']);
    expect(refused({ kind: 'nextOpening', plusMinutes: -1 })?.[0]?.[0]).toEqual(['plusMinutes']);
    expect(refused({ kind: 'soon', minutes: 5 })?.[0]?.[0]).toEqual(['kind']);
    expect(refused({ kind: 'working', minutes: 0 })).toBeNull();
    expect(refused({ kind: 'nextOpening', plusMinutes: 44_640 })).toBeNull();
  });

  it('[SC30] unknown fields are refused, each with its own path', () => {
    const issues = issuesOf({ ...withWeekly({ mon: [{ start: '09:00', end: '17:00', colour: 'red' }] }), owner: 'x' });
    expect(issues).toEqual([
      { path: ['weekly', 'mon', 0, 'colour'], message: '"colour" is not a setting we know; remove it.' },
      { path: ['owner'], message: '"owner" is not a setting we know; remove it.' },
    ]);
    expect(ReplyTarget.safeParse({ kind: 'working', minutes: 5, plusMinutes: 3 }).success).toBe(false);
  });
});
