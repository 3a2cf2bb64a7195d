import { describe, expect, it } from 'vitest';
import { chooseLanguage } from './choose-language.ts';

describe('chooseLanguage', () => {
  const all = { chosen: 'de', script: 'sk', page: 'pl', browser: ['hr-HR', 'cs-CZ'], site: 'cs' };

  it('takes setLocale first, then data-lang, then <html lang>, then the browser, then the site default', () => {
    expect(chooseLanguage(all).lang).toBe('de');
    expect(chooseLanguage({ ...all, chosen: null }).lang).toBe('sk');
    expect(chooseLanguage({ ...all, chosen: null, script: null }).lang).toBe('pl');
    expect(chooseLanguage({ ...all, chosen: null, script: null, page: '' }).lang).toBe('hr');
    expect(chooseLanguage({ site: 'cs', browser: ['ja', 'fr-FR'] }).lang).toBe('cs');
    expect(chooseLanguage({ browser: ['ja'] })).toEqual({ lang: 'en', locale: 'en' });
  });

  it('skips a language we do not speak and goes on down the list', () => {
    expect(chooseLanguage({ chosen: 'fr', page: 'it-IT', browser: ['es', 'pl-PL'] }).lang).toBe('pl');
  });

  it('<html lang="pl"> beats an English browser, and dates then follow Polish, not en-US', () => {
    expect(chooseLanguage({ page: 'pl', browser: ['en-US', 'en'] })).toEqual({ lang: 'pl', locale: 'pl' });
  });

  it("uses the browser's regional variant of the chosen language for dates and times", () => {
    expect(chooseLanguage({ page: 'en', browser: ['en-GB', 'en'] })).toEqual({ lang: 'en', locale: 'en-GB' });
    expect(chooseLanguage({ browser: ['cs-CZ'] })).toEqual({ lang: 'cs', locale: 'cs-CZ' });
  });

  it('keeps a region the page names itself, canonicalised, and survives tags Intl rejects', () => {
    expect(chooseLanguage({ script: 'de_at', browser: ['de-DE'] })).toEqual({ lang: 'de', locale: 'de-AT' });
    expect(chooseLanguage({ page: 'en-!!', browser: [] })).toEqual({ lang: 'en', locale: 'en' });
  });
});
