import { describe, expect, it } from 'vitest';
import { highlightMatches } from './highlight.ts';

const marked = (text: string, query: string) =>
  highlightMatches(text, query)
    .map((s) => (s.isMatch ? `[${s.text}]` : s.text))
    .join('');

describe('highlightMatches', () => {
  it('marks every match, ignoring case', () => {
    expect(marked('Tea for two, TEA for me', 'tea')).toBe('[Tea] for two, [TEA] for me');
  });

  it('marks accented text found by an unaccented query, and the reverse', () => {
    expect(marked('Zelený čaj', 'caj')).toBe('Zelený [čaj]');
    expect(marked('Zeleny caj', 'čaj')).toBe('Zeleny [caj]');
    expect(marked('Große Straße', 'strasse')).toBe('Große [Straße]');
  });

  it('keeps the text whole, including emoji and characters outside the basic plane', () => {
    const text = '👋 hello 𝒳 hello';
    expect(highlightMatches(text, 'hello').map((s) => s.text).join('')).toBe(text);
    expect(marked(text, 'hello')).toBe('👋 [hello] 𝒳 [hello]');
  });

  it('returns the text unmarked when the query is empty or absent', () => {
    expect(highlightMatches('abc', '  ')).toEqual([{ text: 'abc', isMatch: false }]);
    expect(highlightMatches('abc', 'xyz')).toEqual([{ text: 'abc', isMatch: false }]);
    expect(highlightMatches('', 'a')).toEqual([]);
  });

  it('treats markup as plain text', () => {
    expect(marked('<b>bold</b>', 'bold')).toBe('<b>[bold]</b>');
  });
});
