import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/protocol/schemas.ts';
import type { Result } from '../../shared/protocol/result.ts';
import { createChatState, createMemoryStorage, createOutbox, type OutboxEntry } from '../state/index.ts';
import { createOutboxFlusher, retryDelay } from './flush-outbox.ts';

const entry = (n: number): OutboxEntry => ({
  clientId: `client-000${n}`,
  body: `message ${n}`,
  createdAt: '2025-05-01T10:00:00.000Z',
});
const stored = (e: { clientId: string; body: string }, seq: number): Message => ({
  id: `m-${e.clientId}`,
  conversationId: 'c1',
  seq,
  clientId: e.clientId,
  author: 'visitor',
  operatorId: null,
  authorName: null,
  body: e.body,
  createdAt: '2025-05-01T10:00:01.000Z',
});

/** A fake server: stores each clientId once, answers in the order given by `script`. */
function setup(script: Array<'ok' | 'timeout' | 'rate_limited' | 'message_too_long'> = []) {
  const outbox = createOutbox(createMemoryStorage(), 'porchlight:demo:outbox');
  const chat = createChatState();
  const sent: string[] = [];
  const refused: string[] = [];
  const waits: number[] = [];
  const serverStore = new Map<string, Message>();
  let connected = true;
  let inFlight = 0;
  let maxInFlight = 0;
  const flusher = createOutboxFlusher({
    outbox,
    canSend: () => connected,
    async deliver(e): Promise<Result<{ message: Message }>> {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      sent.push(e.clientId);
      await Promise.resolve();
      inFlight -= 1;
      const step = script.shift() ?? 'ok';
      if (step === 'timeout') throw new Error('operation has timed out');
      if (step !== 'ok') return { ok: false, error: { code: step, message: step } };
      const message = serverStore.get(e.clientId) ?? stored(e, serverStore.size + 1);
      serverStore.set(e.clientId, message);
      return { ok: true, data: { message } };
    },
    isStored: (clientId) => chat.messages.value.some((m) => m.clientId === clientId),
    onDelivered: (m) => void chat.merge(m),
    onRefused: (e, code) => refused.push(`${e.clientId}:${code}`),
    wait: async (ms) => void waits.push(ms),
  });
  const settle = async () => {
    for (let i = 0; i < 50 && flusher.isRunning(); i++) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    outbox, chat, flusher, sent, refused, waits, serverStore, settle,
    get maxInFlight() { return maxInFlight; },
    disconnect: () => void (connected = false),
    connect: () => void (connected = true),
  };
}

describe('the outbox flush loop', () => {
  it('sends one message at a time, oldest first, and empties the outbox on acks', async () => {
    const t = setup();
    t.outbox.add(entry(1));
    t.outbox.add(entry(2));
    t.outbox.add(entry(3));
    t.flusher.kick();
    t.flusher.kick(); // a second kick while running must not start a second loop
    await t.settle();
    expect(t.sent).toEqual(['client-0001', 'client-0002', 'client-0003']);
    expect(t.maxInFlight).toBe(1);
    expect(t.outbox.entries.value).toEqual([]);
    expect(t.chat.messages.value.map((m) => m.clientId)).toEqual(['client-0001', 'client-0002', 'client-0003']);
  });

  it('resends the same entry after a timeout, and the server stores it once', async () => {
    const t = setup(['timeout', 'ok']);
    t.outbox.add(entry(1));
    t.outbox.add(entry(2));
    t.flusher.kick();
    await t.settle();
    expect(t.sent).toEqual(['client-0001', 'client-0001', 'client-0002']);
    expect(t.serverStore.size).toBe(2);
    expect(t.waits).toEqual([retryDelay(1)]);
  });

  it('keeps an entry and waits, longer each time, while the server is rate limiting', async () => {
    const t = setup(['rate_limited', 'rate_limited', 'ok']);
    t.outbox.add(entry(1));
    t.flusher.kick();
    await t.settle();
    expect(t.waits).toEqual([1000, 2000]);
    expect(t.outbox.entries.value).toEqual([]);
  });

  it('removes a refused entry, reports why, and goes on with the next', async () => {
    const t = setup(['message_too_long', 'ok']);
    t.outbox.add(entry(1));
    t.outbox.add(entry(2));
    t.flusher.kick();
    await t.settle();
    expect(t.refused).toEqual(['client-0001:message_too_long']);
    expect(t.chat.messages.value.map((m) => m.clientId)).toEqual(['client-0002']);
  });

  it('pauses while disconnected, keeping the outbox, and resumes when kicked after the reconnect', async () => {
    const t = setup();
    t.disconnect();
    t.outbox.add(entry(1));
    t.flusher.kick();
    await t.settle();
    expect(t.sent).toEqual([]);
    expect(t.outbox.entries.value).toEqual([entry(1)]);
    t.connect();
    t.flusher.kick();
    await t.settle();
    expect(t.sent).toEqual(['client-0001']);
  });

  it('skips what another tab delivered meanwhile (it reads the shared storage before each send)', async () => {
    const t = setup();
    const storageOfOtherTab = t.outbox; // same storage, same key
    t.outbox.add(entry(1));
    t.outbox.add(entry(2));
    storageOfOtherTab.remove(entry(1).clientId);
    t.flusher.kick();
    await t.settle();
    expect(t.sent).toEqual(['client-0002']);
  });

  it('drops, without sending, an entry whose message this tab already holds', async () => {
    const t = setup();
    t.chat.merge([stored(entry(1), 1)]);
    t.outbox.add(entry(1));
    t.outbox.add(entry(2));
    t.flusher.kick();
    await t.settle();
    expect(t.sent).toEqual(['client-0002']);
    expect(t.outbox.entries.value).toEqual([]);
  });

  it('backs off from 1 s, doubling, up to 30 s', () => {
    expect([1, 2, 3, 6, 20].map(retryDelay)).toEqual([1000, 2000, 4000, 30000, 30000]);
  });
});
