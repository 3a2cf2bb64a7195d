import type { Dictionary } from './dictionary.ts';
import type { Language } from './languages.ts';

export type { Dictionary, Plural } from './dictionary.ts';
export { createTranslator } from './translator.ts';
export type { Translator, TextKey, PluralKey } from './translator.ts';

export { LANGUAGES, type Language } from './languages.ts';
export { chooseLanguage } from './choose-language.ts';
export type { LanguageChoice, LanguageSources } from './choose-language.ts';

/**
 * Every language, English too, is its own small chunk, so a visitor downloads only the one they read. (English
 * used to ship inside the app; a chunk of its own leaves the room the availability form needs in the byte
 * budget, at the price of one more small request for English readers.)
 */
export function loadDictionary(lang: Language): Promise<Dictionary> {
  switch (lang) {
    case 'cs':
      return import('./cs.ts').then((m) => m.cs);
    case 'sk':
      return import('./sk.ts').then((m) => m.sk);
    case 'pl':
      return import('./pl.ts').then((m) => m.pl);
    case 'hr':
      return import('./hr.ts').then((m) => m.hr);
    case 'de':
      return import('./de.ts').then((m) => m.de);
    case 'en':
      return import('./en.ts').then((m) => m.en);
  }
}
