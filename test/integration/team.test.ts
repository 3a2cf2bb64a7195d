import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SavedReply, TeamMember } from '../../shared/index.ts';
import {
  api,
  closeAllSockets,
  connected,
  login,
  operatorConsole,
  operatorSocket,
  refused,
  type OperatorSocket,
} from '../helpers/clients.ts';
import { addOperator, OPERATOR, sessionCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let demoId: string;
let otherId: string;
let owner: string;
const petr = { email: 'petr@other-shop.example', password: 'another-long-password', name: 'Petr' };

beforeAll(async () => {
  server = await startServer();
  demoId = (await server.store.getSiteByKey('demo'))!.id;
  otherId = (await addOperator(server.store, { ...petr, siteKey: 'other-shop', role: 'owner' })).siteId;
  owner = await sessionCookie(server);
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.destroy();
});

let counter = 0;
/** A fresh operator of the demo site (created by the owner through the API) and their signed-in cookie. */
async function newTeamMember(role: 'owner' | 'operator' = 'operator') {
  counter += 1;
  const credentials = { email: `member${counter}@example.com`, password: `member-password-${counter}` };
  const created = await api<{ operator: TeamMember }>(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, {
    cookie: owner,
    body: { ...credentials, name: `Member ${counter}`, role },
  });
  expect(created.status).toBe(201);
  return { ...credentials, id: created.body.operator.id, cookie: await sessionCookie(server, credentials.email) };
}

/** Resolves with the reason once the server closes the socket. */
const disconnection = (socket: OperatorSocket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('sign-in answers with the role on each site', () => {
  it('login and /me list the sites with the role', async () => {
    const signedIn = await api(server.url, 'POST', '/api/v1/auth/login', { body: { email: OPERATOR.email, password: OPERATOR.password } });
    expect(signedIn.body.sites).toEqual([{ id: demoId, key: 'demo', name: 'Demo tea shop', role: 'owner' }]);
    const me = await api(server.url, 'GET', '/api/v1/auth/me', { cookie: owner });
    expect(me.status).toBe(200);
    expect(me.body.sites).toEqual([{ id: demoId, key: 'demo', name: 'Demo tea shop', role: 'owner' }]);
    const member = await newTeamMember();
    expect((await api(server.url, 'GET', '/api/v1/auth/me', { cookie: member.cookie })).body.sites).toEqual([
      { id: demoId, key: 'demo', name: 'Demo tea shop', role: 'operator' },
    ]);
  });
});

describe('the team (owners only)', () => {
  it('an owner lists the team and adds an operator with a generated password, shown once, that signs in', async () => {
    const created = await api<{ operator: TeamMember; generatedPassword: string | null }>(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, {
      cookie: owner,
      body: { email: 'Lenka@Example.com', name: ' Lenka ' },
    });
    expect(created.status).toBe(201);
    expect(created.body.operator).toMatchObject({ email: 'lenka@example.com', name: 'Lenka', role: 'operator' });
    expect(created.body.generatedPassword).toMatch(/^.{10,}$/);
    await login(server.url, { email: 'lenka@example.com', password: created.body.generatedPassword! });

    const team = await api<{ operators: TeamMember[] }>(server.url, 'GET', `/api/v1/sites/${demoId}/operators`, { cookie: owner });
    expect(team.status).toBe(200);
    expect(team.body.operators).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: OPERATOR.email, role: 'owner' }),
        expect.objectContaining({ email: 'lenka@example.com', role: 'operator' }),
      ]),
    );
    expect(JSON.stringify(team.body)).not.toMatch(/passwordHash|scrypt/);
  });

  it('refuses an e-mail already on the team, a short password and a malformed body', async () => {
    const taken = await api(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, { cookie: owner, body: { email: OPERATOR.email, name: 'Again', role: 'operator' } });
    expect(taken).toEqual({ status: 409, body: { error: { code: 'email_taken', message: 'An operator with this e-mail address already exists.' } } });
    const short = await api(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, { cookie: owner, body: { email: 'x@example.com', name: 'X', password: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'invalid_payload', message: expect.stringContaining('at least 10 characters') });
    const bad = await api(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, { cookie: owner, body: { email: 'not-an-email', name: '' } });
    expect(bad.body.error.code).toBe('invalid_payload');
    // The owner's own role cannot be changed through this route (so the last owner cannot demote themself).
    const me = await api(server.url, 'GET', '/api/v1/auth/me', { cookie: owner });
    expect(me.body.sites[0].role).toBe('owner');
  });

  it('adds an existing account of another site to this one, keeping its password', async () => {
    const added = await api<{ operator: TeamMember; generatedPassword: null }>(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, {
      cookie: owner,
      body: { email: petr.email, name: 'Ignored name', password: 'ignored-password-1' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ operator: { email: petr.email, name: 'Petr', role: 'operator' }, generatedPassword: null });
    const cookie = await login(server.url, petr);
    const me = await api(server.url, 'GET', '/api/v1/auth/me', { cookie });
    expect(me.body.sites.map((s: { key: string; role: string }) => [s.key, s.role]).sort()).toEqual([
      ['demo', 'operator'],
      ['other-shop', 'owner'],
    ]);
    // Demo's owner does not own other-shop, so may not reset the password of someone who answers for it.
    const reset = await api(server.url, 'PUT', `/api/v1/sites/${demoId}/operators/${added.body.operator.id}/password`, { cookie: owner, body: {} });
    expect(reset.status).toBe(403);
    await login(server.url, petr);
    expect((await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/operators/${added.body.operator.id}`, { cookie: owner })).status).toBe(204);
    // Removed from demo only: Petr still signs in, to other-shop alone.
    const after = await api(server.url, 'GET', '/api/v1/auth/me', { cookie: await login(server.url, petr) });
    expect(after.body.sites.map((s: { key: string }) => s.key)).toEqual(['other-shop']);
  });

  it('answers 403 to an operator who is not an owner, 404 to someone of another site, 401 without a session', async () => {
    const member = await newTeamMember();
    const petrCookie = await sessionCookie(server, petr.email);
    const routes = [
      ['GET', `/api/v1/sites/${demoId}/operators`, undefined],
      ['POST', `/api/v1/sites/${demoId}/operators`, { email: 'sneaky@example.com', name: 'Sneaky', role: 'owner' }],
      ['PUT', `/api/v1/sites/${demoId}/operators/${member.id}/password`, { password: 'taken-over-password' }],
      ['DELETE', `/api/v1/sites/${demoId}/operators/${member.id}`, undefined],
    ] as const;
    for (const [method, path, body] of routes) {
      expect(await api(server.url, method, path, { cookie: member.cookie, body }), `${method} ${path}`).toEqual({
        status: 403,
        body: { error: { code: 'forbidden', message: 'You do not have access to this.' } },
      });
      expect((await api(server.url, method, path, { cookie: petrCookie, body })).status).toBe(404);
      expect((await api(server.url, method, path, { body })).status).toBe(401);
    }
    expect(await server.store.getOperatorByEmail('sneaky@example.com')).toBeUndefined();
    await login(server.url, member); // the password is unchanged
  });

  it('refuses a state-changing team request from another website (CSRF), whatever cookie it carries', async () => {
    const response = await api(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, {
      cookie: owner,
      origin: 'https://evil.example',
      body: { email: 'csrf@example.com', name: 'CSRF', role: 'owner' },
    });
    expect(response.status).toBe(403);
    expect(await server.store.getOperatorByEmail('csrf@example.com')).toBeUndefined();
    for (const [method, path] of [
      ['DELETE', `/api/v1/sites/${demoId}/operators/x`],
      ['PUT', `/api/v1/sites/${demoId}/operators/x/password`],
      ['POST', `/api/v1/sites/${demoId}/saved-replies`],
      ['PUT', `/api/v1/sites/${demoId}/saved-replies/x`],
      ['DELETE', `/api/v1/sites/${demoId}/saved-replies/x`],
    ] as const) {
      expect((await api(server.url, method, path, { cookie: owner, origin: 'https://evil.example', body: {} })).body.error.message).toBe(
        'This request came from another website and was refused.',
      );
    }
  });
});

describe('removing an operator', () => {
  it('closes their open consoles at once; their cookie answers 401, and they can no longer sign in', async () => {
    const member = await newTeamMember();
    const consoleA = (await operatorConsole(server, member.email)).socket;
    const consoleB = operatorSocket(server.url, member.cookie);
    await connected(consoleB);
    const closedA = disconnection(consoleA);
    const closedB = disconnection(consoleB);

    const removed = await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/operators/${member.id}`, { cookie: owner });
    expect(removed).toEqual({ status: 204, body: null });
    expect(await closedA).toBe('io server disconnect');
    expect(await closedB).toBe('io server disconnect');

    expect((await api(server.url, 'GET', '/api/v1/auth/me', { cookie: member.cookie })).status).toBe(401);
    expect(await api(server.url, 'POST', '/api/v1/auth/login', { body: { email: member.email, password: member.password } })).toEqual({
      status: 401,
      body: { error: { code: 'invalid_credentials', message: 'The e-mail or password is not correct.' } },
    });
    expect(await refused(operatorSocket(server.url, member.cookie))).toMatchObject({ code: 'unauthorized' });
    const team = await api<{ operators: TeamMember[] }>(server.url, 'GET', `/api/v1/sites/${demoId}/operators`, { cookie: owner });
    expect(team.body.operators.map((o) => o.id)).not.toContain(member.id);
    expect((await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/operators/${member.id}`, { cookie: owner })).body.error.code).toBe('operator_not_found');
  });

  it('adding the e-mail of a removed account again restores it with the new name and password', async () => {
    const member = await newTeamMember();
    await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/operators/${member.id}`, { cookie: owner });
    const again = await api<{ operator: TeamMember; generatedPassword: string | null }>(server.url, 'POST', `/api/v1/sites/${demoId}/operators`, {
      cookie: owner,
      body: { email: member.email, name: 'Back Again', password: 'a-brand-new-password' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ operator: expect.objectContaining({ id: member.id, name: 'Back Again', role: 'operator' }), generatedPassword: null });
    expect((await api(server.url, 'POST', '/api/v1/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(401);
    const cookie = await login(server.url, { email: member.email, password: 'a-brand-new-password' });
    expect((await api(server.url, 'GET', '/api/v1/auth/me', { cookie })).body.operator.name).toBe('Back Again');
  });

  it('never removes the last owner of a site', async () => {
    const me = await api(server.url, 'GET', '/api/v1/auth/me', { cookie: owner });
    const removed = await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/operators/${me.body.operator.id}`, { cookie: owner });
    expect(removed).toEqual({ status: 409, body: { error: { code: 'last_owner', message: 'A site needs at least one owner. Make someone else an owner first.' } } });
    expect((await api(server.url, 'GET', '/api/v1/auth/me', { cookie: owner })).status).toBe(200);

    // With a second owner, one of them may go.
    const second = await newTeamMember('owner');
    expect((await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/operators/${second.id}`, { cookie: owner })).status).toBe(204);
  });

  it('answers 404 operator_not_found for someone who is not on this team', async () => {
    const otherMember = await addOperator(server.store, { email: 'only-other@other-shop.example', name: 'Olga', password: 'olga-long-password', siteKey: 'other-shop' });
    for (const id of [otherMember.id, 'no-such-operator']) {
      expect((await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/operators/${id}`, { cookie: owner })).body.error.code).toBe('operator_not_found');
      expect((await api(server.url, 'PUT', `/api/v1/sites/${demoId}/operators/${id}/password`, { cookie: owner, body: {} })).body.error.code).toBe(
        'operator_not_found',
      );
    }
    await login(server.url, { email: 'only-other@other-shop.example', password: 'olga-long-password' });
  });
});

describe('resetting a password', () => {
  it('ends every session and console of that operator at once; the new password works, the old one not', async () => {
    const member = await newTeamMember();
    const { socket } = await operatorConsole(server, member.email);
    const closed = disconnection(socket);
    const reset = await api<{ generatedPassword: string | null }>(server.url, 'PUT', `/api/v1/sites/${demoId}/operators/${member.id}/password`, {
      cookie: owner,
      body: {},
    });
    expect(reset.status).toBe(200);
    expect(reset.body.generatedPassword).toMatch(/^.{10,}$/);
    expect(await closed).toBe('io server disconnect');
    expect((await api(server.url, 'GET', '/api/v1/auth/me', { cookie: member.cookie })).status).toBe(401);
    expect((await api(server.url, 'POST', '/api/v1/auth/login', { body: { email: member.email, password: member.password } })).status).toBe(401);
    await login(server.url, { email: member.email, password: reset.body.generatedPassword! });

    const chosen = await api(server.url, 'PUT', `/api/v1/sites/${demoId}/operators/${member.id}/password`, { cookie: owner, body: { password: 'chosen-by-the-owner' } });
    expect(chosen).toEqual({ status: 200, body: { generatedPassword: null } });
    await login(server.url, { email: member.email, password: 'chosen-by-the-owner' });
  });
});

describe('saved replies (any member of the site)', () => {
  it('the demo starts with three, one greeting by first name', async () => {
    const list = await api<{ replies: SavedReply[] }>(server.url, 'GET', `/api/v1/sites/${demoId}/saved-replies`, { cookie: owner });
    expect(list.status).toBe(200);
    expect(list.body.replies).toHaveLength(3);
    expect(list.body.replies.some((r) => r.body.includes('{{firstName|there}}'))).toBe(true);
  });

  it('are seeded only while the demo site has none: a restart never doubles them, one kept reply is left alone', async () => {
    let own = await startServer();
    try {
      const siteId = (await own.store.getSiteByKey('demo'))!.id;
      own = await own.restart();
      const seeded = await own.store.listSavedReplies(siteId);
      expect(seeded).toHaveLength(3);
      // The owner deletes two; the one kept is all the site has after the next start.
      for (const reply of seeded.slice(1)) await own.store.deleteSavedReply({ id: reply.id, siteId });
      own = await own.restart();
      expect((await own.store.listSavedReplies(siteId)).map((r) => r.id)).toEqual([seeded[0]!.id]);
      // A site with none at all (a database from before saved replies) gets the three.
      await own.store.deleteSavedReply({ id: seeded[0]!.id, siteId });
      own = await own.restart();
      expect((await own.store.listSavedReplies(siteId)).map((r) => r.shortcut).sort()).toEqual(['brewing-green', 'hello', 'shipping']);
    } finally {
      await own.destroy();
    }
  });

  it('a title may be up to 120 characters (not the 80 of a person\'s name); longer is refused with a sentence about titles', async () => {
    const title = 'T'.repeat(120);
    const created = await api<{ reply: SavedReply }>(server.url, 'POST', `/api/v1/sites/${demoId}/saved-replies`, {
      cookie: owner,
      body: { shortcut: 'long-title', title, body: 'x' },
    });
    expect(created.status).toBe(201);
    expect(created.body.reply.title).toBe(title);
    const tooLong = await api(server.url, 'POST', `/api/v1/sites/${demoId}/saved-replies`, {
      cookie: owner,
      body: { shortcut: 'longer-title', title: `${title}x`, body: 'x' },
    });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('A title can be at most 120 characters long.');
  });

  it('an operator creates, changes and deletes one; shortcuts are unique per site', async () => {
    const member = await newTeamMember();
    const created = await api<{ reply: SavedReply }>(server.url, 'POST', `/api/v1/sites/${demoId}/saved-replies`, {
      cookie: member.cookie,
      body: { shortcut: ' Opening-Hours ', title: 'Opening hours', body: 'We are open Mon–Fri 9–17, {{firstName|friend}}.' },
    });
    expect(created.status).toBe(201);
    expect(created.body.reply).toMatchObject({ siteId: demoId, shortcut: 'opening-hours', title: 'Opening hours' });
    const id = created.body.reply.id;

    const duplicate = await api(server.url, 'POST', `/api/v1/sites/${demoId}/saved-replies`, {
      cookie: owner,
      body: { shortcut: 'opening-hours', title: 'Again', body: 'x' },
    });
    expect(duplicate).toEqual({ status: 409, body: { error: { code: 'shortcut_taken', message: 'A saved reply with this shortcut already exists.' } } });

    const changed = await api<{ reply: SavedReply }>(server.url, 'PUT', `/api/v1/sites/${demoId}/saved-replies/${id}`, {
      cookie: owner,
      body: { shortcut: 'hours', title: 'Opening hours', body: 'Mon–Sat 9–18.' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.reply).toMatchObject({ id, shortcut: 'hours', body: 'Mon–Sat 9–18.' });
    const clash = await api(server.url, 'PUT', `/api/v1/sites/${demoId}/saved-replies/${id}`, { cookie: owner, body: { shortcut: 'hello', title: 'x', body: 'x' } });
    expect(clash.status).toBe(409);

    expect((await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/saved-replies/${id}`, { cookie: member.cookie })).status).toBe(204);
    expect((await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/saved-replies/${id}`, { cookie: member.cookie })).body.error.code).toBe('not_found');
    const list = await api<{ replies: SavedReply[] }>(server.url, 'GET', `/api/v1/sites/${demoId}/saved-replies`, { cookie: owner });
    expect(list.body.replies.map((r) => r.id)).not.toContain(id);
  });

  it('refuses bad input with the field named', async () => {
    for (const body of [
      { shortcut: 'has space', title: 'x', body: 'x' },
      { shortcut: 'ok', title: 'x', body: '   ' },
      { shortcut: 'ok', title: '', body: 'x' },
      { shortcut: 'ok', title: 'x', body: 'x'.repeat(4001) },
      { shortcut: 'ok', title: 'x', body: 'nul \u0000' },
    ]) {
      const response = await api(server.url, 'POST', `/api/v1/sites/${demoId}/saved-replies`, { cookie: owner, body });
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(response.body.error.code).toMatch(/^(invalid_payload|message_too_long)$/);
    }
  });

  it("another site's operator neither reads nor changes them, not even by the reply's id", async () => {
    const petrCookie = await sessionCookie(server, petr.email);
    const demoReplies = (await api<{ replies: SavedReply[] }>(server.url, 'GET', `/api/v1/sites/${demoId}/saved-replies`, { cookie: owner })).body.replies;
    const target = demoReplies[0]!;
    expect((await api(server.url, 'GET', `/api/v1/sites/${demoId}/saved-replies`, { cookie: petrCookie })).status).toBe(404);
    expect((await api(server.url, 'DELETE', `/api/v1/sites/${demoId}/saved-replies/${target.id}`, { cookie: petrCookie })).status).toBe(404);
    // Through their own site's route, with demo's reply id.
    expect((await api(server.url, 'DELETE', `/api/v1/sites/${otherId}/saved-replies/${target.id}`, { cookie: petrCookie })).status).toBe(404);
    expect(
      (await api(server.url, 'PUT', `/api/v1/sites/${otherId}/saved-replies/${target.id}`, { cookie: petrCookie, body: { shortcut: 'x', title: 'x', body: 'x' } }))
        .status,
    ).toBe(404);
    const after = (await api<{ replies: SavedReply[] }>(server.url, 'GET', `/api/v1/sites/${demoId}/saved-replies`, { cookie: owner })).body.replies;
    expect(after.find((r) => r.id === target.id)).toEqual(target);
  });
});
