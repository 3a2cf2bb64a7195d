/** One of the owner's frequent questions, as `GET /api/v1/sites/:siteKey/faq` serves it. */
export interface Faq {
  question: string;
  answer: string;
}

/** Lowercase words of 3+ letters or digits, without diacritics ("Čaj, prosím!" → ["caj", "prosim"]). */
export const toWords = (text: string): string[] =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]{3,}/gu) ?? [];

/**
 * The (at most two) questions that best match what the visitor is typing, best first; ties keep the owner's
 * order. A typed word matches a word it begins ("ship" → "shipping"), so a half-typed last word counts too.
 * Nothing until the visitor has typed two meaningful words (a repeated word counts again: not worth the bytes).
 * @example
 * matchFaq('Do you ship to Brno?', [{ question: 'Shipping to Czechia?', answer: 'Yes, within 2 days.' }]);
 */
export function matchFaq<T extends Faq>(text: string, entries: readonly T[]): T[] {
  const typed = toWords(text);
  if (typed.length < 2) return [];
  const score = ({ question, answer }: Faq) => {
    const q = toWords(question);
    const a = toWords(answer);
    const isIn = (words: string[], word: string) => words.some((w) => w.startsWith(word));
    // A typed word counts 2 in the question, 1 only in the answer.
    return typed.reduce((sum, word) => sum + (isIn(q, word) ? 2 : isIn(a, word) ? 1 : 0), 0);
  };
  // [score, entry] pairs rather than objects: property names survive minification, and bytes count here.
  return entries
    .map((entry) => [score(entry), entry] as const)
    // One question word and one answer word, or two question words: one common word ("you") is not enough.
    .filter(([points]) => points > 2)
    .sort((x, y) => y[0] - x[0])
    .slice(0, 2)
    .map(([, entry]) => entry);
}
