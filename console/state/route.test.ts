import { describe, expect, it } from 'vitest';
import { conversationHref, embedHref, parseRoute, savedRepliesHref, scheduleHref, sentMailHref, settingsHref, teamHref } from './route.ts';

describe('route', () => {
  it('reads the open conversation back from the link that opens it', () => {
    expect(parseRoute(conversationHref('a/b c'))).toEqual({ screen: 'inbox', conversationId: 'a/b c' });
  });

  it('opens nothing for the inbox, unknown hashes and malformed escapes', () => {
    expect(parseRoute('')).toEqual({ screen: 'inbox', conversationId: null });
    expect(parseRoute('#/')).toEqual({ screen: 'inbox', conversationId: null });
    expect(parseRoute('#/conversations/')).toEqual({ screen: 'inbox', conversationId: null });
    expect(parseRoute('#/conversations/%E0%A4%A')).toEqual({ screen: 'inbox', conversationId: null });
  });

  it('reads the team and saved-replies screens from their links', () => {
    expect(parseRoute(teamHref)).toEqual({ screen: 'team', conversationId: null });
    expect(parseRoute(savedRepliesHref)).toEqual({ screen: 'replies', conversationId: null });
    expect(parseRoute(settingsHref)).toEqual({ screen: 'settings', conversationId: null });
    expect(parseRoute(scheduleHref)).toEqual({ screen: 'schedule', conversationId: null });
    expect(parseRoute(embedHref)).toEqual({ screen: 'embed', conversationId: null });
    expect(parseRoute(sentMailHref)).toEqual({ screen: 'mail', conversationId: null });
  });
});
