import Holidays from 'date-holidays';

/**
 * Public holidays from date-holidays, matched by local 'YYYY-MM-DD' date (SC4). date-holidays computes each
 * holiday's instants in the country's own zone (Croatia's data even uses Europe/Belgrade); the engine works
 * on the schedule's local dates, so only the date part of `holiday.date` is used, never `start`/`end`.
 *
 * Kept as a structural type so schema.ts can import this file without a cycle.
 */
export type HolidayRegion = { country: string; region?: string | undefined };
export type HolidayChoice = HolidayRegion & { keepOpen: readonly string[] };

export type PublicHoliday = {
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  name: string;
  /** The date-holidays rule key ("easter 1", "12-24 since 2025"): what `keepOpen` lists. */
  rule: string;
};

// Building a Holidays instance parses the country's rules; results per year are fixed. Both are cached for
// the life of the process (a few countries, a few years each).
const instances = new Map<string, Holidays>();
const byYear = new Map<string, readonly PublicHoliday[]>();
let countries: Readonly<Record<string, string>> | null = null;
const regions = new Map<string, Readonly<Record<string, string>>>();

function regionKey(settings: HolidayRegion): string {
  return settings.region === undefined ? settings.country : `${settings.country}/${settings.region}`;
}

function instanceFor(settings: HolidayRegion): Holidays {
  const key = regionKey(settings);
  let instance = instances.get(key);
  if (instance === undefined) {
    instance = settings.region === undefined
      ? new Holidays(settings.country)
      : new Holidays(settings.country, settings.region);
    instances.set(key, instance);
  }
  return instance;
}

/** Countries date-holidays knows: code → name. */
export function listCountries(): Readonly<Record<string, string>> {
  countries ??= new Holidays().getCountries('en');
  return countries;
}

/** Regions (date-holidays "states") of a country: code → name; empty for an unknown country or none. */
export function listRegions(country: string): Readonly<Record<string, string>> {
  if (!isKnownCountry(country)) return {};
  let list = regions.get(country);
  if (list === undefined) {
    list = new Holidays().getStates(country, 'en') ?? {};
    regions.set(country, list);
  }
  return list;
}

export function isKnownCountry(country: string): boolean {
  return Object.hasOwn(listCountries(), country);
}

export function isKnownRegion(country: string, region: string): boolean {
  return Object.hasOwn(listRegions(country), region);
}

/**
 * The public holidays (type 'public' only: observances, school and bank holidays do not close a business) of
 * a country or region in a year, sorted by date, keepOpen not applied.
 */
export function publicHolidays(settings: HolidayRegion, year: number): readonly PublicHoliday[] {
  const key = `${regionKey(settings)}:${year}`;
  let holidays = byYear.get(key);
  if (holidays === undefined) {
    holidays = instanceFor(settings)
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name, rule: holiday.rule }))
      // A holiday whose local date falls in another year (rules near 1 January) belongs to that year's list.
      .filter((holiday) => holiday.date.startsWith(`${year}-`))
      .sort((a, b) => a.date.localeCompare(b.date));
    byYear.set(key, holidays);
  }
  return holidays;
}

/** True when a public holiday that the owner does not keep open falls on this local date ('YYYY-MM-DD'). */
export function isClosedHoliday(settings: HolidayChoice, localDate: string): boolean {
  const year = Number(localDate.slice(0, 4));
  return publicHolidays(settings, year).some(
    (holiday) => holiday.date === localDate && !settings.keepOpen.includes(holiday.rule),
  );
}

/**
 * Public holidays from `fromLocalDate` for `days` days (inclusive of the first), each marked `keptOpen`:
 * what the settings editor lists and the widget may mention.
 */
export function upcomingHolidays(
  settings: HolidayChoice,
  fromLocalDate: string,
  days: number,
): (PublicHoliday & { keptOpen: boolean })[] {
  const from = Date.parse(`${fromLocalDate}T00:00:00Z`);
  const until = new Date(from + days * 86_400_000).toISOString().slice(0, 10);
  const result: (PublicHoliday & { keptOpen: boolean })[] = [];
  for (let year = Number(fromLocalDate.slice(0, 4)); year <= Number(until.slice(0, 4)); year++) {
    for (const holiday of publicHolidays(settings, year)) {
      if (holiday.date >= fromLocalDate && holiday.date < until) {
        result.push({ ...holiday, keptOpen: settings.keepOpen.includes(holiday.rule) });
      }
    }
  }
  return result;
}
