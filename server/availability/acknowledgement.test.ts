import { describe, expect, it } from 'vitest';
import { DEFAULT_ACKNOWLEDGEMENTS, describeReplyBy, languageOf, renderAcknowledgement } from './acknowledgement.ts';

// Friday 27 Nov 2026, 20:00 in Prague (UTC+1).
const now = new Date('2026-11-27T19:00:00Z');

describe('stating a reply time in the reader\'s words', () => {
  it('says "today", "tomorrow" or the weekday, in the reader\'s zone', () => {
    // 21:30 Prague, same day.
    expect(describeReplyBy(new Date('2026-11-27T20:30:00Z'), { now, language: 'en', timeZone: 'Europe/Prague' })).toBe('today by 9:30 PM');
    // Saturday 9:30 Prague.
    expect(describeReplyBy(new Date('2026-11-28T08:30:00Z'), { now, language: 'en', timeZone: 'Europe/Prague' })).toBe('tomorrow by 9:30 AM');
    // Monday 9:30 Prague.
    expect(describeReplyBy(new Date('2026-11-30T08:30:00Z'), { now, language: 'en', timeZone: 'Europe/Prague' })).toBe('by Monday 9:30 AM');
  });

  it('puts the weekday in the case the preposition needs', () => {
    // Wednesday 2 Dec 2026, 9:30 Prague.
    const wednesday = new Date('2026-12-02T08:30:00Z');
    expect(describeReplyBy(wednesday, { now, language: 'cs', timeZone: 'Europe/Prague' })).toBe('do středy 9:30');
    expect(describeReplyBy(wednesday, { now, language: 'pl', timeZone: 'Europe/Warsaw' })).toBe('do środy 9:30');
    expect(describeReplyBy(wednesday, { now, language: 'de', timeZone: 'Europe/Berlin' })).toBe('bis Mittwoch 9:30');
    expect(describeReplyBy(wednesday, { now, language: 'hr', timeZone: 'Europe/Zagreb' })).toBe('do srijede 9:30');
    expect(describeReplyBy(wednesday, { now, language: 'sk', timeZone: 'Europe/Bratislava' })).toBe('do stredy 9:30');
  });

  it('uses the reader\'s own zone: the same instant is "tomorrow" in Prague and "today" in New York', () => {
    // 00:30 Saturday in Prague = 18:30 Friday in New York.
    const instant = new Date('2026-11-27T23:30:00Z');
    expect(describeReplyBy(instant, { now, language: 'en', timeZone: 'Europe/Prague' })).toBe('tomorrow by 12:30 AM');
    expect(describeReplyBy(instant, { now, language: 'en', timeZone: 'America/New_York', markZone: true })).toBe('today by 6:30 PM (your time)');
  });

  it('gives a date beyond a week, and plain words when there is no deadline', () => {
    expect(describeReplyBy(new Date('2026-12-10T08:30:00Z'), { now, language: 'cs', timeZone: 'Europe/Prague' })).toBe('do 10. 12. 2026 9:30');
    expect(describeReplyBy(null, { now, language: 'de', timeZone: 'Europe/Berlin' })).toBe('so bald wie möglich');
  });
});

describe('acknowledgement texts', () => {
  it('reads like a person: name, who answers, by when', () => {
    expect(renderAcknowledgement(DEFAULT_ACKNOWLEDGEMENTS.en, { name: 'Anna', agent: 'Jana', replyBy: 'by Monday 9:30 AM' })).toBe(
      'Thanks, Anna! Jana will reply by Monday 9:30 AM. You can add anything here in the meantime.',
    );
  });

  it('drops the name and its comma when the visitor gave none', () => {
    expect(renderAcknowledgement(DEFAULT_ACKNOWLEDGEMENTS.cs, { name: null, agent: 'Jana', replyBy: 'do pondělí 9:30' })).toBe(
      'Děkujeme! Jana vám odpoví do pondělí 9:30. Mezitím sem můžete cokoli doplnit.',
    );
  });

  it('has a default in each of the six languages, none of them a ticket number', () => {
    for (const text of Object.values(DEFAULT_ACKNOWLEDGEMENTS)) {
      expect(text).toContain('{agent}');
      expect(text).toContain('{replyBy}');
      expect(text).not.toMatch(/#|\bno\.|ticket/i);
    }
  });

  it('picks the visitor\'s language from their locale, else the site default', () => {
    expect(languageOf('cs-CZ', 'en')).toBe('cs');
    expect(languageOf('fr-FR', 'de')).toBe('de');
    expect(languageOf(null, 'pl')).toBe('pl');
  });
});
