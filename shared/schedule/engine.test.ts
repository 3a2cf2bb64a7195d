import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  DEFAULT_SCHEDULE,
  isOpenAt,
  nextClosing,
  nextOpening,
  openIntervalsBetween,
  replyDeadline,
} from './index.ts';
import { NINE_TO_FIVE, WORKDAYS, everyDay, scheduleOf } from './test-schedules.ts';

// Every case is a fixed UTC instant with the schedule's local time in a comment.
const utc = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;
const openMinutes = (intervals: { start: Date; end: Date }[]) =>
  intervals.reduce((sum, i) => sum + (i.end.getTime() - i.start.getTime()), 0) / 60_000;

const prague9to5 = scheduleOf('Europe/Prague', everyDay(NINE_TO_FIVE, WORKDAYS), {
  holidays: { country: 'CZ', keepOpen: [] },
});

describe('day status (SC1–SC4)', () => {
  it('[SC1] an exception wins over a holiday, and a holiday over the weekly hours', () => {
    const schedule = {
      ...prague9to5,
      exceptions: [{ date: '2026-12-24', intervals: [{ start: '08:00', end: '12:00' }] }],
    };
    expect(isOpenAt(schedule, utc('2026-12-24T07:00:00Z'))).toBe(true); // Thu 24 Dec 08:00 CET, special hours
    expect(isOpenAt(schedule, utc('2026-12-25T09:00:00Z'))).toBe(false); // Fri 25 Dec 10:00 CET, holiday
    expect(isOpenAt(schedule, utc('2026-12-28T09:00:00Z'))).toBe(true); // Mon 28 Dec 10:00 CET, weekly
  });

  it('[SC2] a split day 8–12 and 13–17 is closed over lunch and opens again at 13:00', () => {
    const split = scheduleOf('Europe/Prague', everyDay([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], WORKDAYS));
    expect(isOpenAt(split, utc('2026-06-15T09:59:00Z'))).toBe(true); // Mon 15 Jun 11:59 CEST
    expect(isOpenAt(split, utc('2026-06-15T10:00:00Z'))).toBe(false); // 12:00 CEST: the end is closed
    expect(isOpenAt(split, utc('2026-06-15T10:30:00Z'))).toBe(false); // 12:30 CEST
    expect(iso(nextOpening(split, utc('2026-06-15T10:30:00Z')))).toBe('2026-06-15T11:00:00.000Z'); // 13:00 CEST
    expect(iso(nextClosing(split, utc('2026-06-15T07:00:00Z')))).toBe('2026-06-15T10:00:00.000Z'); // 09:00 → 12:00
    expect(openIntervalsBetween(split, utc('2026-06-15T00:00:00Z'), utc('2026-06-16T00:00:00Z')).map((i) => [iso(i.start), iso(i.end)]))
      .toEqual([
        ['2026-06-15T06:00:00.000Z', '2026-06-15T10:00:00.000Z'], // 08:00–12:00 CEST
        ['2026-06-15T11:00:00.000Z', '2026-06-15T15:00:00.000Z'], // 13:00–17:00 CEST
      ]);
  });

  it('[SC3] an exception with special hours opens 24 Dec 8:00–12:00 only', () => {
    const schedule = { ...prague9to5, exceptions: [{ date: '2026-12-24', intervals: [{ start: '08:00', end: '12:00' }], note: 'Christmas Eve' }] };
    expect(isOpenAt(schedule, utc('2026-12-24T06:59:00Z'))).toBe(false); // 07:59 CET
    expect(isOpenAt(schedule, utc('2026-12-24T10:59:00Z'))).toBe(true); // 11:59 CET
    expect(isOpenAt(schedule, utc('2026-12-24T11:00:00Z'))).toBe(false); // 12:00 CET
    expect(iso(nextOpening(schedule, utc('2026-12-24T11:00:00Z')))).toBe('2026-12-28T08:00:00.000Z'); // Mon 28 Dec 09:00 CET
  });

  it('[SC3] a closed exception closes an ordinary Monday all day', () => {
    const schedule = { ...prague9to5, exceptions: [{ date: '2026-06-15', closed: true as const }] };
    expect(isOpenAt(schedule, utc('2026-06-15T08:00:00Z'))).toBe(false); // Mon 15 Jun 10:00 CEST
    expect(iso(nextOpening(schedule, utc('2026-06-15T06:00:00Z')))).toBe('2026-06-16T07:00:00.000Z'); // Tue 09:00 CEST
  });

  it('[SC4] Czech 24–26 Dec 2026 are closed; the next opening after 23 Dec 17:00 is Monday 28 Dec 9:00', () => {
    expect(isOpenAt(prague9to5, utc('2026-12-24T09:00:00Z'))).toBe(false); // Thu 24 Dec 10:00 CET
    expect(isOpenAt(prague9to5, utc('2026-12-25T09:00:00Z'))).toBe(false); // Fri 25 Dec 10:00 CET
    const allWeek = { ...prague9to5, weekly: { ...prague9to5.weekly, sat: NINE_TO_FIVE } };
    expect(isOpenAt(allWeek, utc('2026-12-26T09:00:00Z'))).toBe(false); // Sat 26 Dec 10:00 CET
    expect(isOpenAt(allWeek, utc('2026-12-19T09:00:00Z'))).toBe(true); // Sat 19 Dec 10:00 CET, an ordinary Saturday
    expect(iso(nextOpening(prague9to5, utc('2026-12-23T16:00:00Z')))).toBe('2026-12-28T08:00:00.000Z'); // Wed 17:00 → Mon 09:00 CET
  });

  it('[SC4] Czech Easter Monday 2026-04-06 is closed; Tuesday is open', () => {
    expect(isOpenAt(prague9to5, utc('2026-04-06T08:00:00Z'))).toBe(false); // Mon 6 Apr 10:00 CEST
    expect(iso(nextOpening(prague9to5, utc('2026-04-06T08:00:00Z')))).toBe('2026-04-07T07:00:00.000Z'); // Tue 09:00 CEST
  });

  it('[SC4] a kept-open holiday uses the weekly hours (Easter Monday kept open)', () => {
    const schedule = { ...prague9to5, holidays: { country: 'CZ', keepOpen: ['easter 1'] } };
    expect(isOpenAt(schedule, utc('2026-04-06T08:00:00Z'))).toBe(true); // Mon 6 Apr 10:00 CEST
    expect(isOpenAt(schedule, utc('2026-04-03T08:00:00Z'))).toBe(false); // Good Friday 10:00 CEST stays closed
  });

  const warsaw = scheduleOf('Europe/Warsaw', everyDay(NINE_TO_FIVE, WORKDAYS), { holidays: { country: 'PL', keepOpen: [] } });

  it('[SC4] Polish 11 Nov 2026 (Independence Day) is closed', () => {
    expect(isOpenAt(warsaw, utc('2026-11-11T09:00:00Z'))).toBe(false); // Wed 11 Nov 10:00 CET
    expect(isOpenAt(warsaw, utc('2026-11-12T09:00:00Z'))).toBe(true); // Thu 12 Nov 10:00 CET
  });

  it('[SC4] Polish 24 Dec is open in 2024 and closed from 2025, when it became a public holiday', () => {
    expect(isOpenAt(warsaw, utc('2024-12-24T09:00:00Z'))).toBe(true); // Tue 24 Dec 2024 10:00 CET
    expect(isOpenAt(warsaw, utc('2025-12-24T09:00:00Z'))).toBe(false); // Wed 24 Dec 2025 10:00 CET
    expect(isOpenAt(warsaw, utc('2026-12-24T09:00:00Z'))).toBe(false); // Thu 24 Dec 2026 10:00 CET
  });

  it('[SC4] Croatian Statehood Day 30 May 2026 closes a Saturday shop', () => {
    const zagreb = scheduleOf('Europe/Zagreb', everyDay(NINE_TO_FIVE), { holidays: { country: 'HR', keepOpen: [] } });
    expect(isOpenAt(zagreb, utc('2026-05-30T08:00:00Z'))).toBe(false); // Sat 30 May 10:00 CEST
    expect(isOpenAt(zagreb, utc('2026-05-23T08:00:00Z'))).toBe(true); // Sat 23 May 10:00 CEST
  });
});

