import { normalizeForSearch } from '../../shared/index.ts';

/** A piece of text, marked when it matches the search. */
export interface TextSegment {
  text: string;
  isMatch: boolean;
}

/**
 * Splits `text` into plain and matching segments for a search result, comparing as the server's search does
 * (case and accents ignored: "cafe" marks "Café"). The segments are rendered as text nodes, never as HTML.
 *
 * @example highlightMatches('Zelený čaj', 'caj') → [{ text: 'Zelený ', isMatch: false }, { text: 'čaj', isMatch: true }]
 */
export function highlightMatches(text: string, query: string): TextSegment[] {
  const needle = normalizeForSearch(query);
  if (!needle || !text) return text ? [{ text, isMatch: false }] : [];
  // Normalise character by character, remembering which original character each folded one came from,
  // because folding changes lengths ("ß" → "ss", "é" → "e" + a dropped mark).
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const ch of text) {
    const piece = /\s/.test(ch) ? ' ' : normalizeForSearch(ch);
    for (let i = 0; i < piece.length; i++) origin.push(index);
    folded += piece;
    index += ch.length;
  }
  origin.push(text.length);

  const segments: TextSegment[] = [];
  let shownUpTo = 0;
  let from = 0;
  for (let at = folded.indexOf(needle, from); at !== -1; at = folded.indexOf(needle, from)) {
    const start = origin[at] ?? text.length;
    const end = endOf(text, origin, at + needle.length);
    if (start > shownUpTo) segments.push({ text: text.slice(shownUpTo, start), isMatch: false });
    if (end > start) segments.push({ text: text.slice(start, end), isMatch: true });
    shownUpTo = Math.max(shownUpTo, end);
    from = at + needle.length;
  }
  if (shownUpTo < text.length) segments.push({ text: text.slice(shownUpTo), isMatch: false });
  return segments;
}

/** The original index just after the folded character before `foldedEnd`, whole characters only. */
function endOf(text: string, origin: readonly number[], foldedEnd: number): number {
  const last = origin[foldedEnd - 1];
  if (last === undefined) return text.length;
  const codePoint = text.codePointAt(last) ?? 0;
  return last + (codePoint > 0xffff ? 2 : 1);
}
