import { describe, expect, it } from 'vitest';
import { aSummary } from './fixtures.test-helpers.ts';
import { countdownOf, deadlineOf, groupConversations, groupOf } from './inbox-groups.ts';

// 2026-03-12T12:00:00Z; every instant below is a fixed UTC time.
const NOW = Date.parse('2026-03-12T12:00:00.000Z');
const at = (hhmm: string, day = '12') => `2026-03-${day}T${hhmm}:00.000Z`;
const ids = (list: { id: string }[]) => list.map((c) => c.id);

describe('groupOf', () => {
  it('puts an open conversation whose visitor wrote last in "waiting for us"', () => {
    expect(groupOf(aSummary('a', { lastVisitorMessageAt: at('11:00'), lastOperatorMessageAt: at('10:00') }), NOW)).toBe('waitingForUs');
    expect(groupOf(aSummary('b', { lastVisitorMessageAt: at('11:00'), lastOperatorMessageAt: null }), NOW)).toBe('waitingForUs');
  });

  it('puts an open conversation we answered last in "waiting for the visitor"', () => {
    expect(groupOf(aSummary('a', { lastVisitorMessageAt: at('10:00'), lastOperatorMessageAt: at('11:00') }), NOW)).toBe('waitingForVisitor');
    expect(groupOf(aSummary('b', { lastVisitorMessageAt: null, lastOperatorMessageAt: null }), NOW)).toBe('waitingForVisitor');
  });

  it('keeps a conversation with an open "update by" promise in "waiting for us" even after we answered', () => {
    const summary = aSummary('a', {
      lastVisitorMessageAt: at('10:00'),
      lastOperatorMessageAt: at('11:00'),
      updateBy: { at: at('15:00'), operatorId: 'op1', operatorName: 'Jana', note: null, setAt: at('11:00') },
    });
    expect(groupOf(summary, NOW)).toBe('waitingForUs');
  });

  it('shows a due follow-up on top of any status, and a future one not yet', () => {
    expect(groupOf(aSummary('a', { status: 'resolved', followUpAt: at('12:00') }), NOW)).toBe('followUp');
    expect(groupOf(aSummary('b', { status: 'open', followUpAt: at('09:00') }), NOW)).toBe('followUp');
    expect(groupOf(aSummary('c', { status: 'resolved', followUpAt: at('12:01') }), NOW)).toBe('resolved');
  });

  it('puts resolved conversations in "resolved" even when the visitor wrote last', () => {
    expect(groupOf(aSummary('a', { status: 'resolved', lastVisitorMessageAt: at('11:00') }), NOW)).toBe('resolved');
  });
});

describe('deadlineOf', () => {
  it('is the earliest of the reply-by and the update-by promise', () => {
    const promise = { operatorId: 'op1', operatorName: 'Jana', note: null, setAt: at('10:00') };
    expect(deadlineOf(aSummary('a', { replyBy: at('13:00'), updateBy: { ...promise, at: at('12:30') } }))).toEqual({ at: at('12:30'), kind: 'updateBy' });
    expect(deadlineOf(aSummary('a', { replyBy: at('12:10'), updateBy: { ...promise, at: at('12:30') } }))).toEqual({ at: at('12:10'), kind: 'replyBy' });
  });

  it('ignores the reply-by promise once an operator answered, and every deadline of a resolved conversation', () => {
    expect(deadlineOf(aSummary('a', { replyBy: at('13:00'), lastOperatorMessageAt: at('11:00') }))).toBeNull();
    expect(deadlineOf(aSummary('a', { replyBy: at('13:00'), status: 'resolved' }))).toBeNull();
  });
});

describe('groupConversations', () => {
  it('sorts waiting-for-us by deadline, overdue first, then those without one by longest wait', () => {
    const list = [
      aSummary('no-deadline-recent', { lastVisitorMessageAt: at('11:50') }),
      aSummary('later', { replyBy: at('14:00'), lastVisitorMessageAt: at('11:00') }),
      aSummary('overdue', { replyBy: at('11:30'), lastVisitorMessageAt: at('11:20') }),
      aSummary('no-deadline-old', { lastVisitorMessageAt: at('09:00') }),
      aSummary('soon', { replyBy: at('12:05'), lastVisitorMessageAt: at('11:55') }),
    ];
    expect(ids(groupConversations(list, NOW).waitingForUs)).toEqual(['overdue', 'soon', 'later', 'no-deadline-old', 'no-deadline-recent']);
  });

  it('sorts follow-ups by when they fell due, waiting-for-the-visitor by latest activity and resolved by resolve time', () => {
    const answered = { lastVisitorMessageAt: at('08:00'), lastOperatorMessageAt: at('09:00') };
    const list = [
      aSummary('f2', { followUpAt: at('11:00'), status: 'resolved' }),
      aSummary('f1', { followUpAt: at('10:00'), status: 'resolved' }),
      aSummary('v1', { ...answered, updatedAt: at('09:00') }),
      aSummary('v2', { ...answered, updatedAt: at('11:00') }),
      aSummary('r1', { status: 'resolved', resolvedAt: at('09:00') }),
      aSummary('r2', { status: 'resolved', resolvedAt: at('10:00') }),
    ];
    const groups = groupConversations(list, NOW);
    expect(ids(groups.followUp)).toEqual(['f1', 'f2']);
    expect(ids(groups.waitingForVisitor)).toEqual(['v2', 'v1']);
    expect(ids(groups.resolved)).toEqual(['r2', 'r1']);
  });

  it('shows only the operator\'s own conversations with the "mine" filter', () => {
    const list = [aSummary('mine', { assigneeId: 'op1' }), aSummary('theirs', { assigneeId: 'op2' }), aSummary('team')];
    expect(ids(groupConversations(list, NOW, { filter: 'mine', operatorId: 'op1' }).waitingForUs)).toEqual(['mine']);
    expect(groupConversations(list, NOW, { filter: 'all', operatorId: 'op1' }).waitingForUs).toHaveLength(3);
  });

  it('moves a conversation into "follow-up due" when time passes, without new data', () => {
    const list = [aSummary('a', { status: 'resolved', followUpAt: at('12:30') })];
    expect(ids(groupConversations(list, NOW).resolved)).toEqual(['a']);
    expect(ids(groupConversations(list, NOW + 30 * 60_000).followUp)).toEqual(['a']);
  });
});

describe('countdownOf', () => {
  it('counts whole minutes left, amber within 15 minutes', () => {
    expect(countdownOf(at('12:30'), NOW)).toEqual({ tone: 'ok', minutes: 30 });
    expect(countdownOf(at('12:16'), NOW)).toEqual({ tone: 'ok', minutes: 16 });
    expect(countdownOf(at('12:15'), NOW)).toEqual({ tone: 'soon', minutes: 15 });
    // 30 s left still reads "1 min left", not "0".
    expect(countdownOf('2026-03-12T12:00:30.000Z', NOW)).toEqual({ tone: 'soon', minutes: 1 });
    expect(countdownOf(at('12:00'), NOW)).toEqual({ tone: 'soon', minutes: 0 });
  });

  it('turns overdue strictly after the deadline and counts the minutes since', () => {
    expect(countdownOf(at('11:55'), NOW)).toEqual({ tone: 'overdue', minutes: 5 });
    expect(countdownOf('2026-03-12T11:59:50.000Z', NOW)).toEqual({ tone: 'overdue', minutes: 1 });
  });

  it('gives nothing for an unreadable time', () => {
    expect(countdownOf('soon', NOW)).toBeNull();
  });
});
