// Zod-free protocol file, imported directly rather than through the protocol index (which pulls in zod).
import { LIMITS } from '../../shared/protocol/limits.ts';

/** Where the visitor is, for operators: sent in the handshake of every (re)connect. */
export interface PageContext {
  page: { url: string; title: string };
  /** The page that sent the visitor here; absent when there is none (typed address, bookmark, strict policy). */
  referrer?: string;
}

/** Cut to `length` UTF-16 units without leaving half of a surrogate pair (an emoji in a title) at the end. */
const cut = (text: string, length: number) => text.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');

/**
 * The handshake's page fields from what the entry point reads off `location` and `document`, cut to the
 * protocol's limits: a page with an absurd URL or title must never stop its chat (the server refuses a
 * handshake over its own, larger bounds). The referrer is a URL too, so it gets the URL limit.
 *
 * @example
 * toPageContext(location.href, document.title, document.referrer)
 */
export function toPageContext(url: string, title: string, referrer: string): PageContext {
  const context: PageContext = { page: { url: cut(url, LIMITS.pageUrlLength), title: cut(title.trim(), LIMITS.pageTitleLength) } };
  if (referrer !== '') context.referrer = cut(referrer, LIMITS.pageUrlLength);
  return context;
}
