import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorServerEvents } from '../../shared/index.ts';
import type { AckedEvent, ClientResult, OperatorSocket, SocketStatus } from '../transport/index.ts';
import { aMessage, aSummary } from './fixtures.test-helpers.ts';
import { createInbox } from './inbox.ts';

type Handler = (payload: never) => unknown;

/** A scripted operator socket: each request is answered by `answer(event, payload)`. */
function fakeSocket(answer: (event: AckedEvent, payload: Record<string, unknown>) => ClientResult<unknown> | Promise<ClientResult<unknown>>) {
  const requests: Array<{ event: AckedEvent; payload: Record<string, unknown> }> = [];
  const handlers = new Map<string, Handler>();
  let status: ((s: SocketStatus) => void) | null = null;
  const socket: OperatorSocket = {
    request: (async (event: AckedEvent, payload: Record<string, unknown>) => {
      requests.push({ event, payload });
      return answer(event, payload);
    }) as OperatorSocket['request'],
    sendTyping: () => {},
    on: (event, handler) => {
      handlers.set(event, handler as Handler);
      return () => handlers.delete(event);
    },
    onStatus: (handler) => {
      status = handler;
      return () => (status = null);
    },
    close: () => {},
  };
  return {
    socket,
    requests,
    setStatus: (s: SocketStatus) => status?.(s),
    emit: <K extends keyof OperatorServerEvents>(event: K, payload: Parameters<OperatorServerEvents[K]>[0]) =>
      (handlers.get(event) as ((p: typeof payload) => void) | undefined)?.(payload),
  };
}

function setup(answer: Parameters<typeof fakeSocket>[0], openId: string | null = 'c1') {
  const fake = fakeSocket(answer);
  let ids = 0;
  const inbox = createInbox({
    socket: fake.socket,
    operatorId: 'o1',
    openConversationId: signal(openId),
    isPageVisible: signal(true),
    newClientId: () => `client-${++ids}-abcdef`,
    now: () => Date.parse('2026-03-12T10:00:00Z'),
    onUnauthorized: () => {},
  });
  return { ...fake, inbox };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('createInbox', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('on reconnect resyncs the open conversation from the last seq it holds', async () => {
    const { inbox, requests, setStatus } = setup((event, payload) => {
      if (event === 'conversation:list') return { ok: true, data: { conversations: [aSummary('c1', { lastSeq: 2 })] } };
      if (event === 'conversation:sync') {
        const messages = payload.afterSeq === 0 ? [aMessage(1), aMessage(2)] : [aMessage(3)];
        return { ok: true, data: { conversation: aSummary('c1', { lastSeq: 3 }), messages, hasMore: false } };
      }
      return { ok: true, data: { upToSeq: 3 } };
    });
    setStatus({ kind: 'connected' });
    await flush();
    setStatus({ kind: 'disconnected' });
    expect(inbox.connection.value).toBe('reconnecting');
    setStatus({ kind: 'connected' });
    await flush();
    const syncs = requests.filter((r) => r.event === 'conversation:sync').map((r) => r.payload.afterSeq);
    expect(syncs).toEqual([0, 2]);
    expect(inbox.openEntries.value.map((e) => (e.kind === 'message' ? e.message.seq : null))).toEqual([1, 2, 3]);
    inbox.dispose();
  });

  it('retries a timed-out message with the same clientId and shows it as sending until acknowledged', async () => {
    let attempts = 0;
    const { inbox, requests, setStatus } = setup((event, payload) => {
      if (event === 'message:send') {
        attempts += 1;
        if (attempts === 1) return { ok: false, error: { code: 'timeout', message: 'late' } };
        const message = aMessage(1, { author: 'operator', operatorId: 'o1', clientId: payload.clientId as string, body: 'Hello' });
        return { ok: true, data: { message } };
      }
      if (event === 'conversation:list') return { ok: true, data: { conversations: [] } };
      return { ok: true, data: { conversation: aSummary('c1', { lastSeq: 0 }), messages: [], hasMore: false } };
    });
    setStatus({ kind: 'connected' });
    await flush();
    expect(inbox.sendMessage('c1', 'Hello')).toBe(true);
    await flush();
    expect(inbox.openEntries.value).toMatchObject([{ kind: 'pending', pending: { status: 'sending', body: 'Hello' } }]);
    await vi.advanceTimersByTimeAsync(2_000);
    const sends = requests.filter((r) => r.event === 'message:send').map((r) => r.payload.clientId);
    expect(sends).toEqual(['client-1-abcdef', 'client-1-abcdef']);
    expect(inbox.openEntries.value).toMatchObject([{ kind: 'message', message: { body: 'Hello', seq: 1 } }]);
    inbox.dispose();
  });

  it('marks a refused message as not sent, with the server sentence, until the operator retries', async () => {
    const { inbox, setStatus } = setup((event) => {
      if (event === 'message:send') return { ok: false, error: { code: 'conversation_not_found', message: 'This conversation was not found.' } };
      if (event === 'conversation:list') return { ok: true, data: { conversations: [] } };
      return { ok: true, data: { conversation: aSummary('c1', { lastSeq: 0 }), messages: [], hasMore: false } };
    });
    setStatus({ kind: 'connected' });
    await flush();
    inbox.sendMessage('c1', 'Hello');
    await flush();
    expect(inbox.openEntries.value).toMatchObject([{ kind: 'pending', pending: { status: 'failed', error: 'This conversation was not found.' } }]);
  });

  it('puts a broadcast message into the open thread once, and clears the visitor typing indicator', async () => {
    const { inbox, setStatus, emit } = setup((event) => {
      if (event === 'conversation:list') return { ok: true, data: { conversations: [aSummary('c1')] } };
      if (event === 'conversation:sync') return { ok: true, data: { conversation: aSummary('c1'), messages: [aMessage(1)], hasMore: false } };
      return { ok: true, data: { upToSeq: 2 } };
    });
    setStatus({ kind: 'connected' });
    await flush();
    emit('typing:updated', { conversationId: 'c1', by: 'visitor', operatorId: null, name: 'Brave Otter', isTyping: true });
    expect(inbox.openTypists.value).toHaveLength(1);
    const created = { message: aMessage(2), conversation: aSummary('c1', { lastSeq: 2, unreadCount: 1 }) };
    emit('message:created', created);
    emit('message:created', created);
    expect(inbox.openEntries.value).toHaveLength(2);
    expect(inbox.openTypists.value).toHaveLength(0);
  });

  it('sends the operator back to sign-in when the server refuses the session', () => {
    const onUnauthorized = vi.fn();
    const fake = fakeSocket(() => ({ ok: true, data: null }));
    createInbox({
      socket: fake.socket,
      operatorId: 'o1',
      openConversationId: signal(null),
      isPageVisible: signal(true),
      newClientId: () => 'x-12345678',
      now: () => 0,
      onUnauthorized,
    });
    fake.setStatus({ kind: 'rejected', code: 'unauthorized' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });
});
