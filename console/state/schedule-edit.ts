import type { SiteSettings } from '../../shared/index.ts';

/** The shapes the Hours screen edits, taken from the settings so they never drift from the schema. */
export type ScheduleValue = SiteSettings['schedule'];
export type WeeklyHoursValue = ScheduleValue['weekly'];
export type IntervalValue = WeeklyHoursValue['mon'][number];
export type ExceptionValue = ScheduleValue['exceptions'][number];
export type HolidayValue = NonNullable<ScheduleValue['holidays']>;

/** Monday first, as the schema and Central Europe count the week. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** "HH:MM" → minutes since midnight; null when it is not a time. */
export function minutesOf(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

/** Minutes since midnight → "HH:MM" (1440 → "24:00"). */
export function timeOf(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * A new interval for a day that already has `intervals`: 09:00–17:00 on an empty day, otherwise an hour after
 * the last one ends and four hours long (kept within the day), so a lunch break is one click and a time change.
 */
export function nextInterval(intervals: readonly IntervalValue[]): IntervalValue {
  const ends = intervals.map((interval) => (interval.overnight ? null : minutesOf(interval.end))).filter((m): m is number => m !== null);
  if (intervals.length === 0 || ends.length === 0) return { start: '09:00', end: '17:00' };
  const start = Math.min(Math.max(...ends) + 60, 23 * 60);
  return { start: timeOf(start), end: timeOf(Math.min(start + 4 * 60, 24 * 60)) };
}

export function addInterval(weekly: WeeklyHoursValue, day: Weekday): WeeklyHoursValue {
  return { ...weekly, [day]: [...weekly[day], nextInterval(weekly[day])] };
}

export function removeInterval(weekly: WeeklyHoursValue, day: Weekday, index: number): WeeklyHoursValue {
  return { ...weekly, [day]: weekly[day].filter((_, i) => i !== index) };
}

/** One interval changed; `overnight: false` is dropped rather than stored, as the schema leaves it optional. */
export function updateInterval(weekly: WeeklyHoursValue, day: Weekday, index: number, change: Partial<IntervalValue>): WeeklyHoursValue {
  return { ...weekly, [day]: updateIntervalIn(weekly[day], index, change) };
}

export function updateIntervalIn(intervals: readonly IntervalValue[], index: number, change: Partial<IntervalValue>): IntervalValue[] {
  return intervals.map((interval, i) => {
    if (i !== index) return interval;
    const { overnight, ...rest } = { ...interval, ...change };
    return overnight ? { ...rest, overnight: true } : rest;
  });
}

/** Tuesday to Friday get Monday's hours (copies, so editing one day later leaves the others alone). */
export function copyMondayToWeekdays(weekly: WeeklyHoursValue): WeeklyHoursValue {
  const copy = () => weekly.mon.map((interval) => ({ ...interval }));
  return { ...weekly, tue: copy(), wed: copy(), thu: copy(), fri: copy() };
}

/** A new dated exception, closed all day, on `date` or (when taken) the first later date without one. */
export function addException(exceptions: readonly ExceptionValue[], date: string): ExceptionValue[] {
  const taken = new Set(exceptions.map((exception) => exception.date));
  let candidate = date;
  while (taken.has(candidate)) candidate = addDays(candidate, 1);
  return [...exceptions, { date: candidate, closed: true }];
}

/** Switches an exception between closed all day and special hours (09:00–12:00 to start with), keeping its date and note. */
export function setExceptionClosed(exception: ExceptionValue, closed: boolean): ExceptionValue {
  const { date, note } = exception;
  const base = note === undefined ? { date } : { date, note };
  if (closed) return { ...base, closed: true };
  return { ...base, intervals: exception.intervals ?? [{ start: '09:00', end: '12:00' }] };
}

/** An exception with a new note; an empty note is removed rather than stored. */
export function setExceptionNote(exception: ExceptionValue, note: string): ExceptionValue {
  const { note: _old, ...rest } = exception;
  return note.trim() === '' ? rest : { ...rest, note };
}

/** `date` ("YYYY-MM-DD") plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The weekday of a local date ("YYYY-MM-DD"). */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)));
}

/** A holiday kept open or not: the keep-open list with this rule added or removed (no duplicates). */
export function setKeptOpen(holidays: HolidayValue, rule: string, keptOpen: boolean): HolidayValue {
  const others = holidays.keepOpen.filter((r) => r !== rule);
  return { ...holidays, keepOpen: keptOpen ? [...others, rule] : others };
}
