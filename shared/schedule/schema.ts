import { z } from 'zod';
import { IANAZone } from 'luxon';
import { isKnownCountry, isKnownRegion } from './holidays.ts';

/**
 * The schedule of a site (or of one of its channels), validated where it enters: the settings editor's PUT,
 * the database row of an older version. Every refinement names the exact path and says, in words a site
 * owner understands, what is wrong and how to fix it (rules SC20–SC30 in SPEC.md).
 */

const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "HH:MM" from 00:00 to 23:59; "24:00" is accepted here and refused by `Interval` except as an end (SC20). */
export const TimeOfDay = z
  .string()
  .regex(TIME_PATTERN, { error: 'Use a time like 09:00 or 17:30 (hours 00–23, minutes 00–59; 24:00 only as an end).' });
export type TimeOfDay = z.infer<typeof TimeOfDay>;

/** The shape of an interval without its own checks; the containers check it and name the day in messages. */
const IntervalShape = z.strictObject({
  start: TimeOfDay,
  end: TimeOfDay,
  /** Runs from `start` on its day to `end` on the next day (22:00–02:00). */
  overnight: z.boolean().optional(),
});

/** Minutes since midnight, or null when the text is not a valid time (its own issue is already reported). */
export function minutesOfTime(time: unknown): number | null {
  if (typeof time !== 'string' || !TIME_PATTERN.test(time)) return null;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

type Path = (string | number)[];
type IntervalValue = z.infer<typeof IntervalShape>;
type Issue = { path: Path; message: string };

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

/** Per-interval checks (SC21–SC23); `label` is e.g. "Monday's second interval". */
function intervalIssues(interval: IntervalValue, label: string, path: Path): Issue[] {
  // Refinements also run when a field already failed its own check, so the value may be anything.
  if (typeof interval !== 'object' || interval === null) return [];
  const start = minutesOfTime(interval.start);
  const end = minutesOfTime(interval.end);
  if (start === null || end === null) return [];
  if (start === 24 * 60) {
    return [{ path: [...path, 'start'], message: `${label} can't start at 24:00; use 00:00 of the next day.` }];
  }
  if (interval.overnight === true) {
    if (end === 24 * 60 || end > start) {
      return [{
        path: [...path, 'end'],
        message: `${label} runs past midnight, so it must end no later than ${interval.start} the next day; otherwise it would last more than 24 hours.`,
      }];
    }
    return [];
  }
  if (end === start) {
    return [{
      path: [...path, 'end'],
      message: `${label} ends when it starts; tick 'past midnight' if it should last a full 24 hours.`,
    }];
  }
  if (end < start) {
    return [{
      path: [...path, 'end'],
      message: `${label} ends before it starts; tick 'past midnight' if it runs overnight.`,
    }];
  }
  return [];
}

/** [start, end) in minutes from the day's midnight; an overnight interval ends past 1440. */
function span(interval: IntervalValue): [number, number] | null {
  if (typeof interval !== 'object' || interval === null) return null;
  const start = minutesOfTime(interval.start);
  const end = minutesOfTime(interval.end);
  if (start === null || end === null) return null;
  return [start, interval.overnight === true ? end + 24 * 60 : end];
}

/** Overlap checks within one day (SC24): sorted by start; touching (12:00 / 12:00) is fine. */
function overlapIssues(intervals: IntervalValue[], label: (index: number) => string, path: Path): Issue[] {
  const issues: Issue[] = [];
  const valid = intervals
    .map((interval, index) => ({ interval, index, span: span(interval) }))
    .filter((x): x is { interval: IntervalValue; index: number; span: [number, number] } =>
      x.span !== null && intervalIssues(x.interval, '', []).length === 0)
    .sort((a, b) => a.span[0] - b.span[0]);
  for (let i = 1; i < valid.length; i++) {
    const previous = valid[i - 1]!;
    const current = valid[i]!;
    if (current.span[0] < previous.span[1]) {
      issues.push({
        path: [...path, current.index, 'start'],
        message: `${label(current.index)} (${current.interval.start}–${current.interval.end}) overlaps the ${ordinal(previous.index)} one (${previous.interval.start}–${previous.interval.end}); make one end before the other starts.`,
      });
    }
  }
  return issues;
}

/** One interval alone, as a form row would send it. */
export const Interval = IntervalShape.superRefine((interval, ctx) => {
  for (const issue of intervalIssues(interval, 'This interval', [])) ctx.addIssue({ code: 'custom', ...issue });
});
export type Interval = z.infer<typeof Interval>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};

