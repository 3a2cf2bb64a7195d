import { IANAZone } from 'luxon';
import { isClosedHoliday } from './holidays.ts';
import { WEEKDAYS, minutesOfTime, type Interval, type ReplyTarget, type Schedule, type Weekday } from './schema.ts';

/**
 * The schedule engine: pure functions of a schedule and an instant (never the clock). Rules: SPEC.md.
 * Instants are `Date` at the boundary; inside, epoch milliseconds, with luxon's IANAZone for offsets.
 * A "local day" is a calendar date in the schedule's zone, held as whole days since 1970-01-01.
 */

/** How far ahead the engine looks (SC17). */
export const HORIZON_DAYS = 400;
const MINUTE = 60_000;
const DAY = 86_400_000;
const HORIZON = HORIZON_DAYS * DAY;
/** Every real zone is within ±14 h of UTC (used only for safe bounds). */
const MAX_OFFSET = 14 * 3_600_000;

export type OpenInterval = { start: Date; end: Date };
type Span = [start: number, end: number];

/** Per-call state: the zone, the exceptions by date, and day spans already computed. */
type Context = {
  schedule: Schedule;
  zone: IANAZone;
  exceptions: Map<string, Schedule['exceptions'][number]>;
  days: Map<number, Span[]>;
  /** The zone's offset at 00:00 UTC of a day, by day number: the cheap test for "no transition near here". */
  dayOffsets: Map<number, number>;
};

function contextOf(schedule: Schedule): Context {
  const zone = IANAZone.create(schedule.timeZone);
  if (!zone.isValid) throw new Error(`Invalid time zone ${schedule.timeZone}; parse the schedule first`);
  return {
    schedule,
    zone,
    exceptions: new Map(schedule.exceptions.map((exception) => [exception.date, exception])),
    days: new Map(),
    dayOffsets: new Map(),
  };
}

function offsetMs(zone: IANAZone, at: number): number {
  return zone.offset(at) * MINUTE;
}

/** The local day (days since 1970-01-01 in the zone's calendar) of an instant. */
function localDayOf(context: Context, at: number): number {
  return Math.floor((at + offsetMs(context.zone, at)) / DAY);
}

function isoDate(localDay: number): string {
  return new Date(localDay * DAY).toISOString().slice(0, 10);
}

/** 1970-01-01 was a Thursday. */
function weekdayOf(localDay: number): Weekday {
  return WEEKDAYS[(((localDay + 3) % 7) + 7) % 7]!;
}

function dayOffsetMs(context: Context, day: number): number {
  let offset = context.dayOffsets.get(day);
  if (offset === undefined) {
    offset = offsetMs(context.zone, day * DAY);
    context.dayOffsets.set(day, offset);
  }
  return offset;
}

/**
 * The instant of a local wall time, given as milliseconds of a UTC clock that reads the wall time (SC6):
 * a wall time that does not exist (spring forward) becomes the first valid instant after the gap, i.e. the
 * transition itself; an ambiguous one (fall back) takes the earlier instant. Written by hand because luxon's
 * `fromObject` shifts a nonexistent time forward by the length of the gap (02:30 → 03:30, we want 03:00).
 */
