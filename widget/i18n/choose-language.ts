import { LANGUAGES, type Language } from './languages.ts';

/** Where the widget's language can come from, strongest first (docs/embedding.md, "Language"). */
export interface LanguageSources {
  /** `Porchlight('setLocale', lang)`. */
  chosen?: string | null;
  /** The script tag's `data-lang`. */
  script?: string | null;
  /** The page's `<html lang>`. */
  page?: string | null;
  /** navigator.languages, most preferred first. */
  browser?: readonly string[];
  /** The site's default language (availability.language). */
  site?: string | null;
}

export interface LanguageChoice {
  lang: Language;
  /** For Intl dates and times: the chosen tag when it names a region ("de-AT"), else the browser's own variant of that language ("en-GB": 24-hour times), else `lang`. */
  locale: string;
}

const primary = (tag: string | null | undefined) => tag?.trim().toLowerCase().split(/[-_]/)[0];

/** A tag Intl accepts, canonicalised ("en-gb" → "en-GB"); undefined for anything Intl would throw on. */
function canonical(tag: string | null | undefined): string | undefined {
  try {
    return tag ? Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The widget's language: setLocale, then data-lang, then `<html lang>`, then the browser's languages, then the
 * site's default, then English; the first of these that is one of ours wins (only the primary subtag counts).
 *
 * @example
 * chooseLanguage({ page: 'pl', browser: ['en-US'] }) // { lang: 'pl', locale: 'pl' }
 */
export function chooseLanguage(sources: LanguageSources): LanguageChoice {
  const browser = sources.browser ?? [];
  const candidates = [sources.chosen, sources.script, sources.page, ...browser, sources.site];
  const found = candidates.find((tag) => LANGUAGES.includes(primary(tag) as Language));
  const lang = (primary(found) as Language | undefined) ?? 'en';
  const locale =
    (found?.includes('-') || found?.includes('_') ? canonical(found) : undefined) ??
    canonical(browser.find((tag) => primary(tag) === lang)) ??
    lang;
  return { lang, locale };
}
