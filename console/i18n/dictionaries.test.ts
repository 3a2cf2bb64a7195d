import { afterEach, describe, expect, it } from 'vitest';
import { cs } from './cs.ts';
import { en } from './en.ts';
import { currentLanguage, DICTIONARIES, LANGUAGES, pickLanguage, setLanguage, t, timeLocaleFor } from './index.ts';

type Entry = (typeof en)[keyof typeof en];

/** Parameters named like these take a number; every other parameter is a string. */
const NUMERIC_PARAMS = new Set(['count', 'minutes', 'over', 'days', 'hours', 'n']);
const paramNames = (fn: (...args: never[]) => unknown): string[] => {
  const source = fn.toString();
  const list = source.startsWith('(') ? source.slice(1, source.indexOf(')')) : source.slice(0, source.indexOf('=>'));
  return list.split(',').map((p) => p.trim()).filter(Boolean);
};
/** Calls a dictionary function with sample values (numbers 0, 1, 2, 5, 21, 22, 25, 90, 1500, 4000). */
const sampleOutputs = (fn: (...args: never[]) => unknown): unknown[] => {
  const names = paramNames(fn);
  return [0, 1, 2, 5, 21, 22, 25, 90, 1500, 4000].map((n) =>
    (fn as (...args: unknown[]) => unknown)(...names.map((name) => (NUMERIC_PARAMS.has(name) ? n : `Jana ${n}`))),
  );
};
/** Every text a dictionary can produce, with where it came from. */
const allTexts = (dictionary: Record<string, Entry>): Array<[string, unknown]> =>
  Object.entries(dictionary).flatMap(([key, value]): Array<[string, unknown]> => {
    if (typeof value === 'function') return sampleOutputs(value as (...args: never[]) => unknown).map((out) => [key, out]);
    if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => [`${key}.${k}`, v]);
    return [[key, value]];
  });

