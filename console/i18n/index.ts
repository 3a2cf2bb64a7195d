import { cs } from './cs.ts';
import { en, type Strings } from './en.ts';

export type { Strings } from './en.ts';
export { createTimeFormatter, type TimeFormatter } from './format-time.ts';
export { pluralFor, type PluralForms } from './plural.ts';

/** The console's languages: one dictionary file each, typed against English (`Strings`). */
export const LANGUAGES = ['en', 'cs'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DICTIONARIES: Record<Language, Strings> = { en, cs };

/** Each language's name in itself, for the language select (which is labelled in both, "Language / Jazyk"). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', cs: 'Čeština' };

/** Where the operator's choice is remembered (localStorage; per browser, not per operator). */
export const LANGUAGE_STORAGE_KEY = 'porchlight:console:language';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/**
 * The console's language: the operator's stored choice if it is one we have, else the first of the browser's
 * preferred languages (navigator.languages) that we have ("cs-CZ" → "cs"), else English.
 */
export function pickLanguage(stored: string | null | undefined, preferred: ReadonlyArray<string | null | undefined>): Language {
  if (isLanguage(stored)) return stored;
  for (const candidate of preferred) {
    const primary = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

/**
 * The locale for dates and times: the browser's own regional variant of `language` when it lists one
 * ("en-US" keeps 12-hour times for an American), else "cs-CZ" for Czech and "en-GB" for English (an operator
 * whose browser speaks no English and who chose English still reads 24-hour times and day-month dates).
 */
export function timeLocaleFor(language: Language, preferred: ReadonlyArray<string | null | undefined>): string {
  for (const candidate of preferred) {
    const tag = candidate?.trim();
    if (tag && tag.toLowerCase().split(/[-_]/)[0] === language && tag.includes('-')) return tag;
  }
  return language === 'cs' ? 'cs-CZ' : 'en-GB';
}

/**
 * The strings in use. Components import `t` once, as a constant (some even copy strings into module-level
 * tables), so the language is chosen before any of them is evaluated (console/choose-language.ts, imported
 * first by main.tsx) and switching reloads the page. `setLanguage` fills this same object in place.
 */
export const t: Strings = { ...en };
let current: Language = 'en';

export function setLanguage(language: Language): void {
  Object.assign(t, DICTIONARIES[language]);
  current = language;
}

export function currentLanguage(): Language {
  return current;
}
