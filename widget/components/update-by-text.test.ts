import { describe, expect, it } from 'vitest';
import { createTranslator, loadDictionary, type Language } from '../i18n/index.ts';
import { updateByText } from './update-by-text.ts';

// Now: Friday 9 May 2025, 10:00Z (12:00 in Prague, Berlin, Warsaw, Zagreb, Bratislava; 6:00 AM in New York).
const now = new Date('2025-05-09T10:00:00.000Z');
const jana = (at: string, note: string | null = null) => ({ at, operatorName: 'Jana', note });

async function sentence(lang: Language, timeZone: string, at: string, locale?: string) {
  const t = createTranslator(lang, await loadDictionary(lang), { timeZone, ...(locale ? { locale } : {}) });
  return updateByText(t, jana(at), now);
}

describe('the state of the question, in the visitor’s zone and language', () => {
  it('says "today" with the time for later the same day', async () => {
    // 14:40Z = 16:40 in Warsaw.
    expect(await sentence('en', 'Europe/Prague', '2025-05-09T14:40:00.000Z', 'en-GB')).toBe('Jana is looking into it — update today by 16:40');
    expect(await sentence('pl', 'Europe/Warsaw', '2025-05-09T14:40:00.000Z')).toBe(
      'Jana zajmuje się Twoją sprawą — odezwiemy się dziś do 16:40',
    );
  });
  it('says "tomorrow" for the next calendar day', async () => {
    // Saturday 10:00Z = 12:00 in Prague.
    expect(await sentence('cs', 'Europe/Prague', '2025-05-10T10:00:00.000Z')).toBe('Jana se tomu věnuje — ozveme se zítra do 12:00');
    expect(await sentence('en', 'Europe/Prague', '2025-05-10T10:00:00.000Z', 'en-GB')).toBe('Jana is looking into it — update tomorrow by 12:00');
  });
  it('names the weekday within a week', async () => {
    // Monday 12 May 07:30Z = 9:30 CEST.
    expect(await sentence('de', 'Europe/Berlin', '2025-05-12T07:30:00.000Z')).toBe('Jana kümmert sich darum — wir melden uns bis Montag, 09:30');
    expect(await sentence('sk', 'Europe/Bratislava', '2025-05-12T07:30:00.000Z')).toBe(
      'Jana sa tomu venuje — ozveme sa najneskôr: pondelok 09:30',
    );
  });
  it('gives the date beyond a week', async () => {
    // Monday 19 May 07:30Z = 9:30 CEST.
    expect(await sentence('hr', 'Europe/Zagreb', '2025-05-19T07:30:00.000Z')).toBe(
      'Jana radi na tome — javit ćemo se najkasnije: ponedjeljak, 19. svibnja u 9:30',
    );
  });
  it('counts the day in the visitor’s own zone: the same instant is tonight in New York, tomorrow in Prague', async () => {
    // Saturday 02:00Z = Friday 10:00 PM in New York, Saturday 4:00 in Prague.
    expect(await sentence('en', 'America/New_York', '2025-05-10T02:00:00.000Z', 'en-US')).toBe(
      'Jana is looking into it — update today by 10:00 PM',
    );
    expect(await sentence('en', 'Europe/Prague', '2025-05-10T02:00:00.000Z', 'en-GB')).toBe('Jana is looking into it — update tomorrow by 4:00');
  });
  it('says plainly that it is late once the time has passed, instead of a promise already broken', async () => {
    // 09:00Z, an hour ago.
    expect(await sentence('en', 'Europe/Prague', '2025-05-09T09:00:00.000Z')).toBe(
      'Jana is still looking into it — sorry, it is taking longer than we said.',
    );
    expect(await sentence('cs', 'Europe/Prague', '2025-05-09T09:00:00.000Z')).toBe(
      'Jana se tomu stále věnuje — omlouváme se, trvá to déle, než jsme slíbili.',
    );
  });
  it('speaks of the team when the promise carries no name', async () => {
    const t = createTranslator('en', await loadDictionary('en'), { timeZone: 'Europe/Prague', locale: 'en-GB' });
    expect(updateByText(t, { ...jana('2025-05-09T14:40:00.000Z'), operatorName: '' }, now)).toBe('Team is looking into it — update today by 16:40');
  });
});
