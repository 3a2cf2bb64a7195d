import { WEEKDAYS, type Interval, type Schedule, type Weekday, type WeeklyHours } from './schema.ts';

/** Test helper: a schedule with the given weekly hours (other days closed), no exceptions, no holidays. */
export function scheduleOf(
  timeZone: string,
  weekly: Partial<WeeklyHours>,
  extra: Partial<Omit<Schedule, 'timeZone' | 'weekly'>> = {},
): Schedule {
  return {
    timeZone,
    weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [], ...weekly },
    exceptions: [],
    holidays: null,
    ...extra,
  };
}

/** The same intervals on the days given. */
export function everyDay(intervals: Interval[], days: readonly Weekday[] = WEEKDAYS): Partial<WeeklyHours> {
  return Object.fromEntries(days.map((day) => [day, intervals]));
}

export const NINE_TO_FIVE: Interval[] = [{ start: '09:00', end: '17:00' }];
export const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
