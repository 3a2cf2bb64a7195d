import { addDays, minutesOf, WEEKDAYS, weekdayOf, type IntervalValue, type ScheduleValue } from './schedule-edit.ts';

const DAY = 24 * 60;

/** One open stretch drawn in a day's column, in minutes from that day's midnight. */
export interface WeekBlock {
  /** 0 = Monday … 6 = Sunday. */
  day: number;
  start: number;
  end: number;
  /** From a dated exception's special hours rather than the weekly hours. */
  special: boolean;
  /** The part after midnight of an interval that started the day before. */
  continued: boolean;
}

/** Why a day does not use its weekly hours (or, for a holiday kept open, does). */
export type DayMarkKind = 'closedException' | 'specialHours' | 'holiday' | 'holidayKeptOpen';

export interface WeekDay {
  date: string;
  mark: { kind: DayMarkKind; label: string | null } | null;
  /** The day's own intervals (as the owner wrote them), for the text alternative. */
  intervals: readonly IntervalValue[];
}

export interface WeekLayout {
  days: WeekDay[];
  blocks: WeekBlock[];
}

/** A public holiday as the upcoming-holidays route lists it. */
export interface HolidayOnDate {
  date: string;
  name: string;
  keptOpen: boolean;
}

/**
 * The hours of one local date in the order of SPEC SC1: its exception, else a public holiday not kept open
 * (closed), else its weekday's hours. `holidays` lists the public holidays of the configured country (an
 * empty list when there are none).
 */
export function hoursOn(schedule: Pick<ScheduleValue, 'weekly' | 'exceptions'>, holidays: readonly HolidayOnDate[], date: string): WeekDay {
  const exception = schedule.exceptions.find((e) => e.date === date);
  const holiday = holidays.find((h) => h.date === date);
  if (exception) {
    const label = exception.note ?? holiday?.name ?? null;
    if (exception.closed) return { date, mark: { kind: 'closedException', label }, intervals: [] };
    return { date, mark: { kind: 'specialHours', label }, intervals: exception.intervals ?? [] };
  }
  const weekly = schedule.weekly[weekdayOf(date)];
  if (holiday && !holiday.keptOpen) return { date, mark: { kind: 'holiday', label: holiday.name }, intervals: [] };
  if (holiday) return { date, mark: { kind: 'holidayKeptOpen', label: holiday.name }, intervals: weekly };
  return { date, mark: null, intervals: weekly };
}

/** [start, end) in minutes from the start day's midnight (an overnight interval ends after 1440); null if not times. */
function spanOf(interval: IntervalValue): [number, number] | null {
  const start = minutesOf(interval.start);
  const end = minutesOf(interval.end);
  if (start === null || end === null) return null;
  return [start, interval.overnight ? end + DAY : end];
}

/**
 * The week starting on `monday` as blocks to draw in 7 columns of 24 hours. An overnight interval is drawn
 * to midnight on its own day and continues from midnight in the next column (SC5: it belongs to the day it
 * starts on, so Sunday night before this week shows on Monday morning, and a holiday on the next day does
 * not cut it). Invalid or half-typed times are left out rather than guessed.
 */
export function weekLayout(schedule: Pick<ScheduleValue, 'weekly' | 'exceptions'>, holidays: readonly HolidayOnDate[], monday: string): WeekLayout {
  const days = WEEKDAYS.map((_, i) => hoursOn(schedule, holidays, addDays(monday, i)));
  const dayBefore = hoursOn(schedule, holidays, addDays(monday, -1));
  const blocks: WeekBlock[] = [];
  const place = (day: number, intervals: readonly IntervalValue[], special: boolean) => {
    for (const interval of intervals) {
      const span = spanOf(interval);
      if (span === null || span[1] <= span[0]) continue;
      const [start, end] = span;
      if (day >= 0) blocks.push({ day, start, end: Math.min(end, DAY), special, continued: false });
      if (end > DAY && day + 1 < 7) blocks.push({ day: day + 1, start: 0, end: end - DAY, special, continued: true });
    }
  };
  place(-1, dayBefore.intervals, dayBefore.mark?.kind === 'specialHours');
  days.forEach((day, i) => place(i, day.intervals, day.mark?.kind === 'specialHours'));
  blocks.sort((a, b) => a.day - b.day || a.start - b.start);
  return { days, blocks };
}

/** A block's position in its column, in percent of the day, for CSS `top`/`height`. */
export function blockPosition(block: Pick<WeekBlock, 'start' | 'end'>): { top: number; height: number } {
  return { top: (block.start / DAY) * 100, height: ((block.end - block.start) / DAY) * 100 };
}
