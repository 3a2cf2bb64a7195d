import Holidays from 'date-holidays';
import { listCountries, listRegions, upcomingHolidays, type PublicHoliday } from '../../shared/schedule/index.ts';

/** A country date-holidays knows, named in the requested language, with its regions (may be none). */
export interface CountryChoice {
  code: string;
  name: string;
  regions: { code: string; name: string }[];
}

export type UpcomingHoliday = PublicHoliday & { keptOpen: boolean };

const countryLists = new Map<string, CountryChoice[]>();
const namers = new Map<string, Holidays>();

/**
 * Every country with public holidays, for the console's select: names from Intl.DisplayNames in `lang`
 * (date-holidays names countries in their own language), regions as date-holidays names them, both sorted
 * the way `lang` sorts. Cached per language for the life of the process.
 */
export function countryChoices(lang: string): CountryChoice[] {
  let list = countryLists.get(lang);
  if (list) return list;
  const displayNames = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  const collator = new Intl.Collator(lang);
  const byName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
  list = Object.entries(listCountries())
    .map(([code, ownName]) => {
      let name: string | undefined;
      try {
        name = displayNames.of(code);
      } catch {
        name = undefined; // a code Intl does not know as a region
      }
      const regions = Object.entries(listRegions(code)).map(([regionCode, regionName]) => ({ code: regionCode, name: regionName })).sort(byName);
      return { code, name: name ?? ownName, regions };
    })
    .sort(byName);
  countryLists.set(lang, list);
  return list;
}

/**
 * The public holidays from `fromLocalDate` for `days` days, each with whether the owner keeps it open (rule
 * and date as the engine sees them) and its name in `lang` where date-holidays has one (else its own).
 */
export function upcomingHolidaysIn(
  choice: { country: string; region?: string | undefined; keepOpen: readonly string[] },
  fromLocalDate: string,
  days: number,
  lang: string,
): UpcomingHoliday[] {
  const holidays = upcomingHolidays(choice, fromLocalDate, days);
  const key = `${choice.country}/${choice.region ?? ''}/${lang}`;
  let namer = namers.get(key);
  if (!namer) {
    namer = choice.region === undefined
      ? new Holidays(choice.country, { languages: [lang] })
      : new Holidays(choice.country, choice.region, { languages: [lang] });
    namers.set(key, namer);
  }
  const names = new Map<string, string>();
  const years = new Set(holidays.map((holiday) => Number(holiday.date.slice(0, 4))));
  for (const year of years) {
    for (const holiday of namer.getHolidays(year)) names.set(`${holiday.date.slice(0, 10)} ${holiday.rule}`, holiday.name);
  }
  return holidays.map((holiday) => ({ ...holiday, name: names.get(`${holiday.date} ${holiday.rule}`) ?? holiday.name }));
}
