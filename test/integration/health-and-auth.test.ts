import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_ATTEMPTS_PER_MINUTE } from '../../server/http/auth-routes.ts';
import { PROTOCOL_VERSION } from '../../shared/index.ts';
import { closeAllSockets, connected, login, operatorSocket, refused } from '../helpers/clients.ts';
import { OPERATOR, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllSockets();
  await server.destroy();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('GET /healthz', () => {
  it('answers 200 with the storage in use while the database answers', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', storage: 'sqlite' });
  });

  it('answers 503 with a reason, and keeps serving, when the database is gone', async () => {
    const broken = await startServer();
    try {
      await broken.store.close();
      const response = await fetch(`${broken.url}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', storage: 'sqlite', reason: 'The database does not answer.' });
      const login = await post('/api/v1/auth/login', { email: OPERATOR.email, password: OPERATOR.password });
      expect(login.status).toBe(200); // the other server is unaffected
      const failing = await fetch(`${broken.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: OPERATOR.email, password: OPERATOR.password }),
      });
      expect(failing.status).toBe(500);
      expect(await failing.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on the server. Please try again.' } });
    } finally {
      await broken.destroy();
    }
  });
});

describe('operator sign-in', () => {
  it('signs in with e-mail and password, setting an httpOnly SameSite session cookie', async () => {
    const response = await post('/api/v1/auth/login', { email: OPERATOR.email, password: OPERATOR.password });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.operator).toEqual({ id: expect.any(String), email: OPERATOR.email, name: OPERATOR.name });
    expect(body.sites).toEqual([{ id: expect.any(String), key: 'demo', name: 'Demo tea shop', role: 'owner' }]);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^porchlight_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(body).not.toHaveProperty('passwordHash');
  });

  it('accepts the e-mail in any letter case', async () => {
    const response = await post('/api/v1/auth/login', { email: OPERATOR.email.toUpperCase(), password: OPERATOR.password });
    expect(response.status).toBe(200);
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const wrong = await post('/api/v1/auth/login', { email: OPERATOR.email, password: 'not-the-password' });
    const unknown = await post('/api/v1/auth/login', { email: 'nobody@example.com', password: 'whatever-it-is' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.json()).toEqual({
        error: { code: 'invalid_credentials', message: 'The e-mail or password is not correct.' },
      });
    }
  });

  it('answers malformed bodies with invalid_payload and a sentence, never an exception', async () => {
    const cases = [
      await post('/api/v1/auth/login', { email: 42, password: [] }),
      await post('/api/v1/auth/login', '{"email": '),
      await post('/api/v1/auth/login', {}),
    ];
    for (const response of cases) {
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe('invalid_payload');
      expect(body.error.message).not.toMatch(/at .*\.ts|Error:|stack/);
    }
  });

  it('tells who is signed in, and nobody without a valid cookie', async () => {
    const cookie = await login(server.url);
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).operator.email).toBe(OPERATOR.email);
    const anonymous = await fetch(`${server.url}/api/v1/auth/me`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthorized');
    const forged = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: 'porchlight_session=forged-token-value-0000000000000000000' } });
    expect(forged.status).toBe(401);
  });

  it('signing out ends the session at once, including its open console sockets', async () => {
    const cookie = await login(server.url);
    const socket = operatorSocket(server.url, cookie);
    await connected(socket);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const response = await post('/api/v1/auth/logout', {}, { cookie });
    expect(response.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect((await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
    const again = operatorSocket(server.url, cookie);
    expect(await refused(again)).toMatchObject({ code: 'unauthorized' });
  });

  it('limits sign-in attempts per address', async () => {
    const limited = await startServer();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < LOGIN_ATTEMPTS_PER_MINUTE + 2; i += 1) {
        const response = await fetch(`${limited.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: OPERATOR.email, password: `guess-${i}` }),
        });
        statuses.push(response.status);
        if (response.status === 429) expect((await response.json()).error.code).toBe('rate_limited');
      }
      expect(statuses.slice(0, LOGIN_ATTEMPTS_PER_MINUTE).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(LOGIN_ATTEMPTS_PER_MINUTE)).toEqual([429, 429]);
    } finally {
      await limited.destroy();
    }
  });
});

describe('cross-site requests', () => {
  it('refuses state-changing API requests from another website, and changes nothing', async () => {
    const cookie = await login(server.url);
    const evil = { origin: 'https://evil.example', cookie };
    const logout = await post('/api/v1/auth/logout', {}, evil);
    expect(logout.status).toBe(403);
    expect((await logout.json()).error.code).toBe('forbidden');
    expect((await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(200);
    const settings = await (await fetch(`${server.url}/api/v1/sites/demo/settings`, { headers: { cookie } })).json();
    const put = await fetch(`${server.url}/api/v1/sites/demo/settings`, {
      method: 'PUT',
      headers: { ...evil, 'content-type': 'application/json' },
      body: JSON.stringify({ ...settings, teamName: 'Hijacked' }),
    });
    expect(put.status).toBe(403);
    expect((await (await fetch(`${server.url}/api/v1/sites/demo/settings`, { headers: { cookie } })).json()).teamName).toBe(settings.teamName);
    expect((await post('/api/v1/auth/login', { email: OPERATOR.email, password: OPERATOR.password }, { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('accepts them from the console\'s own origin', async () => {
    const cookie = await login(server.url);
    const response = await post('/api/v1/auth/logout', {}, { cookie, origin: server.url });
    expect(response.status).toBe(204);
  });
});

describe('operator socket handshake', () => {
  it('refuses a socket without a session', async () => {
    expect(await refused(operatorSocket(server.url, ''))).toMatchObject({ code: 'unauthorized', message: 'Please sign in.' });
  });

  it('refuses a socket opened from another website, even with a valid cookie', async () => {
    const cookie = await login(server.url);
    const socket = operatorSocket(server.url, cookie, { origin: 'https://evil.example' });
    expect(await refused(socket)).toMatchObject({ code: 'forbidden' });
  });

  it('tells an outdated console to reload', async () => {
    const cookie = await login(server.url);
    const socket = operatorSocket(server.url, cookie, { auth: { v: PROTOCOL_VERSION - 1 } });
    const error = await refused(socket);
    expect(error.code).toBe('protocol_mismatch');
    expect(error.message).toMatch(/reload/i);
  });
});
