import { describe, expect, it } from 'vitest';
import type { VisitorSyncResult } from '../../shared/protocol/events.ts';
import type { Message, VisitorConversation } from '../../shared/protocol/schemas.ts';
import type { Result } from '../../shared/protocol/result.ts';
import { createChatState, createMemoryStorage, createOutbox, createTokenStore } from '../state/index.ts';
import { syncConversation } from './sync.ts';

const message = (seq: number, author: 'visitor' | 'operator' = 'operator'): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: `client-${String(seq).padStart(4, '0')}`,
  author,
  operatorId: null,
  authorName: author === 'operator' ? 'Anna' : null,
  body: `body ${seq}`,
  createdAt: '2025-05-01T10:00:00.000Z',
});
const conversation: VisitorConversation = {
  id: 'c1',
  lastSeq: 3,
  visitorSeenSeq: 0,
  operatorSeenSeq: 0,
  status: 'open',
  updateBy: null,
  rating: null,
};

function setup(pages: Array<Partial<VisitorSyncResult>>) {
  const storage = createMemoryStorage();
  const chat = createChatState();
  const tokens = createTokenStore(storage, 'demo');
  const outbox = createOutbox(storage, 'porchlight:demo:outbox');
  const asked: number[] = [];
  const requests = {
    async sync(afterSeq: number): Promise<Result<VisitorSyncResult>> {
      asked.push(afterSeq);
      const page = pages.shift();
      if (!page) return { ok: false, error: { code: 'internal', message: 'no more pages' } };
      return { ok: true, data: { visitorId: 'v1', token: null, conversation, messages: [], hasMore: false, ...page } };
    },
  };
  return { chat, tokens, outbox, asked, run: () => syncConversation({ requests, chat, tokens, outbox }) };
}

describe('syncConversation', () => {
  it('asks from the last seq it holds, page after page while the server has more', async () => {
    const t = setup([
      { messages: [message(1), message(2)], hasMore: true },
      { messages: [message(3)], hasMore: false },
    ]);
    const outcome = await t.run();
    expect(t.asked).toEqual([0, 2]);
    expect(outcome).toMatchObject({ ok: true });
    expect(t.chat.messages.value.map((m) => m.seq)).toEqual([1, 2, 3]);
    await t.run().catch(() => undefined);
    expect(t.asked.at(-1)).toBe(3);
  });

  it('stores a token only when the server issues one', async () => {
    const t = setup([{ token: 'tok_0123456789abcdefghijklmnop' }, { token: null }]);
    await t.run();
    await t.run();
    expect(t.tokens.read()).toBe('tok_0123456789abcdefghijklmnop');
  });

  it('removes from the outbox what the server already stored (an ack lost with the connection)', async () => {
    const t = setup([{ messages: [message(1, 'visitor')] }]);
    t.outbox.add({ clientId: 'client-0001', body: 'body 1', createdAt: '2025-05-01T10:00:00.000Z' });
    t.outbox.add({ clientId: 'client-0777', body: 'not yet sent', createdAt: '2025-05-01T10:00:00.000Z' });
    await t.run();
    expect(t.outbox.entries.value.map((e) => e.clientId)).toEqual(['client-0777']);
  });

  it('drops malformed messages instead of failing', async () => {
    const t = setup([{ messages: [message(1), { seq: 'two' } as unknown as Message] }]);
    await t.run();
    expect(t.chat.messages.value.map((m) => m.seq)).toEqual([1]);
  });

  it('stops rather than loop when a page moves it nowhere', async () => {
    const t = setup([{ messages: [], hasMore: true }, { messages: [], hasMore: true }]);
    await t.run();
    expect(t.asked).toEqual([0]);
  });

  it('takes the conversation’s status, "update by" promise and rating from the answer', async () => {
    const updateBy = { at: '2025-05-10T10:00:00.000Z', operatorName: 'Jana', note: null };
    const t = setup([{ conversation: { ...conversation, status: 'resolved', updateBy, rating: 'bad' } }]);
    await t.run();
    expect(t.chat.conversation.value).toMatchObject({ status: 'resolved', updateBy, rating: 'bad' });
  });

  it('returns the refusal code', async () => {
    const t = setup([]);
    expect(await t.run()).toEqual({ ok: false, code: 'internal' });
  });
});
