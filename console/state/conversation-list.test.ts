import { describe, expect, it } from 'vitest';
import { applyMessageCreated, applyOwnMessage, applySeen, totalUnread, upsertConversation } from './conversation-list.ts';
import { aMessage, aSummary } from './fixtures.test-helpers.ts';

describe('applyMessageCreated', () => {
  it('moves the conversation with the new message to the top with its new summary', () => {
    const list = [aSummary('a', { updatedAt: '2026-03-12T10:00:00.000Z' }), aSummary('b', { updatedAt: '2026-03-12T09:00:00.000Z' })];
    const conversation = aSummary('b', {
      lastSeq: 2,
      unreadCount: 2,
      lastMessage: { author: 'visitor', body: 'anyone there?', createdAt: '2026-03-12T11:00:00.000Z' },
      updatedAt: '2026-03-12T11:00:00.000Z',
    });
    const next = applyMessageCreated(list, { message: aMessage(2, { conversationId: 'b' }), conversation });
    expect(next.map((c) => c.id)).toEqual(['b', 'a']);
    expect(next[0]).toEqual(conversation);
  });

  it('adds a conversation it did not know yet', () => {
    const next = applyMessageCreated([aSummary('a')], {
      message: aMessage(1, { conversationId: 'new' }),
      conversation: aSummary('new', { updatedAt: '2026-03-12T12:00:00.000Z' }),
    });
    expect(next.map((c) => c.id)).toEqual(['new', 'a']);
  });
});

describe('upsertConversation', () => {
  it('keeps the newer summary when an older one arrives late, but never moves seen positions back', () => {
    const newer = aSummary('a', { lastSeq: 5, unreadCount: 2, operatorSeenSeq: 3 });
    const older = aSummary('a', { lastSeq: 4, unreadCount: 1, operatorSeenSeq: 3, visitorSeenSeq: 4 });
    const [merged] = upsertConversation([newer], older);
    expect(merged).toMatchObject({ lastSeq: 5, unreadCount: 2, visitorSeenSeq: 4, operatorSeenSeq: 3 });
  });

  it('clears the unread count when operators have seen the last message', () => {
    const current = aSummary('a', { lastSeq: 5, unreadCount: 0, operatorSeenSeq: 5 });
    const stale = aSummary('a', { lastSeq: 5, unreadCount: 2, operatorSeenSeq: 3 });
    expect(upsertConversation([current], stale)[0]).toMatchObject({ operatorSeenSeq: 5, unreadCount: 0 });
  });
});

describe('applySeen', () => {
  const list = [aSummary('a', { lastSeq: 4, unreadCount: 2, operatorSeenSeq: 2, visitorSeenSeq: 1 })];

  it('clears the unread count when an operator has seen up to the last message', () => {
    const next = applySeen(list, { conversationId: 'a', by: 'operator', upToSeq: 4 });
    expect(next[0]).toMatchObject({ operatorSeenSeq: 4, unreadCount: 0 });
  });

  it('recounts unread messages from the thread when seen only part of the way', () => {
    const thread = [aMessage(1), aMessage(2), aMessage(3), aMessage(4)];
    const next = applySeen(list, { conversationId: 'a', by: 'operator', upToSeq: 3 }, thread);
    expect(next[0]).toMatchObject({ operatorSeenSeq: 3, unreadCount: 1 });
  });

  it('records what the visitor has seen without touching the unread count', () => {
    const next = applySeen(list, { conversationId: 'a', by: 'visitor', upToSeq: 4 });
    expect(next[0]).toMatchObject({ visitorSeenSeq: 4, unreadCount: 2 });
  });

  it('ignores a seen position older than the one known, and unknown conversations', () => {
    expect(applySeen(list, { conversationId: 'a', by: 'visitor', upToSeq: 0 })).toBe(list);
    expect(applySeen(list, { conversationId: 'zzz', by: 'operator', upToSeq: 9 })).toBe(list);
  });
});

describe('totalUnread', () => {
  it('adds the unread counts of all conversations', () => {
    expect(totalUnread([aSummary('a', { unreadCount: 2 }), aSummary('b', { unreadCount: 0 }), aSummary('c', { unreadCount: 3 })])).toBe(5);
  });
});

describe('applyOwnMessage', () => {
  it('shows our acknowledged reply as the last message and moves the conversation to the top', () => {
    const list = [aSummary('a', { updatedAt: '2026-03-12T10:00:00.000Z' }), aSummary('b', { lastSeq: 3, updatedAt: '2026-03-12T09:00:00.000Z' })];
    const reply = aMessage(4, { conversationId: 'b', author: 'operator', body: 'On it!', createdAt: '2026-03-12T11:00:00.000Z' });
    const next = applyOwnMessage(list, reply);
    expect(next.map((c) => c.id)).toEqual(['b', 'a']);
    expect(next[0]).toMatchObject({ lastSeq: 4, lastMessage: { author: 'operator', body: 'On it!' }, updatedAt: '2026-03-12T11:00:00.000Z' });
  });

  it('moves lastOperatorMessageAt and keeps the promises, as the server does, so the inbox regroups it at once', () => {
    const list = [
      aSummary('b', {
        lastSeq: 3,
        lastVisitorMessageAt: '2026-03-12T10:00:00.000Z',
        lastOperatorMessageAt: null,
        replyBy: '2026-03-12T10:05:00.000Z',
        updateBy: { at: '2026-03-12T12:00:00.000Z', operatorId: 'op1', operatorName: 'Jana', note: null, setAt: '2026-03-12T10:00:30.000Z' },
      }),
    ];
    const reply = aMessage(4, { conversationId: 'b', author: 'operator', body: 'On it!', createdAt: '2026-03-12T10:01:00.000Z' });
    expect(applyOwnMessage(list, reply)[0]).toMatchObject({ lastOperatorMessageAt: '2026-03-12T10:01:00.000Z', replyBy: null, updateBy: null });
  });

  it('leaves the list alone when a newer summary already covers the message', () => {
    const list = [aSummary('b', { lastSeq: 5 })];
    expect(applyOwnMessage(list, aMessage(4, { conversationId: 'b' }))).toBe(list);
  });
});
