import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken } from '../../shared/index.ts';
import { api } from '../helpers/clients.ts';
import { addOperator, sessionCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let demoId: string;
let otherId: string;
let owner: string;
let otherOwner: string;
let member: string;

beforeAll(async () => {
  server = await startServer();
  demoId = (await server.store.getSiteByKey('demo'))!.id;
  const petr = await addOperator(server.store, { email: 'petr@other.example', name: 'Petr', password: 'another-long-password', siteKey: 'other-shop', role: 'owner' });
  otherId = petr.siteId;
  await addOperator(server.store, { email: 'eva@example.com', name: 'Eva', password: 'eva-long-password', role: 'operator' });
  owner = await sessionCookie(server);
  otherOwner = await sessionCookie(server, petr.email);
  member = await sessionCookie(server, 'eva@example.com');
});
afterAll(async () => {
  await server.destroy();
});

const tokensPath = (siteId: string) => `/api/v1/sites/${siteId}/api-tokens`;
async function createToken(name: string, siteId = demoId, cookie = owner) {
  const created = await api<ApiToken & { token: string }>(server.url, 'POST', tokensPath(siteId), { cookie, body: { name } });
  expect(created.status).toBe(201);
  return created.body;
}

/** A request with only the bearer token, as a customer's backend sends it (no cookie; fetch sends no Origin). */
async function withBearer(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, token: string, body?: unknown, origin?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (origin !== undefined) headers.origin = origin;
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

describe('owners manage API tokens', () => {
  it('creates a named token shown once, lists it without any secret, and revokes it', async () => {
    const created = await createToken('  Shop backend ');
    expect(created).toEqual({ id: expect.any(String), name: 'Shop backend', createdAt: expect.any(String), lastUsedAt: null, token: expect.stringMatching(/^plt_[A-Za-z0-9_-]{43}$/) });
    const listed = await api<{ tokens: ApiToken[] }>(server.url, 'GET', tokensPath(demoId), { cookie: owner });
    expect(listed.status).toBe(200);
    expect(listed.body.tokens).toContainEqual({ id: created.id, name: 'Shop backend', createdAt: created.createdAt, lastUsedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(created.token.slice(4));

    expect((await api(server.url, 'DELETE', `${tokensPath(demoId)}/${created.id}`, { cookie: owner })).status).toBe(204);
    expect((await api(server.url, 'DELETE', `${tokensPath(demoId)}/${created.id}`, { cookie: owner })).status).toBe(404);
    expect((await api<{ tokens: ApiToken[] }>(server.url, 'GET', tokensPath(demoId), { cookie: owner })).body.tokens.map((t) => t.id)).not.toContain(created.id);
  });

  it('refuses a missing name, operators who are not owners, strangers, and another website\'s page', async () => {
    expect((await api(server.url, 'POST', tokensPath(demoId), { cookie: owner, body: { name: ' ' } })).status).toBe(400);
    expect((await api(server.url, 'POST', tokensPath(demoId), { cookie: member, body: { name: 'x' } })).status).toBe(403);
    expect((await api(server.url, 'GET', tokensPath(demoId), { cookie: member })).status).toBe(403);
    expect((await api(server.url, 'GET', tokensPath(demoId), { cookie: otherOwner })).status).toBe(404);
    expect((await api(server.url, 'GET', tokensPath(demoId))).status).toBe(401);
    const crossSite = await api(server.url, 'POST', tokensPath(demoId), { cookie: owner, body: { name: 'x' }, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  it('a token of another site cannot be revoked through this one', async () => {
    const theirs = await createToken('Theirs', otherId, otherOwner);
    expect((await api(server.url, 'DELETE', `${tokensPath(demoId)}/${theirs.id}`, { cookie: owner })).status).toBe(404);
    expect((await withBearer('GET', '/api/v1/sites/other-shop/settings', theirs.token)).status).toBe(200);
  });
});

describe('a bearer token', () => {
  it('reads and replaces its own site\'s settings, without a cookie and even from another page\'s Origin', async () => {
    const { token } = await createToken('Settings sync');
    const read = await withBearer('GET', '/api/v1/sites/demo/settings', token);
    expect(read.status).toBe(200);
    const written = await withBearer('PUT', '/api/v1/sites/demo/settings', token, { ...read.body, teamName: 'Set by the backend' }, 'https://backend.example');
    expect(written.status).toBe(200);
    expect((await api(server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: owner })).body.teamName).toBe('Set by the backend');
    const invalid = await withBearer('PUT', '/api/v1/sites/demo/settings', token, { ...read.body, allowedOrigins: ['not an origin'] });
    expect(invalid.status).toBe(400);
    expect((await api(server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: owner })).body.teamName).toBe('Set by the backend');
  });

  it('is listed with when it was last used', async () => {
    const { id, token } = await createToken('Nightly sync');
    const listedBefore = await api<{ tokens: ApiToken[] }>(server.url, 'GET', tokensPath(demoId), { cookie: owner });
    expect(listedBefore.body.tokens.find((t) => t.id === id)?.lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await withBearer('GET', '/api/v1/sites/demo/settings', token)).status).toBe(200);
    const listed = await api<{ tokens: ApiToken[] }>(server.url, 'GET', tokensPath(demoId), { cookie: owner });
    const lastUsedAt = listed.body.tokens.find((t) => t.id === id)?.lastUsedAt;
    expect(Date.parse(lastUsedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });

  it('is refused when revoked, wrong, malformed or of another site', async () => {
    const { id, token } = await createToken('Soon revoked');
    const theirs = await createToken('Other shop', otherId, otherOwner);
    expect((await withBearer('GET', '/api/v1/sites/demo/settings', token)).status).toBe(200);
    await api(server.url, 'DELETE', `${tokensPath(demoId)}/${id}`, { cookie: owner });
    const revoked = await withBearer('GET', '/api/v1/sites/demo/settings', token);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('unauthorized');
    expect((await withBearer('GET', '/api/v1/sites/demo/settings', `plt_${'x'.repeat(43)}`)).status).toBe(401);
    expect((await withBearer('PUT', '/api/v1/sites/demo/settings', 'not a token!', {})).status).toBe(401);
    const basic = await fetch(`${server.url}/api/v1/sites/demo/settings`, { headers: { authorization: 'Basic amFuYTpwdw==', cookie: owner } });
    expect(basic.status).toBe(401);
    // Another site's token finds nothing here, reading or writing.
    expect((await withBearer('GET', '/api/v1/sites/demo/settings', theirs.token)).status).toBe(404);
    expect((await withBearer('PUT', '/api/v1/sites/demo/settings', theirs.token, {})).status).toBe(404);
  });

  it('authenticates nothing but the settings', async () => {
    const { token } = await createToken('Narrow');
    expect((await withBearer('GET', '/api/v1/auth/me', token)).status).toBe(401);
    expect((await withBearer('GET', tokensPath(demoId), token)).status).toBe(401);
    expect((await withBearer('POST', tokensPath(demoId), token, { name: 'minted by a token' })).status).toBe(401);
    expect((await withBearer('GET', `/api/v1/sites/${demoId}/operators`, token)).status).toBe(401);
    expect((await withBearer('GET', `/api/v1/sites/${demoId}/saved-replies`, token)).status).toBe(401);
    // On other routes a bearer header does not lift the Origin check for the cookie it travels with.
    const riding = await api(server.url, 'POST', tokensPath(demoId), { cookie: owner, body: { name: 'x' }, origin: 'https://evil.example' });
    expect(riding.status).toBe(403);
    const ridingWithBearer = await fetch(`${server.url}${tokensPath(demoId)}`, {
      method: 'POST',
      headers: { cookie: owner, authorization: `Bearer ${token}`, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(ridingWithBearer.status).toBe(403);
  });

  it('a cookie sent along with a bearer header is ignored on the settings: the token alone decides', async () => {
    const response = await fetch(`${server.url}/api/v1/sites/demo/settings`, {
      method: 'PUT',
      headers: { cookie: owner, authorization: 'Bearer plt_wrong', origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(response.status).toBe(401);
  });
});
