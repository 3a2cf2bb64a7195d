/**
 * The console's location lives in the URL hash, so the browser's Back button returns from a conversation to
 * the list (on a phone they are stacked) and a conversation can be opened in a new tab.
 */
export interface Route {
  conversationId: string | null;
}

const PREFIX = '#/conversations/';

export function parseRoute(hash: string): Route {
  if (!hash.startsWith(PREFIX)) return { conversationId: null };
  try {
    const id = decodeURIComponent(hash.slice(PREFIX.length));
    return { conversationId: id.length > 0 ? id : null };
  } catch {
    return { conversationId: null };
  }
}

export function conversationHref(conversationId: string): string {
  return PREFIX + encodeURIComponent(conversationId);
}

export const inboxHref = '#/';
