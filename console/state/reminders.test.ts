import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../shared/index.ts';
import { aSummary } from './fixtures.test-helpers.ts';
import { createReminders, dueReminders, type Reminder } from './reminders.ts';

// 2026-03-12T12:00:00Z.
const NOW = Date.parse('2026-03-12T12:00:00.000Z');
const at = (hhmm: string) => `2026-03-12T${hhmm}:00.000Z`;
const promise = (time: string) => ({ at: at(time), operatorId: 'op1', operatorName: 'Jana', note: null, setAt: at('09:00') });

describe('dueReminders', () => {
  it('reminds 10 minutes before a reply-by or update-by deadline, not earlier', () => {
    const list = [
      aSummary('reply', { replyBy: at('12:10') }),
      aSummary('update', { updateBy: promise('12:05'), lastOperatorMessageAt: at('11:00') }),
      aSummary('later', { replyBy: at('12:11') }),
    ];
    expect(dueReminders(list, NOW, 'op1').map((r) => [r.conversationId, r.kind, r.isOverdue])).toEqual([
      ['update', 'updateBy', false],
      ['reply', 'replyBy', false],
    ]);
  });

  it('keeps reminding of an overdue promise, marked as overdue', () => {
    expect(dueReminders([aSummary('a', { replyBy: at('11:00') })], NOW, 'op1')[0]?.isOverdue).toBe(true);
  });

  it("skips conversations assigned to someone else, resolved ones, and a reply-by we already answered", () => {
    const list = [
      aSummary('theirs', { replyBy: at('12:05'), assigneeId: 'op2' }),
      aSummary('resolved', { replyBy: at('12:05'), status: 'resolved' }),
      aSummary('answered', { replyBy: at('12:05'), lastOperatorMessageAt: at('11:00') }),
      aSummary('mine', { replyBy: at('12:05'), assigneeId: 'op1' }),
    ];
    expect(dueReminders(list, NOW, 'op1').map((r) => r.conversationId)).toEqual(['mine']);
  });
});

describe('createReminders', () => {
  it('reports each reminder once as the clock reaches it, and a moved promise again', () => {
    const conversations = signal<readonly ConversationSummary[]>([aSummary('a', { updateBy: promise('12:30') })]);
    const now = signal(NOW);
    const reported: Reminder[][] = [];
    const reminders = createReminders({ conversations, now, operatorId: 'op1', onDue: (r) => reported.push([...r]) });
    expect(reported).toEqual([]);
    now.value = NOW + 20 * 60_000;
    now.value = NOW + 21 * 60_000;
    expect(reported.map((r) => r.map((x) => x.key))).toEqual([[`a:updateBy:${at('12:30')}`]]);
    conversations.value = [aSummary('a', { updateBy: promise('12:25') })];
    expect(reported).toHaveLength(2);
    reminders.dispose();
  });

  it('hides a dismissed reminder and forgets it once the promise is kept', () => {
    const conversations = signal<readonly ConversationSummary[]>([aSummary('a', { replyBy: at('12:05') })]);
    const reminders = createReminders({ conversations, now: signal(NOW), operatorId: 'op1', onDue: () => {} });
    const [first] = reminders.active.value;
    expect(first?.conversationId).toBe('a');
    reminders.dismiss(first!.key);
    expect(reminders.active.value).toEqual([]);
    conversations.value = [aSummary('a', { replyBy: at('12:05'), lastOperatorMessageAt: at('11:59') })];
    expect(reminders.active.value).toEqual([]);
    reminders.dispose();
  });
});
