import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { HolidayCountriesQuery, UpcomingHolidaysQuery, type UpcomingHolidayList } from '../../shared/index.ts';
import { isKnownCountry, isKnownRegion } from '../../shared/schedule/index.ts';
import { resumeSession, SESSION_COOKIE } from '../auth/session-cookie.ts';
import type { AppContext } from '../context.ts';
import { countryChoices, upcomingHolidaysIn } from '../holidays/localised-holidays.ts';
import { ownedSiteByKey } from './owned-site-by-key.ts';
import { sendError } from './send-error.ts';

const SiteParams = z.object({ siteKey: z.string().min(1).max(64) });

/** How far ahead the console lists holidays: a year, so every yearly holiday appears once. */
const UPCOMING_DAYS = 366;

/**
 * Public holidays for the console's Hours screen:
 * - `GET /api/v1/holidays/countries?lang=` — countries and regions (any signed-in operator);
 * - `GET /api/v1/sites/:siteKey/holidays/upcoming?country=&region=&lang=` — the next twelve months of public
 *   holidays with their rule keys and whether the saved settings keep each open (owners).
 */
export async function holidayRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock, config, availability } = ctx;

  app.get('/api/v1/holidays/countries', async (request, reply) => {
    const session = await resumeSession(store, clock, config.sessionTtlMs, request.cookies[SESSION_COOKIE]);
    if (!session) return sendError(reply, 401, { code: 'unauthorized' });
    const query = HolidayCountriesQuery.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, { code: 'invalid_payload', message: query.error.issues[0]!.message });
    reply.header('Cache-Control', 'private, max-age=3600');
    return reply.send({ countries: countryChoices(query.data.lang ?? 'en') });
  });

  app.get('/api/v1/sites/:siteKey/holidays/upcoming', async (request, reply) => {
    const params = SiteParams.safeParse(request.params);
    if (!params.success) return sendError(reply, 404, { code: 'not_found' });
    const owned = await ownedSiteByKey(ctx, request, params.data.siteKey);
    if (!owned.ok) return sendError(reply, owned.status, { code: owned.code });
    const query = UpcomingHolidaysQuery.safeParse(request.query);
    if (!query.success) return sendError(reply, 400, { code: 'invalid_payload', message: query.error.issues[0]!.message });
    const { country, region, lang = 'en' } = query.data;
    if (region !== undefined && country === undefined) {
      return sendError(reply, 400, { code: 'invalid_payload', message: 'region needs a country.' });
    }
    if (country !== undefined && !isKnownCountry(country)) {
      return sendError(reply, 400, { code: 'invalid_payload', message: `We don't know the public holidays of "${country}".` });
    }
    if (country !== undefined && region !== undefined && !isKnownRegion(country, region)) {
      return sendError(reply, 400, { code: 'invalid_payload', message: `"${region}" is not a region of ${country} we know holidays for.` });
    }
    const { schedule } = await availability.settings(owned.site.id);
    const from = DateTime.fromJSDate(clock.now(), { zone: schedule.timeZone }).toISODate() ?? clock.now().toISOString().slice(0, 10);
    const saved = schedule.holidays;
    // The saved keep-open choices apply to the same country; rule keys of another country mean other days.
    const choice = country === undefined
      ? saved
      : { country, region, keepOpen: saved !== null && saved.country === country ? saved.keepOpen : [] };
    reply.header('Cache-Control', 'no-store');
    const answer: UpcomingHolidayList = choice === null
      ? { country: null, region: null, from, holidays: [] }
      : {
          country: choice.country,
          region: choice.region ?? null,
          from,
          holidays: upcomingHolidaysIn(choice, from, UPCOMING_DAYS, lang).map(({ date, name, rule, keptOpen }) => ({ date, name, rule, keptOpen })),
        };
    return reply.send(answer);
  });
}
