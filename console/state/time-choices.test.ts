import { describe, expect, it } from 'vitest';
import { followUpAt, fromLocalInputValue, promiseChoices, toLocalInputValue } from './time-choices.ts';

// Built from local parts: the choices are in the browser's zone, whatever zone the tests run in.
const local = (h: number, m = 0) => new Date(2026, 2, 12, h, m);

describe('promiseChoices', () => {
  it('offers in an hour, today at 17:00 and tomorrow at 12:00 in the morning', () => {
    const choices = promiseChoices(local(9, 30));
    expect(choices.map((c) => c.id)).toEqual(['inHour', 'today17', 'tomorrow12']);
    expect(choices[0]?.at).toEqual(local(10, 30));
    expect(choices[1]?.at).toEqual(local(17));
    expect(choices[2]?.at).toEqual(new Date(2026, 2, 13, 12, 0));
  });

  it('leaves out today 17:00 when it is less than an hour away or past', () => {
    expect(promiseChoices(local(16, 30)).map((c) => c.id)).toEqual(['inHour', 'tomorrow12']);
    expect(promiseChoices(local(20)).map((c) => c.id)).toEqual(['inHour', 'tomorrow12']);
  });

  it('rolls tomorrow over the end of the month', () => {
    expect(promiseChoices(new Date(2026, 2, 31, 10))[2]?.at).toEqual(new Date(2026, 3, 1, 12));
  });
});

describe('datetime-local values', () => {
  it('round-trips a local moment and refuses malformed input', () => {
    expect(toLocalInputValue(local(7, 5))).toBe('2026-03-12T07:05');
    expect(fromLocalInputValue('2026-03-12T07:05')).toEqual(local(7, 5));
    expect(fromLocalInputValue('')).toBeNull();
    expect(fromLocalInputValue('tomorrow')).toBeNull();
  });
});

describe('followUpAt', () => {
  it('is the given number of days later', () => {
    expect(followUpAt(new Date('2026-03-12T10:00:00Z'), 3).toISOString()).toBe('2026-03-15T10:00:00.000Z');
  });
});
