import { effect } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Message, VisitorConversation } from '../../shared/protocol/schemas.ts';
import { createChatState } from './chat.ts';
import { buildTimeline } from './timeline.ts';

const message = (seq: number, author: 'visitor' | 'operator' = 'visitor', clientId = `client-${seq}-xyz`): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId,
  author,
  operatorId: author === 'operator' ? 'op1' : null,
  authorName: author === 'operator' ? 'Anna' : null,
  body: `body ${seq}`,
  createdAt: '2025-05-01T10:00:00.000Z',
});

const conversation = (fields: Partial<VisitorConversation> = {}): VisitorConversation => ({
  id: 'c1',
  lastSeq: 3,
  visitorSeenSeq: 0,
  operatorSeenSeq: 0,
  status: 'open',
  updateBy: null,
  rating: null,
  ...fields,
});

describe('chat state', () => {
  it('has already advanced syncedSeq when effects react to a new message (regression: answer never marked seen)', () => {
    const chat = createChatState();
    chat.merge([message(1)]);
    const seenByEffect: number[] = [];
    const stop = effect(() => {
      if (chat.unread.value > 0) seenByEffect.push(chat.syncedSeq());
    });
    chat.merge([message(2, 'operator')]);
    stop();
    expect(seenByEffect).toEqual([2]);
  });
  it('holds each message once, in seq order, however it arrives', () => {
    const chat = createChatState();
    chat.merge([message(2), message(1)]);
    expect(chat.merge([message(1), message(3)]).map((m) => m.seq)).toEqual([3]);
    expect(chat.messages.value.map((m) => m.seq)).toEqual([1, 2, 3]);
  });
  it('syncs from the end of the gap-free prefix, not from a message that arrived across a gap', () => {
    const chat = createChatState();
    chat.merge([message(1), message(2), message(5)]);
    expect(chat.syncedSeq()).toBe(2);
    expect(chat.lastSeq()).toBe(5);
    chat.merge([message(3), message(4)]);
    expect(chat.syncedSeq()).toBe(5);
  });
  it('counts team messages above the visitor’s seen mark as unread', () => {
    const chat = createChatState();
    chat.merge([message(1), message(2, 'operator'), message(3, 'operator')]);
    expect(chat.unread.value).toBe(2);
    chat.markSeen('visitor', 2);
    expect(chat.unread.value).toBe(1);
  });
  it('never moves a seen mark backwards when an older sync answer arrives', () => {
    const chat = createChatState();
    chat.setConversation(conversation({ visitorSeenSeq: 0, operatorSeenSeq: 3 }));
    chat.setConversation(conversation({ visitorSeenSeq: 1, operatorSeenSeq: 1 }));
    expect(chat.conversation.value).toMatchObject({ id: 'c1', visitorSeenSeq: 1, operatorSeenSeq: 3 });
  });
});

describe('the state of the conversation', () => {
  const promise = { at: '2025-05-10T10:00:00.000Z', operatorName: 'Jana', note: 'Asking our supplier.' };

  it('takes status, "update by" promise and rating from the server', () => {
    const chat = createChatState();
    chat.setConversation(conversation({ status: 'resolved', updateBy: promise, rating: 'good' }));
    expect(chat.conversation.value).toMatchObject({ status: 'resolved', updateBy: promise, rating: 'good' });
  });
  it('follows each later word from the server, including a promise withdrawn', () => {
    const chat = createChatState();
    chat.setConversation(conversation({ updateBy: promise }));
    chat.setConversation(conversation({ updateBy: null }));
    expect(chat.conversation.value).toMatchObject({ status: 'open', updateBy: null, rating: null });
  });
  it('reads a conversation from a server without the new fields as open, without promise or rating', () => {
    const chat = createChatState();
    const old = { id: 'c1', lastSeq: 3, visitorSeenSeq: 0, operatorSeenSeq: 0 } as unknown as VisitorConversation;
    chat.setConversation(old);
    expect(chat.conversation.value).toEqual({ id: 'c1', visitorSeenSeq: 0, operatorSeenSeq: 0, status: 'open', updateBy: null, rating: null });
  });
  it('ignores a malformed promise or rating instead of showing it', () => {
    const chat = createChatState();
    const broken = { status: 'closed', updateBy: { at: 'tomorrow', operatorName: 'Jana', note: null }, rating: 'meh' };
    chat.setConversation(conversation(broken as unknown as Partial<VisitorConversation>));
    expect(chat.conversation.value).toMatchObject({ status: 'open', updateBy: null, rating: null });
  });
  it('starts a conversation first seen through a message as open', () => {
    const chat = createChatState();
    chat.merge([message(1)]);
    expect(chat.conversation.value).toMatchObject({ id: 'c1', status: 'open', updateBy: null, rating: null });
  });
  it('reopens a resolved conversation when the visitor writes again, forgetting the rating of that resolve', () => {
    const chat = createChatState();
    chat.setConversation(conversation({ status: 'resolved', rating: 'bad', updateBy: promise }));
    chat.reopen();
    expect(chat.conversation.value).toMatchObject({ status: 'open', rating: null, updateBy: promise });
  });
});

describe('buildTimeline', () => {
  const pending = (clientId: string) => ({ clientId, body: 'pending', createdAt: '2025-05-01T10:00:00.000Z' });

  it('shows an outbox entry the server already stored only once, as stored', () => {
    const items = buildTimeline([message(1, 'visitor', 'abcdefgh-1')], [pending('abcdefgh-1')], [], 0);
    expect(items.map((i) => i.kind)).toEqual(['stored']);
  });
  it('puts pending messages after the stored ones, as "sending", in outbox order', () => {
    const items = buildTimeline([message(1)], [pending('abcdefgh-2'), pending('abcdefgh-3')], [], 0);
    expect(items.map((i) => [i.kind, i.status])).toEqual([
      ['stored', 'sent'],
      ['pending', 'sending'],
      ['pending', 'sending'],
    ]);
  });
  it('marks only the visitor’s last stored message, "seen" once the team saw it', () => {
    const messages = [message(1), message(2), message(3, 'operator')];
    expect(buildTimeline(messages, [], [], 1).map((i) => i.status)).toEqual([null, 'sent', null]);
    expect(buildTimeline(messages, [], [], 2).map((i) => i.status)).toEqual([null, 'seen', null]);
  });
  it('shows a refused message with its code', () => {
    const [item] = buildTimeline([], [], [{ entry: pending('abcdefgh-9'), code: 'message_too_long' }], 0);
    expect(item).toMatchObject({ kind: 'refused', code: 'message_too_long' });
  });
});
