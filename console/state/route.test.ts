import { describe, expect, it } from 'vitest';
import { conversationHref, parseRoute } from './route.ts';

describe('route', () => {
  it('reads the open conversation back from the link that opens it', () => {
    expect(parseRoute(conversationHref('a/b c'))).toEqual({ conversationId: 'a/b c' });
  });

  it('opens nothing for the inbox, unknown hashes and malformed escapes', () => {
    expect(parseRoute('')).toEqual({ conversationId: null });
    expect(parseRoute('#/')).toEqual({ conversationId: null });
    expect(parseRoute('#/conversations/')).toEqual({ conversationId: null });
    expect(parseRoute('#/conversations/%E0%A4%A')).toEqual({ conversationId: null });
  });
});
