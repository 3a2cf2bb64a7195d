import { describe, expect, it } from 'vitest';
import { fieldIdOf, placeIssues } from './schedule-issues.ts';

const fields = new Set([
  'schedule-timeZone',
  'schedule-weekly-mon-1-start',
  'schedule-weekly-mon-1-end',
  'schedule-exceptions-0-date',
  'schedule-holidays-country',
  'channels-1-hours-tue-0-end',
]);

describe("placing the server's issues next to their fields", () => {
  it('turns a path into the id of its control', () => {
    expect(fieldIdOf(['schedule', 'weekly', 'mon', 1, 'end'])).toBe('schedule-weekly-mon-1-end');
    expect(fieldIdOf(['a b', '"x"'])).toBe('a_b-_x_');
  });

  it('puts each issue under the exact control of its path, joining two about the same one', () => {
    const placed = placeIssues(
      [
        { path: ['schedule', 'weekly', 'mon', 1, 'end'], message: "Monday's second interval ends before it starts." },
        { path: ['channels', 1, 'hours', 'tue', 0, 'end'], message: 'Phone: ends before it starts.' },
        { path: ['schedule', 'weekly', 'mon', 1, 'end'], message: 'And overlaps.' },
      ],
      fields,
    );
    expect(placed.byField).toEqual({
      'schedule-weekly-mon-1-end': "Monday's second interval ends before it starts. And overlaps.",
      'channels-1-hours-tue-0-end': 'Phone: ends before it starts.',
    });
    expect(placed.summary.map((s) => s.fieldId)).toEqual(['schedule-weekly-mon-1-end', 'channels-1-hours-tue-0-end', 'schedule-weekly-mon-1-end']);
  });

  it('puts an issue about a whole interval or exception at its first control, and one about a missing part at the nearest enclosing one', () => {
    const placed = placeIssues(
      [
        { path: ['schedule', 'weekly', 'mon', 1], message: 'Whole interval.' },
        { path: ['schedule', 'exceptions', 0], message: 'Whole exception.' },
        { path: ['schedule', 'holidays', 'country', 'extra'], message: 'Deeper.' },
      ],
      fields,
    );
    expect(placed.byField['schedule-weekly-mon-1-start']).toBe('Whole interval.');
    expect(placed.byField['schedule-exceptions-0-date']).toBe('Whole exception.');
    expect(placed.byField['schedule-holidays-country']).toBe('Deeper.');
  });

  it('keeps an issue about a field of another screen for the summary only', () => {
    const placed = placeIssues([{ path: ['teamName'], message: 'Give the name visitors see.' }], fields);
    expect(placed.byField).toEqual({});
    expect(placed.summary).toEqual([{ message: 'Give the name visitors see.', fieldId: null }]);
  });
});
