import type { Dictionary, Plural } from './dictionary.ts';

export type TextKey = { [K in keyof Dictionary]: Dictionary[K] extends string ? K : never }[keyof Dictionary];
export type PluralKey = { [K in keyof Dictionary]: Dictionary[K] extends Plural ? K : never }[keyof Dictionary];
export type Values = Record<string, string | number>;

/** Everything the screens need to speak the visitor's language. */
export interface Translator {
  readonly lang: string;
  text(key: TextKey, values?: Values): string;
  /** Picks the plural form for `count` (Intl.PluralRules) and fills `{count}` with the formatted number. */
  plural(key: PluralKey, count: number, values?: Values): string;
  /** A message time in the visitor's own zone: the time alone for today, date and time otherwise. */
  time(iso: string, now: Date): string;
}

export interface TranslatorOptions {
  /** Only tests pass this; the widget always uses the visitor's own zone. */
  timeZone?: string;
}

/**
 * @example
 * const t = createTranslator('cs', cs);
 * t.plural('unread', 3); // "3 nepřečtené zprávy"
 */
export function createTranslator(lang: string, dictionary: Dictionary, options: TranslatorOptions = {}): Translator {
  const numbers = new Intl.NumberFormat(lang);
  const rules = new Intl.PluralRules(lang);
  const zone = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const timeOnly = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', ...zone });
  const dateAndTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });

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
  };
}
