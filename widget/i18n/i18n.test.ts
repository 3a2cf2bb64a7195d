import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { LANGUAGES, createTranslator, loadDictionary, type Dictionary, type Plural } from './index.ts';

const isPlural = (value: unknown): value is Plural => typeof value === 'object' && value !== null;

describe('language files', () => {
  for (const lang of LANGUAGES) {
    it(`${lang} has every key English has, and no others`, async () => {
      const dictionary = await loadDictionary(lang);
      expect(Object.keys(dictionary).sort()).toEqual(Object.keys(en).sort());
    });

    it(`${lang} gives every plural entry each form Intl.PluralRules uses for ${lang}`, async () => {
      const dictionary = await loadDictionary(lang);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [key, value] of Object.entries(dictionary)) {
        expect(typeof value === 'string' || isPlural(value), key).toBe(true);
        if (!isPlural(en[key as keyof Dictionary] as unknown)) continue;
        expect(isPlural(value), `${lang}.${key} must be a plural entry`).toBe(true);
        for (const category of categories) {
          expect((value as Record<string, unknown>)[category], `${lang}.${key}.${category}`).toBeTypeOf('string');
        }
      }
    });

    it(`${lang} keeps every {placeholder} English uses`, async () => {
      const dictionary = await loadDictionary(lang);
      const placeholders = (value: unknown) =>
        new Set((JSON.stringify(value).match(/\{\w+\}/g) ?? []).sort());
      for (const key of Object.keys(en) as Array<keyof Dictionary>) {
        expect(placeholders(dictionary[key]), `${lang}.${key}`).toEqual(placeholders(en[key]));
      }
    });
  }
});

describe('plurals', () => {
  it('uses the Czech one / few / other forms', async () => {
    const t = createTranslator('cs', await loadDictionary('cs'));
    expect(t.plural('unread', 1)).toBe('1 nepřečtená zpráva');
    expect(t.plural('unread', 3)).toBe('3 nepřečtené zprávy');
    expect(t.plural('unread', 5)).toBe('5 nepřečtených zpráv');
  });
  it('uses the Polish many form for 5 and 12, few for 22', async () => {
    const t = createTranslator('pl', await loadDictionary('pl'));
    expect(t.plural('unread', 5)).toBe('5 nieprzeczytanych wiadomości');
    expect(t.plural('unread', 12)).toBe('12 nieprzeczytanych wiadomości');
    expect(t.plural('unread', 22)).toBe('22 nieprzeczytane wiadomości');
  });
  it('uses the Croatian few form for 21 and 34', async () => {
    const t = createTranslator('hr', await loadDictionary('hr'));
    expect(t.plural('unread', 21)).toBe('21 nepročitana poruka');
    expect(t.plural('unread', 34)).toBe('34 nepročitane poruke');
  });
  it('formats the count and the other values with the language’s number format', () => {
    const t = createTranslator('en', en);
    expect(t.plural('charactersLeft', 1, { limit: 4000 })).toBe('1 character left of 4,000');
  });
});

describe('times', () => {
  it('shows the time alone for a message from today, in the visitor’s zone', () => {
    const t = createTranslator('cs', en, { timeZone: 'Europe/Prague' });
    // 2025-03-30T00:30Z is 01:30 in Prague (CET, just before the switch to summer time).
    expect(t.time('2025-03-30T00:30:00.000Z', new Date('2025-03-30T10:00:00.000Z'))).toBe('1:30');
    // 2025-03-30T01:30Z is 03:30 in Prague (CEST, just after the switch).
    expect(t.time('2025-03-30T01:30:00.000Z', new Date('2025-03-30T10:00:00.000Z'))).toBe('3:30');
  });
  it('adds the date for an older message', () => {
    const t = createTranslator('en', en, { timeZone: 'America/New_York' });
    // 2025-01-02T03:00Z is still 1 January, 22:00 in New York.
    expect(t.time('2025-01-02T03:00:00.000Z', new Date('2025-01-05T12:00:00.000Z'))).toMatch(/Jan 1, 2025/);
  });
  it('returns an empty string for a broken timestamp instead of "Invalid Date"', () => {
    expect(createTranslator('en', en).time('not a date', new Date())).toBe('');
  });
});