function instantOfWall(context: Context, wall: number): number {
  const zone = context.zone;
  // Offsets in force at least a day either side; no zone changes its offset twice within four days. When they
  // agree (almost always) the wall time has exactly one instant.
  const day = Math.floor(wall / DAY);
  const before = dayOffsetMs(context, day - 1);
  const after = dayOffsetMs(context, day + 2);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t) => offsetMs(zone, t) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: the transition lies between the two readings; find its minute by bisection.
  let low = wall - after; // still the old offset here
  let high = wall - before; // already the new offset here
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (offsetMs(zone, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** The intervals of a local day as they apply (SC1–SC4): exception, else holiday, else weekly hours. */
function intervalsOfDay(context: Context, localDay: number): readonly Interval[] {
  const date = isoDate(localDay);
  const exception = context.exceptions.get(date);
  if (exception !== undefined) return exception.closed === true ? [] : (exception.intervals ?? []);
  const weekly = context.schedule.weekly[weekdayOf(localDay)];
  if (weekly.length === 0) return weekly; // a holiday cannot close it further; skip the look-up
  const holidays = context.schedule.holidays;
  if (holidays !== null && isClosedHoliday(holidays, date)) return [];
  return weekly;
}

/** The open spans that start on a local day, as instants, sorted; empty ones (inside a DST gap) dropped. */
function spansOfDay(context: Context, localDay: number): Span[] {
  const cached = context.days.get(localDay);
  if (cached !== undefined) return cached;
  const midnight = localDay * DAY;
  const spans: Span[] = [];
  for (const interval of intervalsOfDay(context, localDay)) {
    const start = minutesOfTime(interval.start);
    const end = minutesOfTime(interval.end);
    if (start === null || end === null) continue;
    const endWall = midnight + (interval.overnight === true ? end + 24 * 60 : end) * MINUTE;
    const span: Span = [instantOfWall(context, midnight + start * MINUTE), instantOfWall(context, endWall)];
    if (span[1] > span[0]) spans.push(span);
  }
  spans.sort((a, b) => a[0] - b[0]);
  context.days.set(localDay, spans);
  return spans;
}

/**
 * Merged open spans that end after `from`, in order, considering intervals that start up to `until` (SC7).
 * A span is exact when it ends before `until`; one reaching `until` may go on beyond it.
 */
function* openSpans(context: Context, from: number, until: number): Generator<Span> {
  // An interval lasts at most 25 h (a 24-hour one across a fall-back), so one that is open at `from` started
  // on the local day of `from` or the day before.
  const firstDay = localDayOf(context, from) - 1;
  const lastDay = localDayOf(context, until);
  let current: Span | null = null;
  for (let day = firstDay; day <= lastDay; day++) {
    // No interval of this day starts before its midnight (at the earliest wall − 14 h): yield what is finished.
    if (current !== null && day * DAY - MAX_OFFSET > current[1]) {
      yield current;
      current = null;
    }
    for (const [start, end] of spansOfDay(context, day)) {
      if (end <= from) continue;
      if (current !== null && start <= current[1]) {
        current[1] = Math.max(current[1], end);
      } else {
        if (current !== null) yield current;
        current = [start, end];
      }
    }
  }
  if (current !== null) yield current;
}

function toMs(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date passed to the schedule engine');
  return ms;
}

/** Is the schedule open at this instant? Intervals are half-open: open at their start, closed at their end. */
export function isOpenAt(schedule: Schedule, at: Date): boolean {
  const ms = toMs(at);
  const context = contextOf(schedule);
  for (const [start] of openSpans(context, ms, ms)) return start <= ms;
  return false;
}

/** The earliest instant ≥ `at` that is open (`at` itself when open now); null if none within 400 days (SC10, SC17). */
export function nextOpening(schedule: Schedule, at: Date): Date | null {
  const ms = toMs(at);
  for (const [start] of openSpans(contextOf(schedule), ms, ms + HORIZON)) {
    const opening = Math.max(start, ms);
    return opening < ms + HORIZON ? new Date(opening) : null;
  }
  return null;
}

/**
 * The earliest instant ≥ `at` that is closed (SC11): when open, the end of the current open stretch (back-to-back
 * and overnight intervals merged); when closed, `at` itself; null if open for the whole 400-day horizon.
 */
export function nextClosing(schedule: Schedule, at: Date): Date | null {
  const ms = toMs(at);
  for (const [start, end] of openSpans(contextOf(schedule), ms, ms + HORIZON)) {
    if (start > ms) return new Date(ms);
    return end < ms + HORIZON ? new Date(end) : null;
  }
  return new Date(ms);
}

/** Open time in [from, to): merged, sorted, clipped (SC12). Empty when `to` ≤ `from`. */
export function openIntervalsBetween(schedule: Schedule, from: Date, to: Date): OpenInterval[] {
  const fromMs = toMs(from);
  const toMsValue = toMs(to);
  const result: OpenInterval[] = [];
  if (toMsValue <= fromMs) return result;
  for (const [start, end] of openSpans(contextOf(schedule), fromMs, toMsValue)) {
    if (start >= toMsValue) break;
    result.push({ start: new Date(Math.max(start, fromMs)), end: new Date(Math.min(end, toMsValue)) });
  }
  return result;
}

/** The instant at which `minutes` open minutes have passed since `from` (SC13); null beyond the horizon. */
function afterWorkingMinutes(context: Context, from: number, minutes: number): number | null {
  let remaining = minutes * MINUTE;
  const until = from + HORIZON;
  for (const [start, end] of openSpans(context, from, until)) {
    const counted = Math.max(start, from);
    if (counted >= until) return null;
    // `≤`: a deadline that uses an interval up to its end is that end, not the next opening (SC13).
    if (remaining <= end - counted) {
      const deadline = counted + remaining;
      return deadline <= until ? deadline : null;
    }
    remaining -= end - counted;
  }
  return null;
}

/**
 * By when a message received at `receivedAt` will be answered, for a reply target (SC13–SC17); null when the
 * deadline is not reached within 400 days of the receipt.
 * @example replyDeadline(schedule, new Date('2026-03-27T16:30:00Z'), { kind: 'working', minutes: 120 })
 */
export function replyDeadline(schedule: Schedule, receivedAt: Date, target: ReplyTarget): Date | null {
  const ms = toMs(receivedAt);
  switch (target.kind) {
    case 'calendar':
      return new Date(ms + target.minutes * MINUTE);
    case 'working':
    case 'nextOpening': {
      // SC15: "within N minutes of opening" counts N open minutes from the next opening, which is the same
      // instant as N working minutes from the receipt.
      const minutes = target.kind === 'working' ? target.minutes : target.plusMinutes;
      const deadline = afterWorkingMinutes(contextOf(schedule), ms, minutes);
      return deadline === null ? null : new Date(deadline);
    }
  }
}
