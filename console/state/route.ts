/**
 * The console's location lives in the URL hash, so the browser's Back button returns from a conversation to
 * the list (on a phone they are stacked) and a conversation can be opened in a new tab.
 */
export interface Route {
  /** The inbox (with a conversation open or not), the team, or the saved replies. */
  screen: 'inbox' | 'team' | 'replies';
  conversationId: string | null;
}

const PREFIX = '#/conversations/';

export function parseRoute(hash: string): Route {
  if (hash === teamHref) return { screen: 'team', conversationId: null };
  if (hash === savedRepliesHref) return { screen: 'replies', conversationId: null };
  if (!hash.startsWith(PREFIX)) return { screen: 'inbox', conversationId: null };
  try {
    const id = decodeURIComponent(hash.slice(PREFIX.length));
    return { screen: 'inbox', conversationId: id.length > 0 ? id : null };
  } catch {
    return { screen: 'inbox', conversationId: null };
  }
}

export function conversationHref(conversationId: string): string {
  return PREFIX + encodeURIComponent(conversationId);
}

export const inboxHref = '#/';
export const teamHref = '#/team';
export const savedRepliesHref = '#/replies';
