import { describe, expect, it } from 'vitest';
import {
  addException,
  addInterval,
  copyMondayToWeekdays,
  mondayOf,
  removeInterval,
  setExceptionClosed,
  setExceptionNote,
  setKeptOpen,
  updateInterval,
  weekdayOf,
  type WeeklyHoursValue,
} from './schedule-edit.ts';

const office = [{ start: '09:00', end: '17:00' }];
const week: WeeklyHoursValue = { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] };

describe('editing weekly hours', () => {
  it('adds 09:00–17:00 to a closed day, and a later interval after the last one on an open day', () => {
    expect(addInterval(week, 'sat').sat).toEqual([{ start: '09:00', end: '17:00' }]);
    const lunch = updateInterval(week, 'mon', 0, { end: '12:00' });
    expect(addInterval(lunch, 'mon').mon).toEqual([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }]);
    expect(addInterval({ ...week, mon: [{ start: '18:00', end: '23:30' }] }, 'mon').mon[1]).toEqual({ start: '23:00', end: '24:00' });
  });

  it('removes one interval, leaving the day closed when it was the last, without touching other days', () => {
    const closed = removeInterval(week, 'mon', 0);
    expect(closed.mon).toEqual([]);
    expect(closed.tue).toBe(week.tue);
  });

  it('stores "past midnight" as overnight: true and drops it when unticked', () => {
    const night = updateInterval(week, 'fri', 0, { start: '22:00', end: '02:00', overnight: true });
    expect(night.fri).toEqual([{ start: '22:00', end: '02:00', overnight: true }]);
    expect(updateInterval(night, 'fri', 0, { overnight: false }).fri).toEqual([{ start: '22:00', end: '02:00' }]);
  });

  it('copies Monday to Tuesday–Friday as independent copies, leaving the weekend', () => {
    const mon = [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '16:00' }];
    const copied = copyMondayToWeekdays({ ...week, mon, sat: [{ start: '10:00', end: '12:00' }] });
    expect(copied.fri).toEqual(mon);
    expect(copied.tue).not.toBe(mon);
    expect(copied.tue[0]).not.toBe(mon[0]);
    expect(copied.sat).toEqual([{ start: '10:00', end: '12:00' }]);
  });
});

describe('editing exceptions and holidays', () => {
  it('adds a closed exception on the date asked, or the next free date', () => {
    expect(addException([], '2026-12-24')).toEqual([{ date: '2026-12-24', closed: true }]);
    expect(addException([{ date: '2026-12-24', closed: true }], '2026-12-24')[1]).toEqual({ date: '2026-12-25', closed: true });
  });

  it('switches between closed and special hours keeping the date and note, and drops an empty note', () => {
    const special = setExceptionClosed({ date: '2026-12-24', closed: true, note: 'Christmas Eve' }, false);
    expect(special).toEqual({ date: '2026-12-24', intervals: [{ start: '09:00', end: '12:00' }], note: 'Christmas Eve' });
    expect(setExceptionClosed(special, true)).toEqual({ date: '2026-12-24', closed: true, note: 'Christmas Eve' });
    expect(setExceptionNote(special, '  ')).toEqual({ date: '2026-12-24', intervals: [{ start: '09:00', end: '12:00' }] });
  });

  it('keeps a holiday open by its rule key once, and forgets it', () => {
    const kept = setKeptOpen(setKeptOpen({ country: 'CZ', keepOpen: [] }, '12-24', true), '12-24', true);
    expect(kept.keepOpen).toEqual(['12-24']);
    expect(setKeptOpen(kept, '12-24', false).keepOpen).toEqual([]);
  });

  it('knows the weekday and the Monday of a date, across a year end', () => {
    expect(weekdayOf('2026-12-24')).toBe('thu');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(mondayOf('2026-12-28')).toBe('2026-12-28');
  });
});
