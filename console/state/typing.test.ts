import { describe, expect, it } from 'vitest';
import { applyTyping, clearTypist, nextExpiry, pruneTyping } from './typing.ts';

const visitorTyping = { conversationId: 'c1', by: 'visitor' as const, operatorId: null, name: 'Brave Otter', isTyping: true };

describe('typing indicators', () => {
  it('shows a typist until the timeout, then prunes it', () => {
    const state = applyTyping({}, visitorTyping, 1_000, 6_000, 'me');
    expect(state.c1).toHaveLength(1);
    expect(nextExpiry(state)).toBe(7_000);
    expect(pruneTyping(state, 6_999)).toBe(state);
    expect(pruneTyping(state, 7_000).c1 ?? []).toHaveLength(0);
  });

  it('removes a typist who stopped, and one whose message arrived', () => {
    const state = applyTyping({}, visitorTyping, 0, 6_000, 'me');
    expect(applyTyping(state, { ...visitorTyping, isTyping: false }, 1, 6_000, 'me').c1).toEqual([]);
    expect(clearTypist(state, 'c1', 'visitor').c1).toEqual([]);
  });

  it('ignores the signed-in operator typing in another tab, but shows colleagues', () => {
    const self = { conversationId: 'c1', by: 'operator' as const, operatorId: 'me', name: 'Me', isTyping: true };
    expect(applyTyping({}, self, 0, 6_000, 'me')).toEqual({});
    const colleague = applyTyping({}, { ...self, operatorId: 'o2', name: 'Jana' }, 0, 6_000, 'me');
    expect(colleague.c1?.[0]).toMatchObject({ by: 'operator', name: 'Jana' });
  });
});
