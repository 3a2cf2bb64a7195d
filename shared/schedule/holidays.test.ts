import { describe, expect, it } from 'vitest';
import { isClosedHoliday, listCountries, listRegions, publicHolidays, upcomingHolidays } from './index.ts';

const CZ = { country: 'CZ', keepOpen: [] };

describe('public holidays (SC4)', () => {
  it('[SC4] only public holidays are listed: Czech Easter Monday yes, Easter Sunday (an observance) no', () => {
    const dates = publicHolidays(CZ, 2026).map((h) => h.date);
    expect(dates).toContain('2026-04-06');
    expect(dates).not.toContain('2026-04-05');
    expect(dates).toEqual(expect.arrayContaining(['2026-12-24', '2026-12-25', '2026-12-26']));
    expect(publicHolidays(CZ, 2026).find((h) => h.date === '2026-04-06')?.rule).toBe('easter 1');
  });

  it('[SC4] Polish 24 Dec is a public holiday from 2025, not in 2024', () => {
    const PL = { country: 'PL', keepOpen: [] };
    expect(isClosedHoliday(PL, '2024-12-24')).toBe(false);
    expect(isClosedHoliday(PL, '2025-12-24')).toBe(true);
    expect(isClosedHoliday(PL, '2026-11-11')).toBe(true);
  });

  it('[SC4] Croatian Statehood Day 30 May is a public holiday', () => {
    expect(isClosedHoliday({ country: 'HR', keepOpen: [] }, '2026-05-30')).toBe(true);
  });

  it('[SC4] a holiday kept open by its rule key does not close', () => {
    expect(isClosedHoliday({ country: 'CZ', keepOpen: ['easter 1'] }, '2026-04-06')).toBe(false);
    expect(isClosedHoliday({ country: 'CZ', keepOpen: ['easter 1'] }, '2026-04-03')).toBe(true); // Good Friday
  });

  it('[SC4] a region adds its own holidays (Bavaria: Epiphany; Berlin: not)', () => {
    expect(isClosedHoliday({ country: 'DE', region: 'BY', keepOpen: [] }, '2026-01-06')).toBe(true);
    expect(isClosedHoliday({ country: 'DE', region: 'BE', keepOpen: [] }, '2026-01-06')).toBe(false);
  });

  it('[SC4] upcoming holidays cross a year end and say which are kept open', () => {
    const upcoming = upcomingHolidays({ country: 'CZ', keepOpen: ['12-26'] }, '2026-12-20', 14);
    expect(upcoming.map((h) => [h.date, h.keptOpen])).toEqual([
      ['2026-12-24', false],
      ['2026-12-25', false],
      ['2026-12-26', true],
      ['2027-01-01', false],
    ]);
  });

  it('[SC27] countries and regions are listed for validation and the settings editor', () => {
    expect(listCountries()).toHaveProperty('CZ');
    expect(listCountries()).toHaveProperty('HR');
    expect(listRegions('DE')).toHaveProperty('BY');
    expect(listRegions('XX')).toEqual({});
  });
});
