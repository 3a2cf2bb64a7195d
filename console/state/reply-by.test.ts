import { describe, expect, it } from 'vitest';
import { openPromise } from './reply-by.ts';

// 2026-03-16T08:30Z is Monday 09:30 in Prague (CET).
const replyBy = '2026-03-16T08:30:00.000Z';
const due = Date.parse(replyBy);
const last = (author: 'visitor' | 'operator' | 'system') => ({ author, body: 'x', createdAt: '2026-03-14T18:00:00.000Z' });

describe('openPromise', () => {
  it('is open while the last message is the visitor’s', () => {
    expect(openPromise({ replyBy, lastMessage: last('visitor') }, due - 60_000)).toEqual({ at: replyBy, isOverdue: false });
  });

  it('is open while the last message is the automatic acknowledgement', () => {
    expect(openPromise({ replyBy, lastMessage: last('system') }, due - 60_000)).toEqual({ at: replyBy, isOverdue: false });
  });

  it('is kept once an operator has answered', () => {
    expect(openPromise({ replyBy, lastMessage: last('operator') }, due + 60_000)).toBeNull();
  });

  it('does not exist without a promise or without messages', () => {
    expect(openPromise({ replyBy: null, lastMessage: last('visitor') }, due)).toBeNull();
    expect(openPromise({ replyBy, lastMessage: null }, due)).toBeNull();
    expect(openPromise({ replyBy: 'not a date', lastMessage: last('visitor') }, due)).toBeNull();
  });

  it('is still on time at the promised moment and overdue right after it', () => {
    expect(openPromise({ replyBy, lastMessage: last('visitor') }, due)?.isOverdue).toBe(false);
    expect(openPromise({ replyBy, lastMessage: last('visitor') }, due + 1)?.isOverdue).toBe(true);
  });
});