describe('overnight intervals (SC5, SC7)', () => {
  const lateFriday = scheduleOf('Europe/Prague', { fri: [{ start: '22:00', end: '02:00', overnight: true }] }, {
    holidays: { country: 'CZ', keepOpen: [] },
  });

  it('[SC5] an overnight Friday 22:00–02:00 interval is open at Saturday 01:30 local', () => {
    expect(isOpenAt(lateFriday, utc('2026-06-12T23:30:00Z'))).toBe(true); // Sat 13 Jun 01:30 CEST
    expect(isOpenAt(lateFriday, utc('2026-06-13T00:00:00Z'))).toBe(false); // Sat 02:00 CEST
    expect(isOpenAt(lateFriday, utc('2026-06-12T19:59:00Z'))).toBe(false); // Fri 21:59 CEST
    expect(iso(nextClosing(lateFriday, utc('2026-06-12T21:00:00Z')))).toBe('2026-06-13T00:00:00.000Z'); // Fri 23:00 → Sat 02:00
  });

  it('[SC5] an overnight Friday interval runs into Saturday even when Saturday is a holiday', () => {
    expect(isOpenAt(lateFriday, utc('2027-05-07T23:30:00Z'))).toBe(true); // Sat 8 May 2027 01:30 CEST (Victory Day)
  });

  it('[SC5] a holiday on Friday removes the whole overnight interval, its Saturday part included', () => {
    expect(isOpenAt(lateFriday, utc('2026-05-08T20:30:00Z'))).toBe(false); // Fri 8 May 2026 22:30 CEST (Victory Day)
    expect(isOpenAt(lateFriday, utc('2026-05-08T23:30:00Z'))).toBe(false); // Sat 9 May 01:30 CEST
  });

  it('[SC7] an overnight run merges with the next day\'s interval that starts when it ends', () => {
    const schedule = scheduleOf('Europe/Prague', {
      fri: [{ start: '22:00', end: '02:00', overnight: true }],
      sat: [{ start: '02:00', end: '06:00' }],
    });
    expect(iso(nextClosing(schedule, utc('2026-06-12T21:00:00Z')))).toBe('2026-06-13T04:00:00.000Z'); // Fri 23:00 → Sat 06:00 CEST
    expect(openIntervalsBetween(schedule, utc('2026-06-12T00:00:00Z'), utc('2026-06-14T00:00:00Z')).map((i) => [iso(i.start), iso(i.end)]))
      .toEqual([['2026-06-12T20:00:00.000Z', '2026-06-13T04:00:00.000Z']]); // Fri 22:00 – Sat 06:00 CEST
  });

  it('[SC7] back-to-back intervals of one day are one open stretch', () => {
    const schedule = scheduleOf('Europe/Prague', { mon: [{ start: '12:00', end: '17:00' }, { start: '09:00', end: '12:00' }] });
    expect(iso(nextClosing(schedule, utc('2026-06-15T08:00:00Z')))).toBe('2026-06-15T15:00:00.000Z'); // 10:00 → 17:00 CEST
    expect(isOpenAt(schedule, utc('2026-06-15T10:00:00Z'))).toBe(true); // 12:00 CEST
  });
});