/** Weekly opening hours, several intervals a day; an empty day is closed (SC2, SC24, SC25). */
export const WeeklyHours = z
  .strictObject({
    mon: z.array(IntervalShape),
    tue: z.array(IntervalShape),
    wed: z.array(IntervalShape),
    thu: z.array(IntervalShape),
    fri: z.array(IntervalShape),
    sat: z.array(IntervalShape),
    sun: z.array(IntervalShape),
  })
  .superRefine((weekly, ctx) => {
    WEEKDAYS.forEach((day, dayIndex) => {
      const intervals = weekly[day];
      if (!Array.isArray(intervals)) return;
      const name = DAY_NAMES[day];
      const label = (index: number) => `${name}'s ${ordinal(index)} interval`;
      intervals.forEach((interval, index) => {
        for (const issue of intervalIssues(interval, label(index), [day, index])) {
          ctx.addIssue({ code: 'custom', ...issue });
        }
      });
      for (const issue of overlapIssues(intervals, label, [day])) ctx.addIssue({ code: 'custom', ...issue });

      // SC25: an overnight interval must end by the time the next day's first interval starts.
      const nextDay = WEEKDAYS[(dayIndex + 1) % 7]!;
      const nextIntervals = weekly[nextDay];
      if (!Array.isArray(nextIntervals)) return;
      const nextStarts = nextIntervals
        .map((interval) => ({ interval, start: minutesOfTime(interval?.start) }))
        .filter((x): x is { interval: IntervalValue; start: number } => x.start !== null)
        .sort((a, b) => a.start - b.start);
      const first = nextStarts[0];
      if (first === undefined) return;
      intervals.forEach((interval, index) => {
        const end = minutesOfTime(interval?.end);
        if (interval?.overnight !== true || end === null || intervalIssues(interval, '', []).length > 0) return;
        if (end > first.start) {
          ctx.addIssue({
            code: 'custom',
            path: [day, index, 'end'],
            message: `${name}'s ${ordinal(index)} interval runs past midnight until ${interval.end}, into ${DAY_NAMES[nextDay]}'s interval that starts at ${first.interval.start}; end it by ${first.interval.start} or change ${DAY_NAMES[nextDay]}.`,
          });
        }
      });
    });
  });
export type WeeklyHours = z.infer<typeof WeeklyHours>;

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written as YYYY-MM-DD (not 2026-02-30). */
export function isLocalDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A local calendar date in the schedule's zone, "YYYY-MM-DD". */
export const LocalDate = z.string().refine(isLocalDate, { error: 'Use a real date written as YYYY-MM-DD, e.g. 2026-12-24.' });
export type LocalDate = z.infer<typeof LocalDate>;

/**
 * One dated exception, replacing the day's usual hours (SC3): `{ date, closed: true }` closes the whole day,
 * `{ date, intervals }` gives special hours (24 Dec 8:00–12:00). One object with a check rather than a zod
 * union, so that an error inside `intervals` keeps its precise path instead of becoming "no option matched".
 */
export const DateException = z
  .strictObject({
    date: LocalDate,
    closed: z.literal(true).optional(),
    intervals: z.array(IntervalShape).optional(),
    note: z.string().max(200).optional(),
  })
  .superRefine((exception, ctx) => {
    if ((exception.closed === true) === Array.isArray(exception.intervals)) {
      ctx.addIssue({
        code: 'custom',
        path: exception.closed === true ? ['intervals'] : ['closed'],
        message: 'An exception either closes the whole day (closed: true) or gives special hours (intervals), not both or neither.',
      });
      return;
    }
    if (!Array.isArray(exception.intervals)) return;
    const day = isLocalDate(exception.date) ? `The special hours on ${exception.date}` : 'These special hours';
    const label = (index: number) => `${day}: the ${ordinal(index)} interval`;
    exception.intervals.forEach((interval, index) => {
      for (const issue of intervalIssues(interval, label(index), ['intervals', index])) {
        ctx.addIssue({ code: 'custom', ...issue });
      }
    });
    for (const issue of overlapIssues(exception.intervals, label, ['intervals'])) {
      ctx.addIssue({ code: 'custom', ...issue });
    }
  });
