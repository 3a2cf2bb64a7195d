import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS, type SessionInfo, type SiteMembership, type SiteSettings } from '../../shared/index.ts';
import { api, callOk, closeAllSockets, connected, newVisitor, nextEvent, operatorSocket } from '../helpers/clients.ts';
import { addOperator, OPERATOR, sessionCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let jana: string;
let eva: string;

beforeAll(async () => {
  server = await startServer();
  // Eva answers chats on the demo site; she owns nothing, and may still start a site of her own.
  await addOperator(server.store, { email: 'eva@example.com', name: 'Eva Malá', password: 'eva-long-password', role: 'operator' });
  jana = await sessionCookie(server);
  eva = await sessionCookie(server, 'eva@example.com');
});
afterAll(async () => {
  closeAllSockets();
  await server.destroy();
});

async function createSite(name: unknown, cookie = jana) {
  return api<{ site: SiteMembership } & { error?: { code: string; message: string } }>(server.url, 'POST', '/api/v1/sites', { cookie, body: { name } });
}

const sitesOf = async (cookie: string) => (await api<SessionInfo>(server.url, 'GET', '/api/v1/auth/me', { cookie })).body.sites;

describe('POST /api/v1/sites', () => {
  it('creates a site owned by its creator, with an unguessable unique key, listed in /auth/me', async () => {
    const first = await createSite('  Bakery Novák ');
    const second = await createSite('Bakery Novák');
    expect(first.status).toBe(201);
    expect(first.body.site).toEqual({ id: expect.any(String), key: expect.stringMatching(/^s_[A-Za-z0-9_-]{22}$/), name: 'Bakery Novák', role: 'owner' });
    expect(second.status).toBe(201);
    // The same name twice makes two sites with different keys: a key is never derived from the name.
    expect(second.body.site.key).not.toBe(first.body.site.key);
    expect(first.body.site.key).not.toMatch(/bakery/i);

    const sites = await sitesOf(jana);
    expect(sites).toContainEqual(first.body.site);
    expect(sites).toContainEqual(second.body.site);
    expect(sites.find((s) => s.key === 'demo')?.role).toBe('owner');
    // As its owner, Jana reads and manages it at once.
    expect((await api(server.url, 'GET', `/api/v1/sites/${first.body.site.id}/operators`, { cookie: jana })).status).toBe(200);
  });

  it("starts the site with the default settings and the creator's name as the team name", async () => {
    const { body } = await createSite('Flower shop');
    const settings = await api<SiteSettings>(server.url, 'GET', `/api/v1/sites/${body.site.key}/settings`, { cookie: jana });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ ...DEFAULT_SITE_SETTINGS, teamName: OPERATOR.name });
    const availability = await api<{ teamName: string }>(server.url, 'GET', `/api/v1/sites/${body.site.key}/availability`);
    expect(availability.status).toBe(200);
  });

  it('lets an operator who owns no site create one, which the other operators do not see', async () => {
    const before = await sitesOf(jana);
    const created = await createSite("Eva's studio", eva);
    expect(created.status).toBe(201);
    expect(created.body.site.role).toBe('owner');
    expect(await sitesOf(eva)).toContainEqual(created.body.site);
    expect(await sitesOf(jana)).toEqual(before);
    // A site of others does not exist for Jana.
    expect((await api(server.url, 'GET', `/api/v1/sites/${created.body.site.key}/settings`, { cookie: jana })).status).toBe(404);
    expect((await api(server.url, 'GET', `/api/v1/sites/${created.body.site.id}/operators`, { cookie: jana })).status).toBe(404);
    const settings = await api<SiteSettings>(server.url, 'GET', `/api/v1/sites/${created.body.site.key}/settings`, { cookie: eva });
    expect(settings.body.teamName).toBe('Eva Malá');
  });

  it("joins the creator's open console to the new site, so its first visitor's message arrives without reconnecting", async () => {
    const janaConsole = operatorSocket(server.url, jana);
    await connected(janaConsole);
    const { body } = await createSite('Live at once');
    const visitor = await newVisitor(server.url, body.site.key);
    const arrived = nextEvent<{ conversation: { siteId: string } }>(janaConsole, 'message:created');
    await callOk(visitor.socket, 'message:send', { clientId: `new-site-${Date.now()}`, body: 'Hello, new shop!' });
    expect((await arrived).conversation.siteId).toBe(body.site.id);
  });

  it('refuses a blank, too long or missing name with a sentence naming the field, and creates nothing', async () => {
    const before = await sitesOf(jana);
    const blank = await createSite('   ');
    expect(blank.status).toBe(400);
    expect(blank.body.error).toEqual({ code: 'invalid_payload', message: expect.stringContaining("name: Enter the site's name") });
    const long = await createSite('x'.repeat(81));
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toContain("name: A site's name can be at most 80 characters long.");
    const missing = await api<{ error: { code: string } }>(server.url, 'POST', '/api/v1/sites', { cookie: jana, body: {} });
    expect(missing.status).toBe(400);
    expect((await createSite(42)).status).toBe(400);
    expect(await sitesOf(jana)).toEqual(before);
  });

  it('refuses a request without a session, and one from another website, creating nothing', async () => {
    const before = await sitesOf(jana);
    const anonymous = await api<{ error: { code: string } }>(server.url, 'POST', '/api/v1/sites', { body: { name: 'Sneaky' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
    const crossSite = await api(server.url, 'POST', '/api/v1/sites', { cookie: jana, body: { name: 'Sneaky' }, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await sitesOf(jana)).toEqual(before);
  });
});

describe('PUT /api/v1/sites/:siteId', () => {
  it("renames a site for its owners, keeping its key, and the new name is in everyone's /auth/me", async () => {
    const { body } = await createSite('Old name');
    const renamed = await api<{ site: SiteMembership }>(server.url, 'PUT', `/api/v1/sites/${body.site.id}`, { cookie: jana, body: { name: ' New name ' } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.site).toEqual({ ...body.site, name: 'New name' });
    expect(await sitesOf(jana)).toContainEqual({ ...body.site, name: 'New name' });
    expect((await api(server.url, 'GET', `/api/v1/sites/${body.site.key}/availability`)).status).toBe(200);
  });

  it('refuses a bad name, an operator who is not an owner, a stranger and no session, changing nothing', async () => {
    const demo = (await sitesOf(jana)).find((s) => s.key === 'demo')!;
    const bad = await api<{ error: { message: string } }>(server.url, 'PUT', `/api/v1/sites/${demo.id}`, { cookie: jana, body: { name: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("name: Enter the site's name");
    // Eva answers chats on the demo site but does not own it.
    expect((await api(server.url, 'PUT', `/api/v1/sites/${demo.id}`, { cookie: eva, body: { name: 'Eva was here' } })).status).toBe(403);
    const evas = await createSite('Eva only', eva);
    expect((await api(server.url, 'PUT', `/api/v1/sites/${evas.body.site.id}`, { cookie: jana, body: { name: 'Mine now' } })).status).toBe(404);
    expect((await api(server.url, 'PUT', `/api/v1/sites/${demo.id}`, { body: { name: 'Anonymous' } })).status).toBe(401);
    expect((await sitesOf(jana)).find((s) => s.key === 'demo')?.name).toBe(demo.name);
    expect((await sitesOf(eva)).find((s) => s.id === evas.body.site.id)?.name).toBe('Eva only');
  });
});
