import { describe, expect, it } from 'vitest';
import { aMessage, aPending } from './fixtures.test-helpers.ts';
import { settle } from './outbox.ts';
import { contiguousSeq, hasUnseenVisitorMessage, lastSeenOperatorSeq, mergeMessages, threadEntries } from './thread.ts';

describe('mergeMessages', () => {
  it('orders messages by seq whatever order they arrive in', () => {
    const thread = mergeMessages([aMessage(1), aMessage(3)], [aMessage(2)]);
    expect(thread.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('keeps one entry per message id when the same message arrives by broadcast and by sync', () => {
    const thread = mergeMessages([aMessage(1), aMessage(2)], [aMessage(2), aMessage(3), aMessage(3)]);
    expect(thread.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('returns the same array when nothing is new, so signals do not notify', () => {
    const thread = [aMessage(1)];
    expect(mergeMessages(thread, [aMessage(1)])).toBe(thread);
    expect(mergeMessages(thread, [])).toBe(thread);
  });
});

describe('contiguousSeq', () => {
  it('is 0 for an empty thread', () => {
    expect(contiguousSeq([])).toBe(0);
  });

  it('stops at the first gap, so a resync fills messages missed while disconnected', () => {
    expect(contiguousSeq([aMessage(1), aMessage(2), aMessage(5)])).toBe(2);
    expect(contiguousSeq([aMessage(4)])).toBe(0);
  });

  it('is the last seq when nothing is missing', () => {
    expect(contiguousSeq([aMessage(1), aMessage(2), aMessage(3)])).toBe(3);
  });
});

describe('threadEntries', () => {
  it('shows pending messages of this conversation after the stored ones', () => {
    const entries = threadEntries([aMessage(1)], [aPending('p-000001'), aPending('p-000002', { conversationId: 'c2' })], 'c1');
    expect(entries.map((e) => (e.kind === 'message' ? e.message.id : e.pending.clientId))).toEqual(['m1', 'p-000001']);
  });

  it('replaces a "Sending…" entry by its acknowledged message, matched by clientId', () => {
    const pending = aPending('p-000001', { body: 'Hi!' });
    const acked = aMessage(2, { clientId: 'p-000001', author: 'operator', operatorId: 'o1', body: 'Hi!' });
    const thread = mergeMessages([aMessage(1)], [acked]);
    const entries = threadEntries(thread, [pending], 'c1');
    expect(entries).toHaveLength(2);
    expect(entries[1]).toEqual({ kind: 'message', message: acked });
  });
});

describe('settle', () => {
  it('drops pending messages the server has stored, and keeps the others', () => {
    const outbox = [aPending('p-000001'), aPending('p-000002')];
    const left = settle(outbox, [aMessage(7, { clientId: 'p-000002' })]);
    expect(left.map((p) => p.clientId)).toEqual(['p-000001']);
  });

  it('returns the same outbox when nothing was settled', () => {
    const outbox = [aPending('p-000001')];
    expect(settle(outbox, [aMessage(1)])).toBe(outbox);
  });
});

describe('lastSeenOperatorSeq', () => {
  const thread = [
    aMessage(1),
    aMessage(2, { author: 'operator', operatorId: 'o1' }),
    aMessage(3, { author: 'operator', operatorId: 'o1' }),
    aMessage(4, { author: 'operator', operatorId: 'o1' }),
  ];

  it('is the latest operator message at or below what the visitor has seen', () => {
    expect(lastSeenOperatorSeq(thread, 3)).toBe(3);
    expect(lastSeenOperatorSeq(thread, 10)).toBe(4);
  });

  it('is null when the visitor has seen no operator message', () => {
    expect(lastSeenOperatorSeq(thread, 1)).toBeNull();
  });
});

describe('hasUnseenVisitorMessage', () => {
  it('is true only for visitor messages above what operators have seen', () => {
    const thread = [aMessage(1), aMessage(2, { author: 'operator' })];
    expect(hasUnseenVisitorMessage(thread, 0)).toBe(true);
    expect(hasUnseenVisitorMessage(thread, 1)).toBe(false);
  });
});