describe('daylight saving time (SC6)', () => {
  it('[SC6] Prague 29 Mar 2026: a 02:30 start does not exist and opens at 03:00 CEST', () => {
    const schedule = scheduleOf('Europe/Prague', { sun: [{ start: '02:30', end: '06:00' }] });
    expect(isOpenAt(schedule, utc('2026-03-29T00:59:00Z'))).toBe(false); // 01:59 CET
    expect(isOpenAt(schedule, utc('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST, first instant after the gap
    expect(iso(nextOpening(schedule, utc('2026-03-28T23:00:00Z')))).toBe('2026-03-29T01:00:00.000Z'); // 00:00 CET → 03:00 CEST
    expect(iso(nextClosing(schedule, utc('2026-03-29T01:00:00Z')))).toBe('2026-03-29T04:00:00.000Z'); // 06:00 CEST
  });

  it('[SC6] Prague 29 Mar 2026: an interval wholly inside the gap (02:00–03:00) is dropped', () => {
    const schedule = scheduleOf('Europe/Prague', { sun: [{ start: '02:00', end: '03:00' }] });
    expect(openIntervalsBetween(schedule, utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z'))).toEqual([]);
  });

  it('[SC6] Prague 29 Mar 2026: an overnight Saturday 22:00–04:00 lasts 5 real hours', () => {
    const schedule = scheduleOf('Europe/Prague', { sat: [{ start: '22:00', end: '04:00', overnight: true }] });
    const intervals = openIntervalsBetween(schedule, utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z'));
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-03-28T21:00:00.000Z', '2026-03-29T02:00:00.000Z'], // Sat 22:00 CET – Sun 04:00 CEST
    ]);
  });

  it('[SC6] Prague 29 Mar 2026: two working hours from Friday 16:00 end on Monday 10:00 CEST', () => {
    // Fri 27 Mar 16:00 CET = 15:00Z; one hour Friday, one from Mon 30 Mar 09:00 CEST = 07:00Z.
    expect(iso(replyDeadline(prague9to5, utc('2026-03-27T15:00:00Z'), { kind: 'working', minutes: 120 })))
      .toBe('2026-03-30T08:00:00.000Z'); // Mon 10:00 CEST
  });

  it('[SC6] Prague 25 Oct 2026: an ambiguous 02:30 start takes the earlier instant (02:30 CEST)', () => {
    const schedule = scheduleOf('Europe/Prague', { sun: [{ start: '02:30', end: '06:00' }] });
    expect(isOpenAt(schedule, utc('2026-10-25T00:29:00Z'))).toBe(false); // 02:29 CEST
    expect(isOpenAt(schedule, utc('2026-10-25T00:30:00Z'))).toBe(true); // 02:30 CEST (first time round)
    expect(isOpenAt(schedule, utc('2026-10-25T01:30:00Z'))).toBe(true); // 02:30 CET (second time round)
    expect(iso(nextClosing(schedule, utc('2026-10-25T00:30:00Z')))).toBe('2026-10-25T05:00:00.000Z'); // 06:00 CET
  });

  it('[SC6] Prague 25 Oct 2026: an overnight Saturday 22:00–04:00 lasts 7 real hours', () => {
    const schedule = scheduleOf('Europe/Prague', { sat: [{ start: '22:00', end: '04:00', overnight: true }] });
    const intervals = openIntervalsBetween(schedule, utc('2026-10-24T12:00:00Z'), utc('2026-10-25T12:00:00Z'));
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-10-24T20:00:00.000Z', '2026-10-25T03:00:00.000Z'], // Sat 22:00 CEST – Sun 04:00 CET
    ]);
    expect(openMinutes(intervals)).toBe(7 * 60);
  });

  it('[SC6] Prague 25 Oct 2026: a 9–17 Monday after the change opens at 08:00Z (CET)', () => {
    expect(iso(nextOpening(prague9to5, utc('2026-10-24T12:00:00Z')))).toBe('2026-10-26T08:00:00.000Z'); // Mon 09:00 CET
  });

  it('[SC6] "24:00" is the next day\'s 00:00 local, also on a fall-back night (a 25-hour day)', () => {
    const schedule = scheduleOf('Europe/Prague', { sun: [{ start: '00:00', end: '24:00' }] });
    const intervals = openIntervalsBetween(schedule, utc('2026-10-24T00:00:00Z'), utc('2026-10-27T00:00:00Z'));
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z'], // Sun 00:00 CEST – Mon 00:00 CET
    ]);
  });

  it('[SC6] Lord Howe 4 Oct 2026 (+30 min): a 02:15 start does not exist and opens at 02:30 LHDT', () => {
    const schedule = scheduleOf('Australia/Lord_Howe', { sun: [{ start: '02:15', end: '03:00' }] });
    expect(isOpenAt(schedule, utc('2026-10-03T15:29:00Z'))).toBe(false); // 01:59 LHST (+10:30)
    expect(isOpenAt(schedule, utc('2026-10-03T15:30:00Z'))).toBe(true); // 02:30 LHDT (+11)
    expect(iso(nextOpening(schedule, utc('2026-10-03T15:00:00Z')))).toBe('2026-10-03T15:30:00.000Z'); // 01:30 LHST → 02:30 LHDT
    expect(iso(nextClosing(schedule, utc('2026-10-03T15:30:00Z')))).toBe('2026-10-03T16:00:00.000Z'); // 03:00 LHDT
  });

  it('[SC6] Lord Howe 5 Apr 2026 (−30 min): an ambiguous 01:45 start takes 01:45 LHDT', () => {
    const schedule = scheduleOf('Australia/Lord_Howe', { sun: [{ start: '01:45', end: '03:00' }] });
    const intervals = openIntervalsBetween(schedule, utc('2026-04-04T00:00:00Z'), utc('2026-04-05T00:00:00Z'));
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-04-04T14:45:00.000Z', '2026-04-04T16:30:00.000Z'], // 01:45 LHDT (+11) – 03:00 LHST (+10:30)
    ]);
    expect(openMinutes(intervals)).toBe(105);
  });

  it('[SC6] Lord Howe: a 9–17 Monday after the change opens at 22:30Z', () => {
    const schedule = scheduleOf('Australia/Lord_Howe', everyDay(NINE_TO_FIVE, WORKDAYS));
    expect(iso(nextOpening(schedule, utc('2026-04-05T00:00:00Z')))).toBe('2026-04-05T22:30:00.000Z'); // Mon 6 Apr 09:00 LHST
  });
});

