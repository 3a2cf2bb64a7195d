/**
 * The quick choices offered for "we'll update you by" and for a follow-up after resolving, computed in the
 * browser's own time zone (the operator's) from `now`, which is an input so tests are fixed.
 */
export interface TimeChoice {
  id: string;
  at: Date;
}

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

function atLocal(base: Date, dayOffset: number, hours: number): Date {
  const date = new Date(base.getFullYear(), base.getMonth(), base.getDate() + dayOffset, hours, 0, 0, 0);
  return date;
}

/** "In 1 hour", "Today 17:00" (only before 16:00, so it is a real promise), "Tomorrow 12:00". */
export function promiseChoices(now: Date): TimeChoice[] {
  const choices: TimeChoice[] = [{ id: 'inHour', at: new Date(now.getTime() + HOUR_MS) }];
  const today17 = atLocal(now, 0, 17);
  if (today17.getTime() - now.getTime() >= HOUR_MS) choices.push({ id: 'today17', at: today17 });
  choices.push({ id: 'tomorrow12', at: atLocal(now, 1, 12) });
  return choices;
}

/** Follow-up in 1, 3 or 7 days from now. */
export const FOLLOW_UP_DAYS = [1, 3, 7] as const;

export function followUpAt(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

/** The value of a `datetime-local` input ("2026-03-12T15:30") for a moment, in the browser's zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Reads a `datetime-local` value as a moment in the browser's zone; null when empty or malformed. */
export function fromLocalInputValue(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, 0, 0);
  return Number.isNaN(date.getTime()) ? null : date;
}
