import { describe, expect, it } from 'vitest';
import { defaultNotificationMode, digestPeriod, isReading, parseReminderKey, reminderDueAt, reminderKey } from './operator-timing.ts';

describe('when operators are mailed', () => {
  it('owners get each burst by default, other operators nothing until they choose', () => {
    expect(defaultNotificationMode('owner')).toBe('each');
    expect(defaultNotificationMode('operator')).toBe('off');
  });

  it('only an online operator counts as reading; away and offline do not', () => {
    expect(isReading('online')).toBe(true);
    expect(isReading('away')).toBe(false);
    expect(isReading('offline')).toBe(false);
  });

  it('a digest period runs from the full hour to the next, so two digests are at least an hour apart', () => {
    // 2026-03-29T01:59:59Z is 03:59:59 in Prague, the night the clocks go forward: periods are UTC hours.
    expect(digestPeriod(new Date('2026-03-29T01:59:59.999Z'))).toEqual({ start: new Date('2026-03-29T01:00:00Z'), end: new Date('2026-03-29T02:00:00Z') });
    expect(digestPeriod(new Date('2026-03-29T02:00:00Z'))).toEqual({ start: new Date('2026-03-29T02:00:00Z'), end: new Date('2026-03-29T03:00:00Z') });
  });

  it('a reminder is due 15 minutes before the promise; a shorter promise halfway to it; a passed one at once', () => {
    const now = new Date('2026-12-05T07:00:00Z');
    expect(reminderDueAt(new Date('2026-12-05T09:00:00Z'), now)).toEqual(new Date('2026-12-05T08:45:00Z'));
    expect(reminderDueAt(new Date('2026-12-05T07:15:00Z'), now)).toEqual(now);
    // A live chat's 5-minute promise: reminded at 07:02:30, if nobody has answered by then.
    expect(reminderDueAt(new Date('2026-12-05T07:05:00Z'), now)).toEqual(new Date('2026-12-05T07:02:30Z'));
    expect(reminderDueAt(new Date('2026-12-05T06:00:00Z'), now)).toEqual(now);
  });

  it("a reminder's key names the promise's time and reads back, colons of the time included", () => {
    const parts = { kind: 'update' as const, conversationId: 'c1', operatorId: 'o1', promise: '2026-12-05T09:00:00.000Z' };
    const key = reminderKey(parts);
    expect(key).toBe('reminder:update:c1:o1:2026-12-05T09:00:00.000Z');
    expect(parseReminderKey(key)).toEqual(parts);
    expect(parseReminderKey('reply:m1')).toBeUndefined();
    expect(parseReminderKey('reminder:other:c1:o1:2026')).toBeUndefined();
  });
});
