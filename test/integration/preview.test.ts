import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type SiteSettings } from '../../shared/index.ts';
import { api, closeAllSockets, connected, refused, visitorSocket } from '../helpers/clients.ts';
import { addOperator, sessionCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let owner: string;
let operator: string;
const AT = '2026-12-24T09:30:00Z';

beforeAll(async () => {
  server = await startServer();
  owner = await sessionCookie(server);
  await addOperator(server.store, { email: 'petr@example.com', name: 'Petr', password: 'another-long-password' });
  operator = await sessionCookie(server, 'petr@example.com');
});
afterAll(async () => {
  closeAllSockets();
  await server.destroy();
});

const preview = (query: string, cookie = owner, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/preview${query}`, { headers: cookie === '' ? headers : { cookie, ...headers } });

describe('GET /preview', () => {
  it('renders the real loader in preview mode with the moment, language and zone, and names the moment', async () => {
    const response = await preview(`?site=demo&at=${encodeURIComponent('2026-12-24T10:30:00+01:00')}&lang=cs&tz=America/New_York`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(`<script src="/widget.js" data-site="demo" data-preview-at="${AT}" data-lang="cs" data-time-zone="America/New_York" async></script>`);
    // 09:30 UTC is 04:30 in New York, named in Czech.
    expect(html).toMatch(/24\. prosince 2026.*4:30/);
  });

  it("defaults the language and zone to the site's own", async () => {
    const html = await (await preview(`?site=demo&at=${AT}`)).text();
    expect(html).toContain('data-lang="en" data-time-zone="Europe/Prague"');
  });

  it('answers a clear 400 for every parameter that is missing or wrong', async () => {
    const cases: [string, RegExp][] = [
      ['?at=2026-12-24T09:30:00Z', /site/],
      ['?site=demo', /ISO-8601/],
      ['?site=demo&at=tomorrow', /ISO-8601/],
      ['?site=demo&at=2026-12-24T09:30:00', /ISO-8601/],
      [`?site=demo&at=${AT}&lang=fr`, /en, cs, sk, pl, hr, de/],
      [`?site=demo&at=${AT}&tz=Mars/Olympus`, /IANA time zone/],
      [`?site=demo&at=${AT}&tz=%22%3E%3Cscript%3E`, /IANA time zone/],
      [`?site=demo&at=${AT}&theme=dark`, /Unknown parameter: theme/],
      [`?site=${'x'.repeat(65)}&at=${AT}`, /site/],
    ];
    for (const [query, message] of cases) {
      const response = await preview(query);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_payload');
      expect(body.error.message, query).toMatch(message);
    }
  });

  it("is for the site's owners: 401 without a session, 404 for an operator or a site that is not theirs", async () => {
    expect((await preview(`?site=demo&at=${AT}`, '')).status).toBe(401);
    expect((await preview(`?site=demo&at=${AT}`, operator)).status).toBe(404);
    expect((await preview(`?site=elsewhere&at=${AT}`)).status).toBe(404);
  });

  it('never puts a site key or name with quotes or angle brackets into the HTML raw', async () => {
    const key = `x"><script>alert(1)</script>'`;
    const now = new Date().toISOString();
    const site = await server.store.ensureSite({ key, name: `<b>"Bad" & 'Co'</b>`, now });
    const me = await server.store.getOperatorByEmail('jana@example.com');
    await server.store.addOperatorToSite({ operatorId: me!.id, siteId: site.id, role: 'owner' });
    const response = await preview(`?site=${encodeURIComponent(key)}&at=${AT}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>');
    expect(html).toContain('data-site="x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;"');
    expect(html).toContain('<title>Preview: &lt;b&gt;&quot;Bad&quot; &amp; &#39;Co&#39;&lt;/b&gt;</title>');
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('may be framed by our own pages only, and loads only our own code', async () => {
    const response = await preview(`?site=demo&at=${AT}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    // The console that frames it allows same-origin frames (default-src 'self' covers frame-src).
    const consoleCsp = (await fetch(`${server.url}/console/`)).headers.get('content-security-policy') ?? '';
    expect(consoleCsp).toContain("default-src 'self'");
    expect(consoleCsp).not.toMatch(/frame-src/);
  });
});

describe("the server's own origin with allowed origins set", () => {
  const SHOP = 'https://shop.example';
  let before: SiteSettings;
  beforeAll(async () => {
    before = (await api<SiteSettings>(server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: owner })).body;
    const saved = await api(server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie: owner, body: { ...before, allowedOrigins: [SHOP] } });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await api(server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie: owner, body: before });
  });

  const get = (path: string, origin: string) => fetch(`${server.url}${path}`, { headers: { origin } });

  it('is always allowed on availability and faq, while another origin is still refused', async () => {
    expect((await get(`/api/v1/sites/demo/availability?at=${AT}`, server.url)).status).toBe(200);
    expect((await get('/api/v1/sites/demo/faq', server.url)).status).toBe(200);
    expect((await get('/api/v1/sites/demo/availability', SHOP)).status).toBe(200);
    const stranger = await get('/api/v1/sites/demo/availability', 'https://elsewhere.example');
    expect(stranger.status).toBe(404);
    expect(((await stranger.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
  });

  it("is allowed when it is the configured public URL's origin", async () => {
    expect((await get('/api/v1/sites/demo/faq', new URL(server.config.publicUrl).origin)).status).toBe(200);
  });

  it('is allowed on a visitor socket, while another origin is refused', async () => {
    await connected(visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'demo' }, { headers: { origin: server.url } }));
    const refusal = await refused(visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'demo' }, { headers: { origin: 'https://elsewhere.example' } }));
    expect(refusal.code).toBe('origin_not_allowed');
  });
});
