import { z } from 'zod';
import { Language } from './settings.ts';

/** `GET /api/v1/holidays/countries?lang=`: the countries with public holidays, named in `lang`, with regions. */
export const HolidayCountriesQuery = z.strictObject({ lang: Language.optional() });
export const HolidayCountryList = z.object({
  countries: z.array(
    z.object({
      /** ISO 3166-1 alpha-2, as `schedule.holidays.country` takes it. */
      code: z.string(),
      name: z.string(),
      /** date-holidays "states": what `schedule.holidays.region` takes; often none. */
      regions: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
});
export type HolidayCountryList = z.infer<typeof HolidayCountryList>;

/**
 * `GET /api/v1/sites/:siteKey/holidays/upcoming?country=&region=&lang=`: the next twelve months of public
 * holidays of the queried country (and region), or of the site's configured ones when no country is given.
 */
export const UpcomingHolidaysQuery = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'country must be a two-letter code in capitals, e.g. CZ.' }).optional(),
  region: z.string().regex(/^[A-Za-z0-9]{1,6}$/, { error: 'region must be a region code from the countries list, e.g. BY.' }).optional(),
  lang: Language.optional(),
});
export const UpcomingHolidayList = z.object({
  /** Null when the site uses no public holidays and none was queried. */
  country: z.string().nullable(),
  region: z.string().nullable(),
  /** The first local date listed (today in the site's time zone). */
  from: z.string(),
  holidays: z.array(
    z.object({
      date: z.string(),
      name: z.string(),
      /** What `schedule.holidays.keepOpen` lists to keep this holiday open. */
      rule: z.string(),
      /** Whether the site's saved settings keep it open. */
      keptOpen: z.boolean(),
    }),
  ),
});
export type UpcomingHolidayList = z.infer<typeof UpcomingHolidayList>;
