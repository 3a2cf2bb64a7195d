import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HolidayCountryList, SiteSettings, UpcomingHolidayList } from '../../shared/index.ts';
import { api } from '../helpers/clients.ts';
import { addOperator, sessionCookie, startServer, steerableClock, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let owner: string;
let operator: string;

beforeAll(async () => {
  // 2026-12-20 11:00 in Prague: Christmas Eve is the first Czech public holiday ahead.
  server = await startServer({ clock: steerableClock(new Date('2026-12-20T10:00:00Z')) });
  owner = await sessionCookie(server);
  await addOperator(server.store, { email: 'petr@example.com', name: 'Petr', password: 'another-long-password' });
  operator = await sessionCookie(server, 'petr@example.com');
  // The demo site is seeded without public holidays; these tests are about a Czech shop.
  const before = await settings();
  const saved = await api(server.url, 'PUT', '/api/v1/sites/demo/settings', {
    cookie: owner,
    body: { ...before, schedule: { ...before.schedule, holidays: { country: 'CZ', keepOpen: [] } } },
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await server.destroy();
});

const upcoming = (query = '', cookie = owner, siteKey = 'demo') =>
  api<UpcomingHolidayList & { error: { code: string; message: string } }>(server.url, 'GET', `/api/v1/sites/${siteKey}/holidays/upcoming${query}`, { cookie });
const settings = async (): Promise<SiteSettings> => (await api<SiteSettings>(server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: owner })).body;

describe('GET /api/v1/holidays/countries', () => {
  it('lists the countries with their regions, named in the requested language', async () => {
    const en = await api<HolidayCountryList>(server.url, 'GET', '/api/v1/holidays/countries?lang=en', { cookie: operator });
    expect(en.status).toBe(200);
    const germany = en.body.countries.find((country) => country.code === 'DE');
    expect(germany?.name).toBe('Germany');
    expect(germany?.regions.map((region) => region.code)).toContain('BY');
    expect(en.body.countries.find((country) => country.code === 'CZ')?.name).toBe('Czechia');
    const cs = await api<HolidayCountryList>(server.url, 'GET', '/api/v1/holidays/countries?lang=cs', { cookie: operator });
    expect(cs.body.countries.find((country) => country.code === 'DE')?.name).toBe('Německo');
  });

  it('needs a session and refuses a language we do not speak', async () => {
    expect((await api(server.url, 'GET', '/api/v1/holidays/countries')).status).toBe(401);
    const refused = await api(server.url, 'GET', '/api/v1/holidays/countries?lang=xx', { cookie: owner });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_payload');
  });
});

describe('GET /api/v1/sites/:siteKey/holidays/upcoming', () => {
  it("lists the next twelve months of the site's public holidays from today in the site's zone, in the requested language", async () => {
    const response = await upcoming('?lang=cs');
    expect(response.status).toBe(200);
    expect(response.body.country).toBe('CZ');
    expect(response.body.from).toBe('2026-12-20');
    const [first] = response.body.holidays;
    expect(first).toMatchObject({ date: '2026-12-24', name: 'Štědrý den', keptOpen: false });
    expect(first?.rule).toMatch(/^12-24/);
    const dates = response.body.holidays.map((holiday) => holiday.date);
    expect(dates).toContain('2027-01-01');
    expect(dates.at(-1)! < '2027-12-21').toBe(true);
    expect(dates.every((date) => date >= '2026-12-20')).toBe(true);
  });

  it('marks a holiday the saved settings keep open, and forgets it again (the keep-open switch round-trips)', async () => {
    const before = await settings();
    const { body } = await upcoming();
    const christmasEve = body.holidays[0]!;
    const kept = await api(server.url, 'PUT', '/api/v1/sites/demo/settings', {
      cookie: owner,
      body: { ...before, schedule: { ...before.schedule, holidays: { country: 'CZ', keepOpen: [christmasEve.rule] } } },
    });
    expect(kept.status).toBe(200);
    expect((await upcoming()).body.holidays.find((holiday) => holiday.date === '2026-12-24')?.keptOpen).toBe(true);
    expect((await upcoming()).body.holidays.find((holiday) => holiday.date === '2026-12-25')?.keptOpen).toBe(false);
    await api(server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie: owner, body: before });
    expect((await upcoming()).body.holidays[0]?.keptOpen).toBe(false);
  });

  it("answers for a queried country and region, and an empty list when the site uses no public holidays", async () => {
    const bavaria = await upcoming('?country=DE&region=BY&lang=en');
    expect(bavaria.status).toBe(200);
    expect(bavaria.body).toMatchObject({ country: 'DE', region: 'BY' });
    expect(bavaria.body.holidays.map((holiday) => holiday.name)).toContain('Epiphany');
    const before = await settings();
    await api(server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie: owner, body: { ...before, schedule: { ...before.schedule, holidays: null } } });
    expect((await upcoming()).body).toEqual({ country: null, region: null, from: '2026-12-20', holidays: [] });
    await api(server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie: owner, body: before });
  });

  it('refuses unknown or malformed countries and regions with a sentence', async () => {
    for (const query of ['?country=XX', '?country=cz', '?country=DE&region=ZZ', '?region=BY', '?lang=fr', '?country=DE&region=%3Cb%3E']) {
      const response = await upcoming(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('invalid_payload');
      expect(response.body.error.message.length).toBeGreaterThan(10);
    }
  });

  it("is for the site's owners: 401 without a session, 403 for an operator, 404 for a site that is not theirs", async () => {
    expect((await upcoming('', '')).status).toBe(401);
    expect((await upcoming('', operator)).status).toBe(403);
    expect((await upcoming('', owner, 'no-such-site')).status).toBe(404);
  });
});
