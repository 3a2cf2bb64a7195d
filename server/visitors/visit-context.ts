import { LIMITS } from '../../shared/index.ts';

/** Longest User-Agent kept: real ones are under 300 characters; anything longer is noise or an attack. */
export const USER_AGENT_LENGTH = 512;

/** A widget connecting after this long without one begins a new visit (counted, and its referrer kept). */
export const NEW_VISIT_AFTER_MS = 30 * 60_000;

/** Where a widget says its visitor is, as the server keeps it: only http(s) addresses, titles as plain text. */
export interface VisitContext {
  page: { url: string; title: string } | undefined;
  referrer: string | undefined;
  userAgent: string | undefined;
}

/** Cut to `length` UTF-16 units without leaving half of a surrogate pair at the end. */
function cut(text: string, length: number): string {
  return text.slice(0, length).replace(/[\uD800-\uDBFF]$/, '');
}

/**
 * Text from a browser, made safe to store and show: valid Unicode (a lone surrogate becomes U+FFFD), no NUL
 * (Postgres refuses it), control characters and runs of white space as one space, trimmed and cut.
 */
export function cleanText(text: string, length: number): string {
  const plain = text
    .toWellFormed()
    .replaceAll('\u0000', '')
    .replace(/[\u0001-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cut(plain, length).trimEnd();
}

/**
 * An http(s) URL as the browser would show it, without any user name or password in it; undefined for
 * anything else (`javascript:`, `data:`, relative or unparsable text), so a link an operator clicks can only
 * ever open a web page.
 *
 * @example toWebAddress('javascript:alert(1)') // undefined
 */
export function toWebAddress(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  return cut(url.href, LIMITS.pageUrlLength);
}

/** The handshake's page, referrer and User-Agent header, reduced to what may be stored (see VisitContext). */
export function toVisitContext(input: {
  page?: { url: string; title: string } | undefined;
  referrer?: string | undefined;
  userAgent?: string | string[] | undefined;
}): VisitContext {
  const url = input.page ? toWebAddress(input.page.url) : undefined;
  const userAgent = typeof input.userAgent === 'string' ? cleanText(input.userAgent, USER_AGENT_LENGTH) : '';
  return {
    page: url === undefined ? undefined : { url, title: cleanText(input.page!.title, LIMITS.pageTitleLength) },
    referrer: input.referrer === undefined ? undefined : toWebAddress(input.referrer),
    userAgent: userAgent === '' ? undefined : userAgent,
  };
}
