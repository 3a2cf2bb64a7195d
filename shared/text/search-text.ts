/**
 * Letters that Unicode does not decompose into a base letter and a mark, spelled as people type them
 * without diacritics (Polish ł, Croatian đ, German ß, …).
 */
const FOLDED: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};

/**
 * Text as search compares it: without diacritics, lowercased, whitespace collapsed, so "Zelený čaj",
 * "ZELENY CAJ" and "zeleny  caj" are equal. Both the stored search columns and the query go through this, so
 * matching is the same on SQLite (whose lower() knows only ASCII) and Postgres.
 *
 * @example normalizeForSearch('Łódź Straße') === 'lodz strasse'
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđßøæœı]/g, (ch) => FOLDED[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
}