describe('the console dictionaries', () => {
  it('have exactly the same keys in every language, with the same kind of value', () => {
    for (const lang of LANGUAGES) {
      const dictionary = DICTIONARIES[lang];
      expect(Object.keys(dictionary).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(en)) {
        const other = (dictionary as Record<string, unknown>)[key];
        expect(typeof other, `${lang}.${key}`).toBe(typeof value);
        if (typeof value === 'function') expect((other as () => unknown).length, `${lang}.${key} arity`).toBe(value.length);
        if (typeof value === 'object') expect(Object.keys(other as object).sort(), `${lang}.${key}`).toEqual(Object.keys(value).sort());
      }
    }
  });

  it('produce non-empty text without "undefined", "NaN", "[object" or a leftover placeholder', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of allTexts(DICTIONARIES[lang] as Record<string, Entry>)) {
        expect(typeof text, `${lang}.${key}`).toBe('string');
        expect((text as string).trim(), `${lang}.${key}`).not.toBe('');
        expect(text, `${lang}.${key}`).not.toMatch(/undefined|NaN|\[object|\{n\}|null/);
      }
    }
  });

  it('put the sample values into the sentences', () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of Object.entries(DICTIONARIES[lang])) {
        if (typeof value !== 'function' || value.length === 0) continue;
        const names = paramNames(value as (...args: never[]) => unknown);
        const text = (value as (...args: unknown[]) => string)(...names.map((name) => (NUMERIC_PARAMS.has(name) ? 7 : `Petr-${name}`)));
        for (const name of names) {
          if (NUMERIC_PARAMS.has(name)) expect(text, `${lang}.${key}`).toMatch(/7/);
          else expect(text, `${lang}.${key}`).toContain(`Petr-${name}`);
        }
      }
    }
  });

  it('translate everything into Czech (the few words that are the same are listed here)', () => {
    const same = new Set(['appName', 'emailLabel', 'visitorEmail', 'teamColumnEmail', 'operatorEmailLabel', 'statusOnline', 'statusOffline', 'replyBodyLabel', 'teamColumnRole', 'operatorRoleLabel', 'localTimeValue', 'deviceKinds.tablet', 'duration', 'channelKindNames.email', 'channelKindNames.whatsapp']);
    const english = new Map(allTexts(en as Record<string, Entry>).map(([key, text]) => [`${key}:${String(text)}`, key]));
    const untranslated = allTexts(cs as Record<string, Entry>)
      .filter(([key, text]) => english.has(`${key}:${String(text)}`) && !same.has(key))
      .map(([key]) => key);
    expect([...new Set(untranslated)]).toEqual([]);
  });

  it('use the Czech plural forms for 1, 2–4 and 5 and more (21, 22 and 25 included)', () => {
    const cases: Array<[(n: number) => string, Record<number, string>]> = [
      [cs.groupCount, { 1: '1 konverzace', 2: '2 konverzace', 4: '4 konverzace', 5: '5 konverzací', 21: '21 konverzací', 22: '22 konverzací', 25: '25 konverzací', 0: '0 konverzací' }],
      [cs.unreadCount, { 1: '1 nepřečtená zpráva', 2: '2 nepřečtené zprávy', 5: '5 nepřečtených zpráv', 21: '21 nepřečtených zpráv', 22: '22 nepřečtených zpráv', 25: '25 nepřečtených zpráv' }],
      [cs.followUpInDays, { 1: 'Za 1 den', 2: 'Za 2 dny', 5: 'Za 5 dní', 21: 'Za 21 dní', 22: 'Za 22 dní', 25: 'Za 25 dní' }],
      [cs.charactersLeft, { 1: 'Zbývá 1 znak', 2: 'Zbývají 2 znaky', 5: 'Zbývá 5 znaků', 21: 'Zbývá 21 znaků', 22: 'Zbývá 22 znaků', 25: 'Zbývá 25 znaků' }],
      [cs.savedReplySuggestionCount, { 1: '1 uložená odpověď', 3: '3 uložené odpovědi', 5: '5 uložených odpovědí', 22: '22 uložených odpovědí' }],
      [cs.searchResultCount, { 1: 'Nalezena 1 konverzace', 2: 'Nalezeny 2 konverzace', 25: 'Nalezeno 25 konverzací' }],
      [cs.fieldErrorsSummary, { 1: 'Opravte prosím 1 pole.', 2: 'Opravte prosím 2 pole.', 5: 'Opravte prosím 5 polí.' }],
      [(days) => cs.duration(days * 24 * 60), { 1: '1 den', 2: '2 dny', 5: '5 dní', 21: '21 dní', 22: '22 dní', 25: '25 dní' }],
    ];
    for (const [fn, expected] of cases) {
      for (const [n, text] of Object.entries(expected)) expect(fn(Number(n))).toBe(text);
    }
    expect(cs.duration(25)).toBe('25 min');
    expect(cs.duration(150)).toBe('2 h 30 min');
    expect(cs.unsentOnSignOut(2)).toBe('2 odpovědi ještě nebyly odeslány. Přesto se odhlásit?');
    expect(cs.tooLong(5)).toBe('Zpráva je o 5 znaků delší, než je možné.');
  });

  it('keep the English plurals', () => {
    expect(en.groupCount(1)).toBe('1 conversation');
    expect(en.groupCount(21)).toBe('21 conversations');
    expect(en.duration(2 * 24 * 60)).toBe('2 days');
  });
});

describe('choosing the language', () => {
  afterEach(() => setLanguage('en'));

  it('prefers the stored choice, then the browser languages by primary subtag, then English', () => {
    expect(pickLanguage('cs', ['en-US'])).toBe('cs');
    expect(pickLanguage('en', ['cs-CZ'])).toBe('en');
    expect(pickLanguage(null, ['cs-CZ', 'en'])).toBe('cs');
    expect(pickLanguage(null, ['de-DE', 'cs'])).toBe('cs');
    expect(pickLanguage('klingon', ['en-GB', 'cs'])).toBe('en');
    expect(pickLanguage(null, ['sk', 'de'])).toBe('en');
    expect(pickLanguage(undefined, [])).toBe('en');
  });

  it('formats times in the browser\'s regional variant of the language, else a European default', () => {
    expect(timeLocaleFor('en', ['en-US', 'cs'])).toBe('en-US');
    expect(timeLocaleFor('en', ['cs-CZ'])).toBe('en-GB');
    expect(timeLocaleFor('cs', ['cs'])).toBe('cs-CZ');
    expect(timeLocaleFor('cs', ['en-US', 'cs-CZ'])).toBe('cs-CZ');
  });

  it('fills the shared `t` in place, so modules that imported it read the chosen language', () => {
    const same = t;
    setLanguage('cs');
    expect(t).toBe(same);
    expect(currentLanguage()).toBe('cs');
    expect(t.conversationsHeading).toBe('Konverzace');
    expect(t.groupCount(5)).toBe('5 konverzací');
    setLanguage('en');
    expect(t.conversationsHeading).toBe('Conversations');
    expect(t.groupCount(5)).toBe('5 conversations');
  });
});
