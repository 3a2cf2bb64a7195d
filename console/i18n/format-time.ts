/**
 * Formats message times in the operator's own time zone: only the time for today, the day and time for
 * earlier days this year, and the full date otherwise. The clock is an input (`now`) so tests are fixed.
 */
export interface TimeFormatter {
  /** Short form for lists and message headers, e.g. "14:05" or "12 Mar, 14:05". */
  short(iso: string, now: Date): string;
  /** Full form for a tooltip, e.g. "Thursday 12 March 2026 at 14:05". */
  full(iso: string): string;
  /**
   * A deadline, e.g. "Mon 09:30": the weekday is enough within six days of `now` either way; further off,
   * the date is added ("Mon 23 Mar, 09:30") so next week's Monday is not read as this one's.
   */
  deadline(iso: string, now: Date): string;
}

const SIX_DAYS_MS = 6 * 24 * 60 * 60 * 1000;

export function createTimeFormatter(locale: string | undefined, timeZone: string | undefined): TimeFormatter {
  const options = timeZone ? { timeZone } : {};
  const day = new Intl.DateTimeFormat('en-CA', { ...options, year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = new Intl.DateTimeFormat(locale, { ...options, hour: '2-digit', minute: '2-digit' });
  const dayAndTime = new Intl.DateTimeFormat(locale, { ...options, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const dateAndTime = new Intl.DateTimeFormat(locale, { ...options, dateStyle: 'medium', timeStyle: 'short' });
  const full = new Intl.DateTimeFormat(locale, { ...options, dateStyle: 'full', timeStyle: 'short' });
  // Czech short weekdays ("po", "st") read as words ("po 09:30" is "after 09:30"): Czech gets them in full.
  const weekday = locale?.toLowerCase().split(/[-_]/)[0] === 'cs' ? 'long' : 'short';
  const weekdayAndTime = new Intl.DateTimeFormat(locale, { ...options, weekday, hour: '2-digit', minute: '2-digit' });
  const weekdayDateAndTime = new Intl.DateTimeFormat(locale, {
    ...options,
    weekday,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

  return {
    short(iso, now) {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return '';
      // 'en-CA' formats as YYYY-MM-DD, which makes the calendar day in the time zone easy to compare.
      const dateDay = day.format(date);
      const today = day.format(now);
      if (dateDay === today) return time.format(date);
      if (dateDay.slice(0, 4) === today.slice(0, 4)) return dayAndTime.format(date);
      return dateAndTime.format(date);
    },
    full(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? '' : full.format(date);
    },
    deadline(iso, now) {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return '';
      const isNear = Math.abs(date.getTime() - now.getTime()) <= SIX_DAYS_MS;
      return (isNear ? weekdayAndTime : weekdayDateAndTime).format(date);
    },
  };
}
