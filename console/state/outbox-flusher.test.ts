import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from '../../shared/index.ts';
import type { ClientError, ClientResult } from '../transport/index.ts';
import { aMessage } from './fixtures.test-helpers.ts';
import { createOutbox, type StoredReply } from './outbox.ts';
import { createOutboxFlusher, retryDelay } from './outbox-flusher.ts';
import { createMemoryStorage } from '../../shared/browser/safe-storage.ts';

type SendResult = ClientResult<{ message: Message }>;

const reply = (n: number, conversationId = 'c1'): StoredReply => ({
  conversationId,
  clientId: `client-${String(n).padStart(4, '0')}`,
  body: `reply ${n}`,
  createdAt: `2026-03-12T10:00:0${n}.000Z`,
});
const delivered = (entry: StoredReply, seq = 1): SendResult => ({
  ok: true,
  data: { message: aMessage(seq, { conversationId: entry.conversationId, clientId: entry.clientId, author: 'operator', body: entry.body }) },
});
const refusedWith = (code: ClientError['code']): SendResult => ({ ok: false, error: { code, message: `because ${code}` } });

/** Sends are answered by the test, one promise per attempt, so the order and overlap can be observed. */
function setup(storage = createMemoryStorage()) {
  const outbox = createOutbox(storage, 'porchlight:console:o1:outbox');
  const attempts: Array<{ entry: StoredReply; answer: (result: SendResult) => void }> = [];
  const onDelivered = vi.fn();
  const onRefused = vi.fn();
  let isConnected = true;
  const flusher = createOutboxFlusher({
    outbox,
    send: (entry) => new Promise((resolve) => attempts.push({ entry, answer: resolve })),
    canSend: () => isConnected,
    onDelivered,
    onRefused,
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  const sentIds = () => attempts.map((a) => a.entry.clientId);
  return { outbox, flusher, attempts, sentIds, onDelivered, onRefused, setConnected: (value: boolean) => (isConnected = value) };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('createOutboxFlusher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends one reply at a time per conversation, oldest first, waiting for each ack', async () => {
    const { outbox, flusher, attempts, sentIds, onDelivered } = setup();
    outbox.add(reply(1));
    outbox.add(reply(2));
    flusher.kick();
    await flush();
    expect(sentIds()).toEqual([reply(1).clientId]);
    attempts[0]!.answer(delivered(reply(1), 1));
    await flush();
    expect(sentIds()).toEqual([reply(1).clientId, reply(2).clientId]);
    attempts[1]!.answer(delivered(reply(2), 2));
    await flush();
    expect(outbox.entries.value).toEqual([]);
    expect(onDelivered).toHaveBeenCalledTimes(2);
    expect(flusher.isRunning('c1')).toBe(false);
  });

  it('does not make one conversation wait for another', async () => {
    const { outbox, flusher, sentIds } = setup();
    outbox.add(reply(1, 'c1'));
    outbox.add(reply(2, 'c2'));
    outbox.add(reply(3, 'c1'));
    flusher.kick();
    await flush();
    expect(sentIds()).toEqual([reply(1, 'c1').clientId, reply(2, 'c2').clientId]);
  });

  it('keeps a reply in storage until it is acknowledged', async () => {
    const storage = createMemoryStorage();
    const { outbox, flusher, attempts } = setup(storage);
    outbox.add(reply(1));
    flusher.kick();
    await flush();
    // The tab crashes here: the next page finds the reply.
    expect(createOutbox(storage, 'porchlight:console:o1:outbox').entries.value).toEqual([reply(1)]);
    attempts[0]!.answer(delivered(reply(1)));
    await flush();
    expect(createOutbox(storage, 'porchlight:console:o1:outbox').entries.value).toEqual([]);
  });

  it('retries a timeout or a passing server failure with the same clientId, after a growing delay', async () => {
    const { outbox, flusher, attempts, sentIds } = setup();
    outbox.add(reply(1));
    flusher.kick();
    await flush();
    attempts[0]!.answer(refusedWith('timeout'));
    await vi.advanceTimersByTimeAsync(retryDelay(1) - 1);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    attempts[1]!.answer(refusedWith('storage_unavailable'));
    await vi.advanceTimersByTimeAsync(retryDelay(2));
    expect(sentIds()).toEqual([reply(1).clientId, reply(1).clientId, reply(1).clientId]);
    expect(retryDelay(2)).toBeGreaterThan(retryDelay(1));
    expect(retryDelay(50)).toBe(30_000);
  });

  it('drops a reply the server refuses for good and reports it, then goes on with the next', async () => {
    const { outbox, flusher, attempts, sentIds, onRefused } = setup();
    outbox.add(reply(1));
    outbox.add(reply(2));
    flusher.kick();
    await flush();
    attempts[0]!.answer(refusedWith('message_too_long'));
    await flush();
    expect(onRefused).toHaveBeenCalledWith(reply(1), { code: 'message_too_long', message: 'because message_too_long' });
    expect(outbox.entries.value).toEqual([reply(2)]);
    expect(sentIds()).toEqual([reply(1).clientId, reply(2).clientId]);
  });

  it('stops while offline, keeping the reply, and starts again when kicked after reconnecting', async () => {
    const { outbox, flusher, attempts, sentIds, setConnected } = setup();
    outbox.add(reply(1));
    flusher.kick();
    await flush();
    attempts[0]!.answer(refusedWith('offline'));
    setConnected(false);
    await flush();
    expect(flusher.isRunning('c1')).toBe(false);
    flusher.kick();
    await flush();
    expect(attempts).toHaveLength(1);
    setConnected(true);
    flusher.wake();
    await flush();
    expect(sentIds()).toEqual([reply(1).clientId, reply(1).clientId]);
    expect(outbox.entries.value).toEqual([reply(1)]);
  });

  it('on wake, retries at once instead of waiting out the delay', async () => {
    const { outbox, flusher, attempts } = setup();
    outbox.add(reply(1));
    flusher.kick();
    await flush();
    attempts[0]!.answer(refusedWith('rate_limited'));
    await flush();
    flusher.wake();
    await flush();
    expect(attempts).toHaveLength(2);
  });

  it('skips a reply another tab delivered while this one was busy', async () => {
    const storage = createMemoryStorage();
    const { outbox, flusher, attempts, sentIds } = setup(storage);
    outbox.add(reply(1));
    outbox.add(reply(2));
    flusher.kick();
    await flush();
    createOutbox(storage, 'porchlight:console:o1:outbox').remove(reply(2).clientId);
    attempts[0]!.answer(delivered(reply(1)));
    await flush();
    expect(sentIds()).toEqual([reply(1).clientId]);
  });

  it('sends a reply another tab added when kicked', async () => {
    const storage = createMemoryStorage();
    const { flusher, sentIds } = setup(storage);
    createOutbox(storage, 'porchlight:console:o1:outbox').add(reply(4, 'c9'));
    flusher.kick();
    await flush();
    expect(sentIds()).toEqual([reply(4, 'c9').clientId]);
  });
});
