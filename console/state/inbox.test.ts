import { signal } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorServerEvents } from '../../shared/index.ts';
import type { AckedEvent, ClientResult, OperatorSocket, SocketStatus } from '../transport/index.ts';
import { aMessage, aSummary } from './fixtures.test-helpers.ts';
import { createInbox } from './inbox.ts';
import { createOutbox, outboxKey } from './outbox.ts';
import { createMemoryStorage } from '../../shared/browser/safe-storage.ts';

type Handler = (payload: never) => unknown;

/** A scripted operator socket: each request is answered by `answer(event, payload)`. */
function fakeSocket(answer: (event: AckedEvent, payload: Record<string, unknown>) => ClientResult<unknown> | Promise<ClientResult<unknown>>) {
  const requests: Array<{ event: AckedEvent; payload: Record<string, unknown> }> = [];
  const handlers = new Map<string, Handler>();
  let status: ((s: SocketStatus) => void) | null = null;
  const socket: OperatorSocket = {
    request: (async (event: AckedEvent, payload: Record<string, unknown>) => {
      requests.push({ event, payload });
      const result = await answer(event, payload);
      // Tests that do not script the context panel get an error for it, as from a server that lost the row.
      if (event === 'conversation:details' && !(result.ok && typeof result.data === 'object' && result.data !== null && 'visitor' in result.data)) {
        return { ok: false, error: { code: 'not_found', message: 'Not scripted in this test.' } };
      }
      return result;
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

function setup(answer: Parameters<typeof fakeSocket>[0], openId: string | null = 'c1', storage: Storage = createMemoryStorage()) {
  const fake = fakeSocket(answer);
  let ids = 0;
  const inbox = createInbox({
    socket: fake.socket,
    operatorId: 'o1',
    openConversationId: signal(openId),
    isPageVisible: signal(true),
    storage,
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
    storage: createMemoryStorage(),
      newClientId: () => 'x-12345678',
      now: () => 0,
      onUnauthorized,
    });
    fake.setStatus({ kind: 'rejected', code: 'unauthorized' });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  describe('the stored outbox', () => {
    /** A server that stores each sent reply (once per clientId) and answers everything else plainly. */
    function storingServer(conversationIds: string[] = ['c1', 'c2']) {
      const stored = new Map<string, ReturnType<typeof aMessage>>();
      return (event: AckedEvent, payload: Record<string, unknown>): ClientResult<unknown> => {
        if (event === 'message:send') {
          const clientId = payload.clientId as string;
          const message =
            stored.get(clientId) ??
            aMessage(10 + stored.size, {
              conversationId: payload.conversationId as string,
              author: 'operator',
              operatorId: 'o1',
              clientId,
              body: payload.body as string,
            });
          stored.set(clientId, message);
          return { ok: true, data: { message } };
        }
        if (event === 'conversation:list') return { ok: true, data: { conversations: conversationIds.map((id) => aSummary(id)) } };
        if (event === 'conversation:sync') {
          return { ok: true, data: { conversation: aSummary(payload.conversationId as string), messages: [], hasMore: false } };
        }
        return { ok: true, data: { upToSeq: 0 } };
      };
    }
    const stored = (n: number, conversationId: string) => ({
      conversationId,
      clientId: `stored-${n}-abcdef`,
      body: `written before the reload ${n}`,
      createdAt: '2026-03-12T09:59:00.000Z',
    });

    it('keeps a reply written while offline in storage before trying to send it, and sends it on connect', async () => {
      const storage = createMemoryStorage();
      const { inbox, requests, setStatus } = setup(storingServer(), 'c1', storage);
      expect(inbox.sendMessage('c1', 'Written offline')).toBe(true);
      expect(createOutbox(storage, outboxKey('o1')).entries.value).toMatchObject([{ conversationId: 'c1', body: 'Written offline' }]);
      expect(inbox.openEntries.value).toMatchObject([{ kind: 'pending', pending: { status: 'sending', body: 'Written offline' } }]);
      expect(inbox.sendingPreviews.value.get('c1')).toBe('Written offline');
      expect(inbox.unsentCount.value).toBe(1);
      setStatus({ kind: 'connected' });
      await flush();
      expect(requests.filter((r) => r.event === 'message:send')).toHaveLength(1);
      expect(storage.getItem(outboxKey('o1'))).toBeNull();
      expect(inbox.openEntries.value).toMatchObject([{ kind: 'message', message: { body: 'Written offline' } }]);
      expect(inbox.unsentCount.value).toBe(0);
      inbox.dispose();
    });

    it('after a reload, delivers the stored replies of every conversation, in order, one at a time per conversation', async () => {
      const storage = createMemoryStorage();
      const before = createOutbox(storage, outboxKey('o1'));
      [stored(1, 'c1'), stored(2, 'c2'), stored(3, 'c1')].forEach((entry) => before.add(entry));
      let inFlight = 0;
      let mostInFlightInC1 = 0;
      const server = storingServer();
      const { inbox, requests, setStatus } = setup(
        async (event, payload) => {
          if (event !== 'message:send' || payload.conversationId !== 'c1') return server(event, payload);
          inFlight += 1;
          mostInFlightInC1 = Math.max(mostInFlightInC1, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 100));
          inFlight -= 1;
          return server(event, payload);
        },
        null,
        storage,
      );
      expect(inbox.sendingPreviews.value.get('c2')).toBe('written before the reload 2');
      setStatus({ kind: 'connected' });
      await vi.advanceTimersByTimeAsync(500);
      const sends = requests.filter((r) => r.event === 'message:send').map((r) => r.payload.clientId);
      expect(sends).toEqual(['stored-1-abcdef', 'stored-2-abcdef', 'stored-3-abcdef']);
      expect(mostInFlightInC1).toBe(1);
      expect(storage.getItem(outboxKey('o1'))).toBeNull();
      expect(inbox.conversations.value.find((c) => c.id === 'c2')?.lastMessage).toMatchObject({ author: 'operator' });
      inbox.dispose();
    });

    it('shows a stored reply as sending in its thread when that conversation is opened', () => {
      const storage = createMemoryStorage();
      createOutbox(storage, outboxKey('o1')).add(stored(1, 'c2'));
      const { inbox } = setup(storingServer(), 'c2', storage);
      expect(inbox.openEntries.value).toMatchObject([{ kind: 'pending', pending: { status: 'sending', body: 'written before the reload 1' } }]);
      inbox.dispose();
    });

    it('ends the wait for a reply when another tab’s copy of it is broadcast', async () => {
      const storage = createMemoryStorage();
      const { inbox, emit } = setup(storingServer(), 'c1', storage);
      inbox.sendMessage('c1', 'Sent by both tabs');
      const clientId = createOutbox(storage, outboxKey('o1')).entries.value[0]!.clientId;
      emit('message:created', {
        message: aMessage(2, { author: 'operator', operatorId: 'o1', clientId, body: 'Sent by both tabs' }),
        conversation: aSummary('c1', { lastSeq: 2 }),
      });
      expect(storage.getItem(outboxKey('o1'))).toBeNull();
      expect(inbox.openEntries.value).toMatchObject([{ kind: 'message', message: { body: 'Sent by both tabs' } }]);
      inbox.dispose();
    });

    it('picks up a reply another tab stored, and forgets one another tab delivered', async () => {
      const storage = createMemoryStorage();
      const { inbox, requests, setStatus } = setup(storingServer(), 'c1', storage);
      setStatus({ kind: 'connected' });
      await flush();
      const otherTab = createOutbox(storage, outboxKey('o1'));
      otherTab.add(stored(1, 'c2'));
      inbox.refreshOutbox();
      expect(inbox.sendingPreviews.value.get('c2')).toBe('written before the reload 1');
      await flush();
      expect(requests.filter((r) => r.event === 'message:send').map((r) => r.payload.clientId)).toEqual(['stored-1-abcdef']);
      inbox.dispose();

      const offline = setup(storingServer(), 'c1', storage);
      otherTab.add(stored(2, 'c1'));
      offline.inbox.refreshOutbox();
      expect(offline.inbox.unsentCount.value).toBe(1);
      otherTab.remove(stored(2, 'c1').clientId);
      offline.inbox.refreshOutbox();
      expect(offline.inbox.unsentCount.value).toBe(0);
      offline.inbox.dispose();
    });

    it('takes a refused reply out of storage, shows the reason, and stores it again on Retry', async () => {
      const storage = createMemoryStorage();
      let refuse = true;
      const server = storingServer();
      const { inbox, setStatus } = setup(
        (event, payload) =>
          event === 'message:send' && refuse
            ? { ok: false, error: { code: 'message_too_long', message: 'A message can be at most 4,000 characters long.' } }
            : server(event, payload),
        'c1',
        storage,
      );
      setStatus({ kind: 'connected' });
      await flush();
      inbox.sendMessage('c1', 'Hello');
      await flush();
      expect(storage.getItem(outboxKey('o1'))).toBeNull();
      expect(inbox.openEntries.value).toMatchObject([
        { kind: 'pending', pending: { status: 'failed', error: 'A message can be at most 4,000 characters long.' } },
      ]);
      expect(inbox.unsentCount.value).toBe(1);
      refuse = false;
      inbox.retryMessage('client-1-abcdef');
      await flush();
      expect(inbox.openEntries.value).toMatchObject([{ kind: 'message', message: { body: 'Hello', clientId: 'client-1-abcdef' } }]);
      expect(inbox.unsentCount.value).toBe(0);
      inbox.dispose();
    });

    it('forgets every unsent reply on clearOutbox (signing out)', () => {
      const storage = createMemoryStorage();
      createOutbox(storage, outboxKey('o1')).add(stored(1, 'c1'));
      const { inbox } = setup(storingServer(), 'c1', storage);
      expect(inbox.unsentCount.value).toBe(1);
      inbox.clearOutbox();
      expect(inbox.unsentCount.value).toBe(0);
      expect(storage.getItem(outboxKey('o1'))).toBeNull();
      inbox.dispose();
    });

    it('keeps working from memory when storage refuses writes', async () => {
      const full = createMemoryStorage();
      full.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
      const { inbox, setStatus } = setup(storingServer(), 'c1', full);
      inbox.sendMessage('c1', 'Kept in memory');
      expect(inbox.openEntries.value).toMatchObject([{ kind: 'pending', pending: { body: 'Kept in memory' } }]);
      setStatus({ kind: 'connected' });
      await flush();
      expect(inbox.openEntries.value).toMatchObject([{ kind: 'message', message: { body: 'Kept in memory' } }]);
      inbox.dispose();
    });
  });
});
