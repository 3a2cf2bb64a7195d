import { describe, expect, it } from 'vitest';
import { normalizeForSearch } from './search-text.ts';

describe('normalizeForSearch', () => {
  it('drops diacritics and case, so a search without them finds text with them', () => {
    expect(normalizeForSearch('Zelený ČAJ')).toBe('zeleny caj');
    expect(normalizeForSearch('Příliš žluťoučký kůň')).toBe('prilis zlutoucky kun');
  });

  it('folds the letters Unicode does not decompose (Polish, Croatian, German)', () => {
    expect(normalizeForSearch('Łódź')).toBe('lodz');
    expect(normalizeForSearch('Đurđevac')).toBe('durdevac');
    expect(normalizeForSearch('Straße')).toBe('strasse');
  });

  it('collapses whitespace and trims', () => {
    expect(normalizeForSearch('  green \n\t tea ')).toBe('green tea');
  });

  it('keeps digits, e-mail punctuation and other scripts', () => {
    expect(normalizeForSearch('Jana.Novak+tea@Example.CZ')).toBe('jana.novak+tea@example.cz');
    expect(normalizeForSearch('Чай 42')).toBe('чаи 42');
  });
});
