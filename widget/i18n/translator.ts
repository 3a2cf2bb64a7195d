import type { Dictionary, Plural } from './dictionary.ts';

export type TextKey = { [K in keyof Dictionary]: Dictionary[K] extends string ? K : never }[keyof Dictionary];
export type PluralKey = { [K in keyof Dictionary]: Dictionary[K] extends Plural ? K : never }[keyof Dictionary];
export type Values = Record<string, string | number>;

/** A future moment as the visitor reads it: which day (in their zone), and the words for the time. */
export interface Moment {
  day: 'Today' | 'Tomorrow' | 'Later';
  /** "16:40" for today and tomorrow; "Monday 9:30" within a week; "Monday 12 May at 9:30" after that. */
  text: string;
}

/** Everything the screens need to speak the visitor's language. */
export interface Translator {
  readonly lang: string;
  text(key: TextKey, values?: Values): string;
  /** Picks the plural form for `count` (Intl.PluralRules) and fills `{count}` with the formatted number. */
  plural(key: PluralKey, count: number, values?: Values): string;
  /** A message time in the visitor's own zone: the time alone for today, date and time otherwise. */
  time(iso: string, now: Date): string;
  /** A coming moment (a reply deadline, an opening) in the visitor's zone; null for a broken timestamp. */
  moment(iso: string, now: Date): Moment | null;
  /** "in 10 minutes", "in 2 hours": Intl.RelativeTimeFormat in the visitor's language. */
  inMinutes(minutes: number): string;
}

export interface TranslatorOptions {
  /**
   * The zone every date and time is written in; the visitor's own when absent. Given by the owner's preview
   * (`data-time-zone`) and by tests.
   */
  timeZone?: string;
  /**
   * The locale for dates and times when it is a regional variant of `lang` (the browser's "en-GB" gives
   * 24-hour times to an English page); `lang` otherwise.
   */
  locale?: string;
}

const DAY_MS = 86_400_000;

/**
 * @example
 * const t = createTranslator('cs', cs);
 * t.plural('unread', 3); // "3 nepřečtené zprávy"
 */
export function createTranslator(lang: string, dictionary: Dictionary, options: TranslatorOptions = {}): Translator {
  const locale = options.locale ?? lang;
  const numbers = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const hm = { hour: 'numeric', minute: '2-digit', ...zone } as const;
  const timeOnly = new Intl.DateTimeFormat(locale, hm);
  const dateAndTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const weekdayAndTime = new Intl.DateTimeFormat(locale, { weekday: 'long', ...hm });
  const fullDate = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', ...hm });
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
  const relative = new Intl.RelativeTimeFormat(lang);
  /** Days since 1970 of the calendar date in the visitor's zone: differences count calendar days across DST. */
  const dayNumber = (date: Date) => Date.parse(`${day.format(date)}T00:00Z`) / DAY_MS;

  const fill = (template: string, values: Values): string =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });

  return {
    lang,
    text: (key, values = {}) => fill(dictionary[key], values),
    plural(key, count, values = {}) {
      const forms = dictionary[key];
      const form = forms[rules.select(count) as keyof Plural] ?? forms.other;
      return fill(form, { ...values, count });
    },
    time(iso, now) {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return '';
      return day.format(date) === day.format(now) ? timeOnly.format(date) : dateAndTime.format(date);
    },
    moment(iso, now) {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return null;
      const days = dayNumber(date) - dayNumber(now);
      if (days <= 0) return { day: 'Today', text: timeOnly.format(date) };
      if (days === 1) return { day: 'Tomorrow', text: timeOnly.format(date) };
      return { day: 'Later', text: (days < 7 ? weekdayAndTime : fullDate).format(date) };
    },
    inMinutes: (minutes) =>
      minutes < 90 ? relative.format(Math.round(minutes), 'minute') : relative.format(Math.round(minutes / 60), 'hour'),
  };
}
