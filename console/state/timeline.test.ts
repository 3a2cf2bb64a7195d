import { describe, expect, it } from 'vitest';
import { aMessage, anEvent, aPending } from './fixtures.test-helpers.ts';
import type { ThreadEntry } from './thread.ts';
import { addEvents, mergeTimeline } from './timeline.ts';

const message = (seq: number): ThreadEntry => ({ kind: 'message', message: aMessage(seq) });
const keys = (entries: ReturnType<typeof mergeTimeline>) =>
  entries.map((e) => (e.kind === 'message' ? `m${e.message.seq}` : e.kind === 'event' ? `e:${e.event.id}` : `p:${e.pending.clientId}`));

describe('mergeTimeline', () => {
  it('places each event between the messages written before and after it', () => {
    // aMessage(n) is written at 10:00:0n; the events at 10:00:02.5 and 10:00:30.
    const events = [anEvent('late'), anEvent('between', { createdAt: '2026-03-12T10:00:02.500Z' })];
    expect(keys(mergeTimeline([message(1), message(2), message(3)], events))).toEqual(['m1', 'm2', 'e:between', 'm3', 'e:late']);
  });

  it('keeps a note written in the same millisecond as a message below the message', () => {
    const events = [anEvent('same', { createdAt: aMessage(2).createdAt })];
    expect(keys(mergeTimeline([message(1), message(2), message(3)], events))).toEqual(['m1', 'm2', 'e:same', 'm3']);
  });

  it('shows events before replies still on their way, which stay last', () => {
    const thread: ThreadEntry[] = [message(1), { kind: 'pending', pending: aPending('p1') }];
    expect(keys(mergeTimeline(thread, [anEvent('n1')]))).toEqual(['m1', 'e:n1', 'p:p1']);
  });

  it('shows events of a conversation without messages in time order', () => {
    const events = [anEvent('b', { createdAt: '2026-03-12T11:00:00.000Z' }), anEvent('a', { createdAt: '2026-03-12T10:00:00.000Z' })];
    expect(keys(mergeTimeline([], events))).toEqual(['e:a', 'e:b']);
  });
});

describe('addEvents', () => {
  it('adds each event once, whether it came as our ack or as a broadcast', () => {
    const first = addEvents([], [anEvent('e1')]);
    expect(addEvents(first, [anEvent('e1')])).toBe(first);
    expect(addEvents(first, [anEvent('e0', { createdAt: '2026-03-12T09:00:00.000Z' })]).map((e) => e.id)).toEqual(['e0', 'e1']);
  });
});
