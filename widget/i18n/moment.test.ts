import { describe, expect, it } from 'vitest';
import { cs } from './cs.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { createTranslator, type TextKey, type Translator } from './index.ts';

/** The form's promise as the widget writes it (see components/AvailabilityNotes.tsx). */
function replyLine(t: Translator, replyBy: string, now: string): string {
  const moment = t.moment(replyBy, new Date(now));
  if (!moment) throw new Error('broken timestamp');
  return t.text(`reply${moment.day}` as TextKey, { time: moment.text });
}

describe('the reply time, in the visitor’s zone and language', () => {
  const prague = createTranslator('en', en, { timeZone: 'Europe/Prague', locale: 'en-GB' });
  // Now: Friday 9 May 2025, 12:00 in Prague (10:00Z).
  const friday = '2025-05-09T10:00:00.000Z';

  it('says "today by" for a deadline later the same day', () => {
    // 14:40Z = 16:40 CEST, the same Friday.
    expect(replyLine(prague, '2025-05-09T14:40:00.000Z', friday)).toBe("We'll reply today by 16:40 (your time).");
  });
  it('says "tomorrow by" for the next calendar day, even when it is less than 24 hours away', () => {
    // 07:30Z Saturday = 9:30 CEST.
    expect(replyLine(prague, '2025-05-10T07:30:00.000Z', friday)).toBe("We'll reply tomorrow by 9:30 (your time).");
    // 21:50Z Friday = 23:50 Friday in Prague; 22:10Z = 00:10 Saturday: 20 minutes, yet tomorrow.
    expect(replyLine(prague, '2025-05-09T22:10:00.000Z', '2025-05-09T21:50:00.000Z')).toBe(
      "We'll reply tomorrow by 0:10 (your time).",
    );
  });
  it('names the weekday within a week, and the date after that', () => {
    // 07:30Z Monday 12 May = 9:30 CEST.
    expect(replyLine(prague, '2025-05-12T07:30:00.000Z', friday)).toBe("We'll reply by Monday 09:30 (your time).");
    // Monday 19 May, ten days on.
    expect(replyLine(prague, '2025-05-19T07:30:00.000Z', friday)).toBe("We'll reply by Monday 19 May at 9:30 (your time).");
  });
  it('counts calendar days across the change to summer time (a 23-hour day)', () => {
    // Saturday 29 March 2025, 22:30 CET (21:30Z); Sunday 30 March 09:30 CEST is 07:30Z, 10 hours later.
    expect(replyLine(prague, '2025-03-30T07:30:00.000Z', '2025-03-29T21:30:00.000Z')).toBe(
      "We'll reply tomorrow by 9:30 (your time).",
    );
    // Monday 31 March 09:30 CEST (07:30Z) from the same Saturday evening: two days on, a weekday.
    expect(replyLine(prague, '2025-03-31T07:30:00.000Z', '2025-03-29T21:30:00.000Z')).toBe(
      "We'll reply by Monday 09:30 (your time).",
    );
  });
  it('counts calendar days across the change back to standard time in New York (a 25-hour day)', () => {
    const newYork = createTranslator('en', en, { timeZone: 'America/New_York', locale: 'en-US' });
    // Now: Saturday 1 Nov 2025, 23:30 EDT (03:30Z on the 2nd). Deadline: Sunday 2 Nov, 23:30 EST (04:30Z on the 3rd), 25 h later.
    expect(replyLine(newYork, '2025-11-03T04:30:00.000Z', '2025-11-02T03:30:00.000Z')).toBe(
      "We'll reply tomorrow by 11:30 PM (your time).",
    );
  });
  it('shows the same instant in each visitor’s own zone', () => {
    const warsaw = createTranslator('en', en, { timeZone: 'Europe/Warsaw', locale: 'en-GB' });
    const newYork = createTranslator('en', en, { timeZone: 'America/New_York', locale: 'en-US' });
    // 13:00Z on Monday 12 May: 15:00 in Warsaw, 9:00 AM in New York.
    expect(replyLine(warsaw, '2025-05-12T13:00:00.000Z', friday)).toBe("We'll reply by Monday 15:00 (your time).");
    expect(replyLine(newYork, '2025-05-12T13:00:00.000Z', friday)).toBe("We'll reply by Monday 9:00 AM (your time).");
  });
  it('uses the language’s own day names and order', () => {
    const czech = createTranslator('cs', cs, { timeZone: 'Europe/Prague' });
    const german = createTranslator('de', de, { timeZone: 'Europe/Berlin' });
    expect(replyLine(czech, '2025-05-12T07:30:00.000Z', friday)).toBe('Odpovíme nejpozději: pondělí 9:30 (váš čas).');
    expect(replyLine(czech, '2025-05-09T14:40:00.000Z', friday)).toBe('Odpovíme dnes do 16:40 (váš čas).');
    expect(replyLine(german, '2025-05-10T07:30:00.000Z', friday)).toBe('Wir antworten morgen bis 9:30 (Ihre Zeit).');
  });
  it('gives no moment for a broken timestamp', () => {
    expect(prague.moment('soon', new Date(friday))).toBeNull();
  });
});

describe('"typically replies in …"', () => {
  it('counts minutes, then hours, with Intl.RelativeTimeFormat', () => {
    expect(createTranslator('en', en).inMinutes(10)).toBe('in 10 minutes');
    expect(createTranslator('cs', cs).inMinutes(120)).toBe('za 2 hodiny');
    expect(createTranslator('de', de).inMinutes(1)).toBe('in 1 Minute');
  });
});
