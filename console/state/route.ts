/**
 * The console's location lives in the URL hash, so the browser's Back button returns from a conversation to
 * the list (on a phone they are stacked) and a conversation can be opened in a new tab.
 */
export interface Route {
  /** The inbox (with a conversation open or not), or one of the site screens. */
  screen: 'inbox' | SiteScreenName;
  conversationId: string | null;
}

/** The screens about one site, each at its own fixed hash. */
export type SiteScreenName = 'team' | 'replies' | 'settings' | 'schedule' | 'embed' | 'mail';

const PREFIX = '#/conversations/';

export function parseRoute(hash: string): Route {
  const siteScreen = SITE_SCREENS.find(([, href]) => href === hash);
  if (siteScreen) return { screen: siteScreen[0], conversationId: null };
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
export const settingsHref = '#/settings';
export const scheduleHref = '#/schedule';
export const embedHref = '#/embed';
export const sentMailHref = '#/mail';

const SITE_SCREENS: [SiteScreenName, string][] = [
  ['team', teamHref],
  ['replies', savedRepliesHref],
  ['settings', settingsHref],
  ['schedule', scheduleHref],
  ['embed', embedHref],
  ['mail', sentMailHref],
];
