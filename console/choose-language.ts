/**
 * Chooses the console's language before anything else runs: main.tsx imports this module FIRST, because
 * components copy strings from `t` when their modules are evaluated. The operator's stored choice wins, then
 * the browser's preferred languages, then English. Like main.tsx, this module may touch `window`.
 */
import { openStorage } from '../shared/browser/safe-storage.ts';
import { LANGUAGE_STORAGE_KEY, pickLanguage, setLanguage, timeLocaleFor, type Language } from './i18n/index.ts';

const storage = openStorage(() => window.localStorage);
const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];

export const language: Language = pickLanguage(storage.getItem(LANGUAGE_STORAGE_KEY), preferred);
/** The locale for dates and times in the chosen language (the browser's regional variant when it has one). */
export const timeLocale: string = timeLocaleFor(language, preferred);

setLanguage(language);
document.documentElement.lang = language;

/** Remembers the operator's choice and reloads, so every string (even those copied at start) is in the new language. */
export function chooseLanguage(next: Language): void {
  if (next === language) return;
  storage.setItem(LANGUAGE_STORAGE_KEY, next);
  window.location.reload();
}
