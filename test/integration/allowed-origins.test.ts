import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type SiteSettings } from '../../shared/index.ts';
import { api, closeAllSockets, connected, refused, visitorSocket } from '../helpers/clients.ts';
import { sessionCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let owner: string;
const SHOP = 'https://shop.example';

beforeAll(async () => {
  server = await startServer();
  owner = await sessionCookie(server);
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.destroy();
});

const settings = async (): Promise<SiteSettings> => (await api<SiteSettings>(server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: owner })).body;
const putSettings = (body: unknown) => api(server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie: owner, body });
async function allowOnly(origins: string[]) {
  const saved = await putSettings({ ...(await settings()), allowedOrigins: origins });
  expect(saved.status).toBe(200);
}
const widgetFrom = (origin?: string) =>
  visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'demo' }, origin === undefined ? {} : { headers: { origin } });
const get = (path: string, origin?: string) => fetch(`${server.url}${path}`, { headers: origin === undefined ? {} : { origin } });

describe('allowed origins in the settings', () => {
  it('default to an empty list (any origin) and are stored normalised as browsers send them', async () => {
    expect((await settings()).allowedOrigins).toEqual([]);
    await allowOnly(['https://Shop.Example:443/', ' http://localhost:8080 ']);
    expect((await settings()).allowedOrigins).toEqual([SHOP, 'http://localhost:8080']);
    await allowOnly([]);
  });

  it('refuses a path, another scheme, a duplicate after normalising or more than 20, and stores nothing of that body', async () => {
    const before = await settings();
    for (const allowedOrigins of [
      ['https://shop.example/cart'],
      ['shop.example'],
      ['ftp://shop.example'],
      ['https://shop.example?x=1'],
      [SHOP, 'https://SHOP.example:443'],
      Array.from({ length: 21 }, (_, i) => `https://shop${i}.example`),
    ]) {
      const response = await putSettings({ ...before, teamName: 'Half saved?', allowedOrigins });
      expect(response.status, JSON.stringify(allowedOrigins)).toBe(400);
      expect(response.body.error.code).toBe('invalid_payload');
      expect(response.body.error.issues.some((issue: { path: unknown[] }) => issue.path[0] === 'allowedOrigins')).toBe(true);
    }
    expect(await settings()).toEqual(before);
  });
});

describe('with allowed origins set', () => {
  beforeAll(() => allowOnly([SHOP]));
  afterAll(() => allowOnly([]));

  it('a visitor socket from an allowed origin connects', async () => {
    await connected(widgetFrom('https://SHOP.example'));
  });

  it('a visitor socket from another origin, or without one, is refused with origin_not_allowed', async () => {
    for (const origin of ['https://evil.example', 'null', undefined]) {
      const error = await refused(widgetFrom(origin));
      expect(error.code).toBe('origin_not_allowed');
      expect(error.message).toMatch(/allowed origins/);
    }
  });

  it('availability and faq answer an allowed origin and requests without an Origin (servers), and 404 another origin', async () => {
    for (const path of ['/api/v1/sites/demo/availability', '/api/v1/sites/demo/faq']) {
      expect((await get(path, SHOP)).status).toBe(200);
      expect((await get(path)).status).toBe(200);
      const refusedHere = await get(path, 'https://evil.example');
      // 404 like an unknown site key, which is what makes the widget's loader hide itself; CORS stays open so
      // the loader can read that status at all.
      expect(refusedHere.status).toBe(404);
      expect(refusedHere.headers.get('access-control-allow-origin')).toBe('*');
      expect(((await refusedHere.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
    }
  });

  it('the owner\'s own routes are not affected', async () => {
    expect((await api(server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: owner })).status).toBe(200);
  });
});

describe('without allowed origins (the default)', () => {
  it('any origin, and none, may connect and read availability', async () => {
    expect((await settings()).allowedOrigins).toEqual([]);
    await connected(widgetFrom('https://anywhere.example'));
    await connected(widgetFrom());
    expect((await get('/api/v1/sites/demo/availability', 'https://anywhere.example')).status).toBe(200);
  });
});
