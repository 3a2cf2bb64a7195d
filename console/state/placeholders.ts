import { normalizeForSearch, type SavedReply } from '../../shared/index.ts';

/** What the placeholders of a saved reply stand for in one conversation. */
export interface PlaceholderValues {
  /** The visitor's first name; null when they gave none. */
  firstName: string | null;
  /** The visitor's full name; null when they gave none. */
  name: string | null;
  operatorName: string;
  /** The site's name, as the team calls itself. */
  teamName: string;
}

/** How many saved replies the composer offers at once. */
export const MAX_SUGGESTIONS = 8;

// `{{ firstName }}`, `{{first_name|there}}`: a name of letters and "_", an optional `|fallback`.
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*(?:\|([^{}]*))?\}\}/gi;

/**
 * Fills a saved reply's placeholders: `{{firstName}}`, `{{name}}`, `{{operatorName}}`, `{{teamName}}` (the
 * spelling of docs/protocol.md), also written `{{first_name}}` etc., in any case and with spaces inside the
 * braces. `{{firstName|friend}}` says what to write when the value is unknown; without it, a missing visitor
 * name becomes `nameFallback` ("there"), so "Hi {{firstName}}," reads "Hi there,". A placeholder this
 * function does not know is left as written, so a typo shows in the reply field instead of vanishing.
 *
 * @example fillPlaceholders('Hi {{first_name}}!', { firstName: null, name: null, operatorName: 'Jana', teamName: 'Acme' }, 'there') === 'Hi there!'
 */
export function fillPlaceholders(body: string, values: PlaceholderValues, nameFallback: string): string {
  return body.replace(PLACEHOLDER, (written, key: string, fallback: string | undefined) => {
    const value = valueOf(key.replace(/_/g, '').toLowerCase(), values);
    if (value === undefined) return written;
    if (value.kind === 'known') return value.text;
    return fallback !== undefined ? fallback.trim() : value.isVisitorName ? nameFallback : '';
  });
}

type Lookup = { kind: 'known'; text: string } | { kind: 'missing'; isVisitorName: boolean } | undefined;

function valueOf(key: string, values: PlaceholderValues): Lookup {
  const known = (text: string | null, isVisitorName: boolean): Lookup => {
    const trimmed = text?.trim() ?? '';
    return trimmed ? { kind: 'known', text: trimmed } : { kind: 'missing', isVisitorName };
  };
  switch (key) {
    case 'firstname':
      return known(values.firstName, true);
    case 'name':
      return known(values.name, true);
    case 'operatorname':
      return known(values.operatorName, false);
    case 'teamname':
      return known(values.teamName, false);
    default:
      return undefined;
  }
}

/**
 * The saved replies for what the operator typed after "/": those whose shortcut starts with it first, then
 * those whose shortcut, title or text contains it, each group in the given order; at most `limit`. Case and
 * accents do not matter ("/cafe" finds "Café"). An empty query lists the first replies.
 */
export function matchSavedReplies(replies: readonly SavedReply[], query: string, limit = MAX_SUGGESTIONS): SavedReply[] {
  const q = normalizeForSearch(query);
  if (!q) return replies.slice(0, limit);
  const byShortcut: SavedReply[] = [];
  const byText: SavedReply[] = [];
  for (const reply of replies) {
    const shortcut = normalizeForSearch(reply.shortcut);
    if (shortcut.startsWith(q)) byShortcut.push(reply);
    else if (shortcut.includes(q) || normalizeForSearch(reply.title).includes(q) || normalizeForSearch(reply.body).includes(q)) {
      byText.push(reply);
    }
  }
  return [...byShortcut, ...byText].slice(0, limit);
}

/** The "/query" being typed before the caret, at the start of the text or of a line; null when there is none. */
export function savedReplyTrigger(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\n)\/([^\s/]*)$/.exec(before);
  if (!match) return null;
  const query = match[2] ?? '';
  return { start: caret - query.length - 1, query };
}
