import { describe, expect, it } from 'vitest';
import type { SavedReply } from '../../shared/index.ts';
import { fillPlaceholders, matchSavedReplies, MAX_SUGGESTIONS, savedReplyTrigger, type PlaceholderValues } from './placeholders.ts';

const values: PlaceholderValues = { firstName: 'Ana', name: 'Ana Novák', operatorName: 'Jana', teamName: 'Zelený čaj' };
const anonymous: PlaceholderValues = { firstName: null, name: null, operatorName: 'Jana', teamName: 'Zelený čaj' };
const fill = (body: string, v = values) => fillPlaceholders(body, v, 'there');

describe('fillPlaceholders', () => {
  it('fills the visitor, operator and team names', () => {
    expect(fill('Hi {{firstName}} ({{name}}), this is {{operatorName}} from {{teamName}}.')).toBe(
      'Hi Ana (Ana Novák), this is Jana from Zelený čaj.',
    );
  });

  it('accepts snake_case, any case and spaces inside the braces', () => {
    expect(fill('{{first_name}} {{ FIRST_NAME }} {{ operator_name}} {{Team_Name }}')).toBe('Ana Ana Jana Zelený čaj');
  });

  it('writes "there" for a visitor who gave no name, so a greeting still reads well', () => {
    expect(fill('Hi {{first_name}}!', anonymous)).toBe('Hi there!');
    expect(fill('Hi {{name}}!', anonymous)).toBe('Hi there!');
    expect(fill('Hi {{firstName}}!', { ...values, firstName: '  ' })).toBe('Hi there!');
  });

  it('uses a fallback written in the placeholder instead, and only when the value is missing', () => {
    expect(fill('Hi {{firstName|friend}}', anonymous)).toBe('Hi friend');
    expect(fill('Hi {{ firstName | my friend }}', anonymous)).toBe('Hi my friend');
    expect(fill('Hi {{firstName|friend}}')).toBe('Hi Ana');
    expect(fill('{{firstName|}}!', anonymous)).toBe('!');
  });

  it('leaves an unknown placeholder as written, so the typo shows', () => {
    expect(fill('Hi {{nickname}} {{first name}} {firstName}')).toBe('Hi {{nickname}} {{first name}} {firstName}');
  });

  it('does not treat the filled values as placeholders', () => {
    expect(fill('{{name}}', { ...values, name: '{{operatorName}}' })).toBe('{{operatorName}}');
  });
});

const saved = (shortcut: string, title = shortcut, body = ''): SavedReply => ({
  id: shortcut,
  siteId: 's1',
  shortcut,
  title,
  body,
  updatedAt: '2026-03-12T12:00:00.000Z',
});

describe('matchSavedReplies', () => {
  const replies = [
    saved('hello', 'Greeting', 'Hi {{firstName}}'),
    saved('opening-hours', 'Opening hours', 'We are open 9–17.'),
    saved('shipping', 'Delivery', 'We ship to every café in Europe.'),
    saved('hours-holidays', 'Holidays', 'Closed on public holidays.'),
  ];
  const ids = (query: string) => matchSavedReplies(replies, query).map((r) => r.shortcut);

  it('lists shortcuts starting with the query first, then other replies containing it', () => {
    expect(ids('hours')).toEqual(['hours-holidays', 'opening-hours']);
    expect(ids('h')).toEqual(['hello', 'hours-holidays', 'opening-hours', 'shipping']);
  });

  it('searches titles and texts, ignoring case and accents', () => {
    expect(ids('DELIV')).toEqual(['shipping']);
    expect(ids('cafe')).toEqual(['shipping']);
    expect(ids('Café')).toEqual(['shipping']);
  });

  it('offers everything for an empty query, and nothing for a query nothing contains', () => {
    expect(ids('')).toHaveLength(4);
    expect(ids('refund')).toEqual([]);
  });

  it(`offers at most ${MAX_SUGGESTIONS}`, () => {
    const many = Array.from({ length: 12 }, (_, i) => saved(`reply-${i}`));
    expect(matchSavedReplies(many, 'reply')).toHaveLength(MAX_SUGGESTIONS);
  });
});

describe('savedReplyTrigger', () => {
  it('finds "/query" at the start of the text or of a line, just before the caret', () => {
    expect(savedReplyTrigger('/hel', 4)).toEqual({ start: 0, query: 'hel' });
    expect(savedReplyTrigger('/', 1)).toEqual({ start: 0, query: '' });
    expect(savedReplyTrigger('Thanks!\n/hours', 14)).toEqual({ start: 8, query: 'hours' });
    expect(savedReplyTrigger('/hel and more', 4)).toEqual({ start: 0, query: 'hel' });
  });

  it('ignores a slash inside a line, a finished word, or a path', () => {
    expect(savedReplyTrigger('see /pricing', 12)).toBeNull();
    expect(savedReplyTrigger('/hello there', 12)).toBeNull();
    expect(savedReplyTrigger('/docs/api', 9)).toBeNull();
    expect(savedReplyTrigger('/hel', 0)).toBeNull();
  });
});
