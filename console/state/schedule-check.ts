import { t } from '../i18n/index.ts';
import type { SettingsIssue } from './schedule-issues.ts';
import { minutesOf, WEEKDAYS, type IntervalValue, type ScheduleValue, type WeeklyHoursValue } from './schedule-edit.ts';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
type Path = readonly (string | number)[];

/**
 * The mistakes a single interval can have, checked in the browser so the owner reads them in the console's
 * language before anything is sent (the rules of shared/schedule/schema.ts SC20–SC23, same paths). Overlaps
 * and everything else are left to the server, whose sentences then appear at the same fields.
 * `label` names the interval in the sentence ("Monday, hours 2").
 */
export function intervalProblems(interval: IntervalValue, path: Path, label: string): SettingsIssue[] {
  const problem = (part: 'start' | 'end', message: string): SettingsIssue => ({ path: [...path, part], message: `${label}: ${message}` });
  const format = [
    ...(TIME.test(interval.start) ? [] : [problem('start', t.timeFormatProblem)]),
    ...(TIME.test(interval.end) ? [] : [problem('end', t.timeFormatProblem)]),
  ];
  if (format.length > 0) return format;
  const start = minutesOf(interval.start)!;
  const end = minutesOf(interval.end)!;
  if (start === 24 * 60) return [problem('start', t.startAtMidnightProblem)];
  if (interval.overnight) return end === 24 * 60 || end > start ? [problem('end', t.overnightTooLongProblem(interval.start))] : [];
  if (end === start) return [problem('end', t.endsWhenStartsProblem)];
  if (end < start) return [problem('end', t.endsBeforeStartProblem)];
  return [];
}

function weeklyProblems(weekly: WeeklyHoursValue, path: Path, owner: string | null): SettingsIssue[] {
  return WEEKDAYS.flatMap((day) => {
    const dayName = owner === null ? t.weekdayNames[day] : `${owner}: ${t.weekdayNames[day]}`;
    return weekly[day].flatMap((interval, index) => intervalProblems(interval, [...path, day, index], t.intervalLabel(dayName, index + 1)));
  });
}

/** Every interval problem of the Hours screen's draft, as the server would report them; empty when it may be sent. */
export function checkScheduleDraft(
  schedule: ScheduleValue,
  channels: readonly { label: string; hours: WeeklyHoursValue | null }[],
): SettingsIssue[] {
  return [
    ...weeklyProblems(schedule.weekly, ['schedule', 'weekly'], null),
    ...schedule.exceptions.flatMap((exception, i) =>
      (exception.intervals ?? []).flatMap((interval, j) =>
        intervalProblems(interval, ['schedule', 'exceptions', i, 'intervals', j], t.intervalLabel(exception.date, j + 1)),
      ),
    ),
    ...channels.flatMap((channel, i) => (channel.hours === null ? [] : weeklyProblems(channel.hours, ['channels', i, 'hours'], channel.label))),
  ];
}