export type DateException = z.infer<typeof DateException>;

/** Public holidays from date-holidays for a country (and region); `keepOpen` lists rule keys kept open (SC4, SC27). */
export const HolidaySettings = z
  .strictObject({
    country: z.string(),
    region: z.string().optional(),
    /** date-holidays `rule` keys ("easter 1", "12-24") of public holidays the owner keeps open. */
    keepOpen: z.array(z.string().min(1)),
  })
  .superRefine((settings, ctx) => {
    if (!isKnownCountry(settings.country)) {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: `We don't know the public holidays of "${settings.country}"; pick a country by its two-letter code, such as CZ or PL.`,
      });
      return;
    }
    if (settings.region !== undefined && !isKnownRegion(settings.country, settings.region)) {
      ctx.addIssue({
        code: 'custom',
        path: ['region'],
        message: `"${settings.region}" is not a region of ${settings.country} we know holidays for; pick one from the list or leave it empty.`,
      });
    }
  });
export type HolidaySettings = z.infer<typeof HolidaySettings>;

/** The whole schedule of a site or channel. */
export const Schedule = z
  .strictObject({
    /** IANA zone in which the hours are meant, e.g. "Europe/Prague". */
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), {
      error: 'Pick a time zone from the list, such as Europe/Prague; this one is not a known IANA time zone.',
    }),
    weekly: WeeklyHours,
    exceptions: z.array(DateException),
    holidays: HolidaySettings.nullable(),
  })
  .superRefine((schedule, ctx) => {
    if (!Array.isArray(schedule.exceptions)) return;
    const seen = new Set<string>();
    schedule.exceptions.forEach((exception, index) => {
      if (typeof exception?.date !== 'string') return;
      if (seen.has(exception.date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['exceptions', index, 'date'],
          message: `${exception.date} has more than one exception; keep one per date.`,
        });
      }
      seen.add(exception.date);
    });
  });
export type Schedule = z.infer<typeof Schedule>;

/** At most 31 days, in minutes: a longer promise is not a promise. */
export const MAX_TARGET_MINUTES = 60 * 24 * 31;
const TargetMinutes = z
  .int({ error: 'The reply time must be a whole number of minutes.' })
  .min(0, { error: "The reply time can't be negative." })
  .max(MAX_TARGET_MINUTES, { error: 'The reply time can be at most 31 days (44,640 minutes).' });

/**
 * A reply-time promise (SC13–SC15, SC29): `working` counts only open minutes; `calendar` counts wall-clock minutes;
 * `nextOpening` promises a reply within `plusMinutes` open minutes of the next opening (or of now, when open).
 */
export const ReplyTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('working'), minutes: TargetMinutes }),
  z.strictObject({ kind: z.literal('calendar'), minutes: TargetMinutes }),
  z.strictObject({ kind: z.literal('nextOpening'), plusMinutes: TargetMinutes }),
], { error: "The reply target's kind must be 'working', 'calendar' or 'nextOpening'." });
export type ReplyTarget = z.infer<typeof ReplyTarget>;

/** What a new site starts with: Monday to Friday 9:00–17:00 in Prague, closed on Czech public holidays. */
export const DEFAULT_SCHEDULE: Schedule = {
  timeZone: 'Europe/Prague',
  weekly: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [{ start: '09:00', end: '17:00' }],
    wed: [{ start: '09:00', end: '17:00' }],
    thu: [{ start: '09:00', end: '17:00' }],
    fri: [{ start: '09:00', end: '17:00' }],
    sat: [],
    sun: [],
  },
  exceptions: [],
  holidays: { country: 'CZ', keepOpen: [] },
};

/**
 * The issues of a failed parse as `{ path, message }` for a 400 answer. An unknown field becomes one issue
 * per field, with the field's own path (zod reports the object's path and lists the keys).
 */
export function describeIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `"${key}" is not a setting we know; remove it.` }));
    }
    return [{ path, message: issue.message }];
  });
}