describe('queries (SC8–SC12)', () => {
  it('[SC8] an interval is open at its start and closed at its end', () => {
    expect(isOpenAt(prague9to5, utc('2026-06-15T07:00:00Z'))).toBe(true); // Mon 09:00 CEST
    expect(isOpenAt(prague9to5, utc('2026-06-15T15:00:00Z'))).toBe(false); // Mon 17:00 CEST
  });

  it('[SC9] a New York schedule seen by a visitor in Warsaw: 14:30 in Warsaw is 09:30 in New York in March 2026', () => {
    // 8–29 March 2026: New York already on EDT (−4), Warsaw still on CET (+1): five hours apart, not six.
    const newYork = scheduleOf('America/New_York', everyDay(NINE_TO_FIVE, WORKDAYS));
    const visitorNow = DateTime.fromISO('2026-03-20T14:30', { zone: 'Europe/Warsaw' }).toJSDate(); // Fri 14:30 CET
    expect(visitorNow.toISOString()).toBe('2026-03-20T13:30:00.000Z'); // Fri 09:30 EDT
    expect(isOpenAt(newYork, visitorNow)).toBe(true);
    const saturday = utc('2026-03-21T13:30:00Z'); // Sat 09:30 EDT, 14:30 CET in Warsaw
    const opens = nextOpening(newYork, saturday);
    expect(iso(opens)).toBe('2026-03-23T13:00:00.000Z'); // Mon 09:00 EDT
    expect(DateTime.fromJSDate(opens!, { zone: 'Europe/Warsaw' }).toFormat('ccc HH:mm')).toBe('Mon 14:00');
  });

  it('[SC10] nextOpening is the instant itself when open, and the next start when closed', () => {
    const at = utc('2026-06-15T08:17:23.456Z'); // Mon 10:17:23.456 CEST
    expect(nextOpening(prague9to5, at)?.getTime()).toBe(at.getTime());
    expect(iso(nextOpening(prague9to5, utc('2026-06-13T10:00:00Z')))).toBe('2026-06-15T07:00:00.000Z'); // Sat → Mon 09:00 CEST
  });

  it('[SC11] nextClosing is the end of the open stretch when open, and the instant itself when closed', () => {
    expect(iso(nextClosing(prague9to5, utc('2026-06-15T08:00:00Z')))).toBe('2026-06-15T15:00:00.000Z'); // 10:00 → 17:00 CEST
    expect(iso(nextClosing(prague9to5, utc('2026-06-13T10:00:00Z')))).toBe('2026-06-13T10:00:00.000Z'); // Sat, closed
  });

  it('[SC11] nextClosing is null when open around the clock for the whole horizon', () => {
    const always = scheduleOf('Europe/Prague', everyDay([{ start: '00:00', end: '24:00' }]));
    expect(nextClosing(always, utc('2026-06-15T08:00:00Z'))).toBeNull();
    expect(isOpenAt(always, utc('2026-03-29T01:30:00Z'))).toBe(true); // across the spring-forward midnight joins
  });

  it('[SC12] openIntervalsBetween clips to [from, to) and is empty when to ≤ from', () => {
    const intervals = openIntervalsBetween(prague9to5, utc('2026-06-15T10:00:00Z'), utc('2026-06-16T08:00:00Z'));
    expect(intervals.map((i) => [iso(i.start), iso(i.end)])).toEqual([
      ['2026-06-15T10:00:00.000Z', '2026-06-15T15:00:00.000Z'], // Mon 12:00 (clipped) – 17:00 CEST
      ['2026-06-16T07:00:00.000Z', '2026-06-16T08:00:00.000Z'], // Tue 09:00 – 10:00 CEST (clipped)
    ]);
    expect(openIntervalsBetween(prague9to5, utc('2026-06-16T08:00:00Z'), utc('2026-06-15T08:00:00Z'))).toEqual([]);
  });
});

describe('reply deadlines (SC13–SC17)', () => {
  const split = scheduleOf('Europe/Prague', everyDay([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }], WORKDAYS));

  it('[SC13] working minutes skip the lunch break', () => {
    // Mon 15 Jun 11:00 CEST: one hour before lunch, one after 13:00.
    expect(iso(replyDeadline(split, utc('2026-06-15T09:00:00Z'), { kind: 'working', minutes: 120 }))).toBe('2026-06-15T12:00:00.000Z'); // 14:00 CEST
  });

  it('[SC13] a deadline that uses an interval up to its end is that end, not the next opening', () => {
    expect(iso(replyDeadline(split, utc('2026-06-15T09:00:00Z'), { kind: 'working', minutes: 60 }))).toBe('2026-06-15T10:00:00.000Z'); // 12:00, not 13:00 CEST
  });

  it('[SC13] a message left outside hours starts counting at the next opening; 0 minutes is the opening itself', () => {
    expect(iso(replyDeadline(split, utc('2026-06-13T10:00:00Z'), { kind: 'working', minutes: 30 }))).toBe('2026-06-15T06:30:00.000Z'); // Sat → Mon 08:30 CEST
    expect(iso(replyDeadline(split, utc('2026-06-13T10:00:00Z'), { kind: 'working', minutes: 0 }))).toBe('2026-06-15T06:00:00.000Z'); // Mon 08:00 CEST
  });

  it('[SC13] across a year end: 31 Dec 16:30 + 60 working minutes, 1 Jan closed, ends 2 Jan 09:30', () => {
    const daily = scheduleOf('Europe/Prague', everyDay(NINE_TO_FIVE), { holidays: { country: 'CZ', keepOpen: [] } });
    expect(isOpenAt(daily, utc('2027-01-01T09:00:00Z'))).toBe(false); // Fri 1 Jan 2027 10:00 CET
    // Thu 31 Dec 2026 16:30 CET = 15:30Z; 30 minutes that day, 30 from Sat 2 Jan 09:00 CET = 08:00Z.
    expect(iso(replyDeadline(daily, utc('2026-12-31T15:30:00Z'), { kind: 'working', minutes: 60 }))).toBe('2027-01-02T08:30:00.000Z'); // 09:30 CET
    expect(iso(nextOpening(daily, utc('2026-12-31T16:00:00Z')))).toBe('2027-01-02T08:00:00.000Z'); // 31 Dec 17:00 → 2 Jan 09:00
  });

  it('[SC14] a calendar target is the receipt plus wall-clock minutes, whatever the hours', () => {
    expect(iso(replyDeadline(prague9to5, utc('2026-06-13T10:00:00Z'), { kind: 'calendar', minutes: 120 }))).toBe('2026-06-13T12:00:00.000Z');
    // Across the fall-back night: 3 real hours, though the wall clock moves only 2.
    expect(iso(replyDeadline(prague9to5, utc('2026-10-24T23:30:00Z'), { kind: 'calendar', minutes: 180 }))).toBe('2026-10-25T02:30:00.000Z');
  });

  it('[SC15] "next opening + 30" on Saturday is Monday 09:30; while open it counts from now', () => {
    expect(iso(replyDeadline(prague9to5, utc('2026-06-13T10:00:00Z'), { kind: 'nextOpening', plusMinutes: 30 }))).toBe('2026-06-15T07:30:00.000Z'); // Mon 09:30 CEST
    expect(iso(replyDeadline(prague9to5, utc('2026-06-15T14:50:00Z'), { kind: 'nextOpening', plusMinutes: 30 }))).toBe('2026-06-16T07:20:00.000Z'); // Mon 16:50 → Tue 09:20 CEST
  });

  it('[SC17] an always-closed schedule has no next opening, no working deadline, but a calendar one', () => {
    const closed = scheduleOf('Europe/Prague', {});
    const at = utc('2026-06-15T08:00:00Z');
    expect(nextOpening(closed, at)).toBeNull();
    expect(replyDeadline(closed, at, { kind: 'working', minutes: 10 })).toBeNull();
    expect(iso(replyDeadline(closed, at, { kind: 'calendar', minutes: 10 }))).toBe('2026-06-15T08:10:00.000Z');
  });

  it('[SC17] an opening more than 400 days ahead is beyond the horizon; one within it is found', () => {
    const exceptionsOnly = (date: string) => scheduleOf('Europe/Prague', {}, { exceptions: [{ date, intervals: NINE_TO_FIVE }] });
    const at = utc('2026-01-01T00:00:00Z'); // 01:00 CET
    expect(iso(nextOpening(exceptionsOnly('2027-02-01'), at))).toBe('2027-02-01T08:00:00.000Z'); // day 396, 09:00 CET
    expect(nextOpening(exceptionsOnly('2027-02-10'), at)).toBeNull(); // day 405
  });

  it('[SC17] a working deadline that needs more open time than the horizon holds is null', () => {
    const oneHourAWeek = scheduleOf('Europe/Prague', { mon: [{ start: '09:00', end: '10:00' }] });
    expect(replyDeadline(oneHourAWeek, utc('2026-06-15T08:00:00Z'), { kind: 'working', minutes: 60 * 24 * 31 })).toBeNull();
    // Received Mon 15 Jun 2026 10:00 CEST, as that Monday's hour ends; the k-th hour ends on Monday 15 Jun + 7k days.
    expect(iso(replyDeadline(oneHourAWeek, utc('2026-06-15T08:00:00Z'), { kind: 'working', minutes: 60 * 57 })))
      .toBe('2027-07-19T08:00:00.000Z'); // day 399, Mon 10:00 CEST
    expect(replyDeadline(oneHourAWeek, utc('2026-06-15T08:00:00Z'), { kind: 'working', minutes: 60 * 58 })).toBeNull(); // day 406
  });

  it('[SC18] an invalid Date is a bug and throws', () => {
    expect(() => isOpenAt(DEFAULT_SCHEDULE, new Date(Number.NaN))).toThrow(RangeError);
  });
});
