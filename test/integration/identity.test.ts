import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ConversationDetailsResult, type SiteSettings, type VisitorIdentity } from '../../shared/index.ts';
import { identityHash } from '../../server/identity/index.ts';
import type { Store } from '../../server/storage/index.ts';
import {
  api,
  call,
  callOk,
  clientId,
  closeAllSockets,
  connected,
  nextEvent,
  operatorConsole,
  refused,
  visitorSocket,
  type VisitorSocket,
} from '../helpers/clients.ts';
import { addOperator, sessionCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let siteId: string;
let owner: string;
let secret: string;

beforeAll(async () => {
  server = await startServer();
  siteId = (await server.store.getSiteByKey('demo'))!.id;
  owner = await sessionCookie(server);
  secret = (await api<{ secret: string }>(server.url, 'POST', `/api/v1/sites/${siteId}/identity-secret`, { cookie: owner })).body.secret;
});
afterEach(async () => {
  closeAllSockets();
  await setRequireVerification(false);
});
afterAll(async () => {
  await server.destroy();
});

async function setRequireVerification(requireVerification: boolean) {
  const settings = (await api<SiteSettings>(server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: owner })).body;
  const put = await api(server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie: owner, body: { ...settings, requireVerification } });
  expect(put.status).toBe(200);
}

let users = 0;
/** A fresh user id of the host site, signed with the current secret. */
function signedUser(extra: Partial<VisitorIdentity> = {}): VisitorIdentity {
  users += 1;
  const id = `user-${users}-${Math.random().toString(36).slice(2, 8)}`;
  return { id, hash: identityHash(secret, id), ...extra };
}

function auth(extra: Record<string, unknown> = {}) {
  return { v: PROTOCOL_VERSION, siteKey: 'demo', ...extra };
}

interface Synced {
  visitorId: string;
  token: string | null;
  conversation: { id: string } | null;
  messages: Array<{ body: string }>;
}

/** A widget connecting with this handshake, synced once. */
async function widget(extra: Record<string, unknown> = {}) {
  const socket = visitorSocket(server.url, auth(extra));
  await connected(socket);
  const sync = await callOk<Synced>(socket, 'conversation:sync', { afterSeq: 0 });
  return { socket, sync };
}

async function send(socket: VisitorSocket, body: string) {
  return callOk<{ message: { conversationId: string } }>(socket, 'message:send', { clientId: clientId(), body });
}

/**
 * Counts every call of a store method that writes, for "nothing was stored". The app holds the same store
 * object, so wrapping its methods sees every write the server makes.
 */
function watchWrites(store: Store): { count: () => number; stop: () => void } {
  const writes = /^(create|ensure|append|update|record|verify|add|set|mark|rate|reopen)/;
  const originals = new Map<string, unknown>();
  let calls = 0;
  for (const name of Object.keys(store) as Array<keyof Store>) {
    const original = store[name];
    if (typeof original !== 'function' || !writes.test(name)) continue;
    originals.set(name, original);
    (store as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      calls += 1;
      return (original as (...a: unknown[]) => unknown).apply(store, args);
    };
  }
  return {
    count: () => calls,
    stop: () => {
      for (const [name, original] of originals) (store as unknown as Record<string, unknown>)[name] = original;
    },
  };
}

async function expectNothingStored<T>(action: () => Promise<T>): Promise<T> {
  const watch = watchWrites(server.store);
  try {
    const result = await action();
    expect(watch.count()).toBe(0);
    return result;
  } finally {
    watch.stop();
  }
}

describe('the identity secret (REST, owners only)', () => {
  const path = () => `/api/v1/sites/${siteId}/identity-secret`;

  it('is shown once when made; GET tells only whether it exists and since when', async () => {
    const made = await api<{ secret: string; createdAt: string }>(server.url, 'POST', path(), { cookie: owner });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const status = await api(server.url, 'GET', path(), { cookie: owner });
    expect(status).toEqual({ status: 200, body: { exists: true, createdAt: made.body.createdAt } });
    expect(JSON.stringify(status.body)).not.toContain(made.body.secret);
    secret = made.body.secret;
  });

  it('says so when a site has none', async () => {
    const other = await addOperator(server.store, { email: 'olga@identity.example', name: 'Olga', password: 'olga-password-1', siteKey: 'no-secret', role: 'owner' });
    const cookie = await sessionCookie(server, other.email);
    expect(await api(server.url, 'GET', `/api/v1/sites/${other.siteId}/identity-secret`, { cookie })).toEqual({
      status: 200,
      body: { exists: false, createdAt: null },
    });
  });

  it('is refused to operators (403), without a session (401), and on a site of others (404)', async () => {
    const member = await addOperator(server.store, { email: 'oskar@identity.example', name: 'Oskar', password: 'oskar-password-1' });
    const cookie = await sessionCookie(server, member.email);
    expect((await api(server.url, 'POST', path(), { cookie })).status).toBe(403);
    expect((await api(server.url, 'GET', path(), { cookie })).status).toBe(403);
    expect((await api(server.url, 'POST', path())).status).toBe(401);
    const stranger = await addOperator(server.store, { email: 'sara@identity.example', name: 'Sara', password: 'sara-password-1', siteKey: 'sara-shop', role: 'owner' });
    expect((await api(server.url, 'POST', path(), { cookie: await sessionCookie(server, stranger.email) })).status).toBe(404);
  });

  it('rotated, the old secret stops verifying at once and the new one works', async () => {
    await setRequireVerification(true);
    const user = signedUser();
    await widget({ identity: user });
    const rotated = (await api<{ secret: string }>(server.url, 'POST', path(), { cookie: owner })).body.secret;
    expect(rotated).not.toBe(secret);
    expect(await refused(visitorSocket(server.url, auth({ identity: user })))).toMatchObject({ code: 'identity_invalid' });
    secret = rotated;
    const again = await widget({ identity: { id: user.id, hash: identityHash(secret, user.id) } });
    expect(again.sync.token).not.toBeNull();
  });
});

describe('rule 1: with verification required, every entry point refuses a missing or wrong signature and stores nothing', () => {
  it.each([
    { identity: undefined, code: 'identity_required' },
    { identity: { id: 'user-x' }, code: 'identity_required' },
    { identity: { id: 'user-x', hash: 'f'.repeat(64) }, code: 'identity_invalid' },
    { identity: { id: 'user-x', hash: 'not-hex' }, code: 'identity_invalid' },
  ])('connect with identity $identity is refused with $code', async ({ identity, code }) => {
    await setRequireVerification(true);
    const error = await expectNothingStored(() => refused(visitorSocket(server.url, auth(identity ? { identity } : {}))));
    expect(error.code).toBe(code);
    expect(error.message).not.toMatch(/error|exception/i);
  });

  it('connect with the token of a known visitor but no identity is refused too', async () => {
    const { sync } = await widget();
    await setRequireVerification(true);
    expect(await expectNothingStored(() => refused(visitorSocket(server.url, auth({ token: sync.token }))))).toMatchObject({
      code: 'identity_required',
    });
  });

  it.each([
    { claim: (id: string) => ({ id }), code: 'identity_required' },
    { claim: (id: string) => ({ id, hash: identityHash('another-secret', id) }), code: 'identity_invalid' },
  ])('visitor:identify with an unsigned or wrongly signed id is refused with $code', async ({ claim, code }) => {
    await setRequireVerification(true);
    const user = signedUser();
    const { socket, sync } = await widget({ identity: user });
    const result = await expectNothingStored(() => call(socket, 'visitor:identify', claim(`${user.id}-other`)));
    expect(result).toMatchObject({ ok: false, error: { code } });
    // The socket is still the verified user.
    expect((await callOk<Synced>(socket, 'conversation:sync', { afterSeq: 0 })).visitorId).toBe(sync.visitorId);
  });

  const writes = [
    { event: 'message:send', payload: () => ({ clientId: clientId(), body: 'Hello?' }) },
    { event: 'form:submit', payload: () => ({ clientId: clientId(), body: 'Call me back', email: 'someone@example.com' }) },
  ];

  it.each(writes)('$event from a socket that connected before verification was required: identity_required', async ({ event, payload }) => {
    const { socket, sync } = await widget();
    await setRequireVerification(true);
    const result = await expectNothingStored(() => call(socket, event, payload()));
    expect(result).toMatchObject({ ok: false, error: { code: 'identity_required' } });
    expect(await server.store.getVisitorConversation(sync.visitorId)).toBeUndefined();
  });

  it.each(writes)('$event signed with a secret that was rotated since: identity_invalid', async ({ event, payload }) => {
    await setRequireVerification(true);
    const { socket, sync } = await widget({ identity: signedUser() });
    secret = (await api<{ secret: string }>(server.url, 'POST', `/api/v1/sites/${siteId}/identity-secret`, { cookie: owner })).body.secret;
    const result = await expectNothingStored(() => call(socket, event, payload()));
    expect(result).toMatchObject({ ok: false, error: { code: 'identity_invalid' } });
    expect(await server.store.getVisitorConversation(sync.visitorId)).toBeUndefined();
  });

  it('a correctly signed visitor connects, writes and identifies as themselves', async () => {
    await setRequireVerification(true);
    const user = signedUser();
    const { socket } = await widget({ identity: user });
    await send(socket, 'Verified hello');
    expect(await callOk(socket, 'visitor:identify', user)).toMatchObject({ token: null, verified: true });
  });
});

describe('rule 2: a verified user is one visitor per site, whatever device they come from', () => {
  it.each([false, true])('a second browser (requireVerification %s) continues the same visitor and thread with a token of its own', async (required) => {
    await setRequireVerification(required);
    const user = signedUser({ name: 'Alena Nová', email: 'Alena@Example.com' });
    const laptop = await widget({ identity: user });
    await send(laptop.socket, 'Sent from the laptop');

    const phone = await widget({ identity: user });
    expect(phone.sync.visitorId).toBe(laptop.sync.visitorId);
    expect(phone.sync.token).not.toBeNull();
    expect(phone.sync.token).not.toBe(laptop.sync.token);
    expect(phone.sync.messages.map((m) => m.body)).toEqual(['Sent from the laptop']);
    // The phone's own token works from now on, and the laptop's still does.
    const phoneAgain = await widget({ token: phone.sync.token, identity: user });
    expect(phoneAgain.sync).toMatchObject({ visitorId: laptop.sync.visitorId, token: null });
    const laptopAgain = await widget({ token: laptop.sync.token, identity: user });
    expect(laptopAgain.sync).toMatchObject({ visitorId: laptop.sync.visitorId, token: null });
    expect(await server.store.getVisitorById(laptop.sync.visitorId)).toMatchObject({ verified: true, name: 'Alena Nová', email: 'alena@example.com' });
  });

  it('a browser that was anonymous signs in with visitor:identify and reaches the user\'s thread', async () => {
    const user = signedUser();
    const first = await widget({ identity: user });
    await send(first.socket, 'Earlier question');
    const anonymous = await widget();
    const identified = await callOk<{ visitorId: string; token: string | null; verified: boolean }>(anonymous.socket, 'visitor:identify', user);
    expect(identified).toMatchObject({ visitorId: first.sync.visitorId, verified: true });
    expect(identified.token).not.toBeNull();
    const sync = await callOk<Synced>(anonymous.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync).toMatchObject({ visitorId: first.sync.visitorId, token: identified.token });
    expect(sync.messages.map((m) => m.body)).toEqual(['Earlier question']);
  });

  it('an anonymous visitor who signs in as a new user keeps their thread, now verified', async () => {
    const anonymous = await widget();
    await send(anonymous.socket, 'Before signing in');
    const identified = await callOk(anonymous.socket, 'visitor:identify', signedUser());
    expect(identified).toEqual({ visitorId: anonymous.sync.visitorId, token: null, verified: true });
    expect(await server.store.getVisitorById(anonymous.sync.visitorId)).toMatchObject({ verified: true });
  });
});

describe('rule 3: an unverified id or e-mail never reaches a verified visitor', () => {
  async function verifiedUserWithHistory() {
    const user = signedUser({ email: `owner-${users}@example.com` });
    const { socket, sync } = await widget({ identity: user });
    await send(socket, 'Private order details');
    return { user, visitorId: sync.visitorId };
  }

  it.each([
    { label: 'without a hash', hash: (_id: string) => undefined },
    { label: 'with a wrong hash', hash: (id: string) => identityHash('guessed-secret', id) },
  ])('connect naming a verified user\'s id $label gets a visitor of its own, the id kept as a claim', async ({ hash }) => {
    const { user, visitorId } = await verifiedUserWithHistory();
    const h = hash(user.id);
    const stranger = await widget({ identity: { id: user.id, ...(h ? { hash: h } : {}) } });
    expect(stranger.sync.visitorId).not.toBe(visitorId);
    expect(stranger.sync.messages).toEqual([]);
    expect(stranger.sync.conversation).toBeNull();
    expect(await server.store.getVisitorById(stranger.sync.visitorId)).toMatchObject({ verified: false, verifiedId: null, claimedId: user.id });
  });

  it('visitor:identify without a hash stays on the current visitor', async () => {
    const { user, visitorId } = await verifiedUserWithHistory();
    const stranger = await widget();
    const result = await callOk(stranger.socket, 'visitor:identify', { id: user.id, email: user.email });
    expect(result).toEqual({ visitorId: stranger.sync.visitorId, token: null, verified: false });
    expect((await callOk<Synced>(stranger.socket, 'conversation:sync', { afterSeq: 0 })).messages).toEqual([]);
    expect(await server.store.getVisitorById(visitorId)).toMatchObject({ verifiedId: user.id });
  });

  it('an e-mail given in the form stays on the visitor who gave it', async () => {
    const { user, visitorId } = await verifiedUserWithHistory();
    const stranger = await widget();
    const sent = await callOk<{ message: { conversationId: string } }>(stranger.socket, 'form:submit', {
      clientId: clientId(),
      body: 'It is me, really',
      email: user.email,
    });
    const own = await server.store.getVisitorConversation(visitorId);
    expect(sent.message.conversationId).not.toBe(own!.id);
    expect(await server.store.getVisitorById(stranger.sync.visitorId)).toMatchObject({ verified: false, email: user.email });
    const sync = await callOk<Synced>(stranger.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).not.toContain('Private order details');
  });
});

describe('rule 4: another user signing in on the same connection starts a fresh visitor', () => {
  it.each([
    { label: 'verified', claim: () => signedUser() },
    { label: 'unverified', claim: () => ({ id: `someone-else-${users}` }) },
  ])('identify as another ($label) user: a new token, an empty thread, and no more of the previous thread', async ({ claim }) => {
    const first = signedUser();
    const { socket, sync } = await widget({ identity: first });
    const sent = await send(socket, 'First user\'s message');
    const result = await callOk<{ visitorId: string; token: string | null }>(socket, 'visitor:identify', claim());
    expect(result.visitorId).not.toBe(sync.visitorId);
    expect(result.token).not.toBeNull();
    const fresh = await callOk<Synced>(socket, 'conversation:sync', { afterSeq: 0 });
    expect(fresh).toMatchObject({ visitorId: result.visitorId, token: result.token, conversation: null, messages: [] });

    // An operator's answer to the first user no longer reaches this socket.
    const { socket: operator } = await operatorConsole(server);
    const heard: unknown[] = [];
    socket.on('message:created', (m) => heard.push(m));
    const otherTab = await widget({ token: sync.token, identity: first });
    const delivered = nextEvent(otherTab.socket, 'message:created');
    await callOk(operator, 'message:send', { conversationId: sent.message.conversationId, clientId: clientId(), body: 'For the first user' });
    await delivered;
    expect(heard).toEqual([]);
  });
});

describe('rule 5: operators see who is verified', () => {
  it('conversation:details marks a verified visitor verified, and a claim not', async () => {
    const verified = await widget({ identity: signedUser() });
    const claimed = await widget({ identity: { id: 'just-a-claim' } });
    const { socket: operator } = await operatorConsole(server);
    for (const [visitor, expected] of [
      [verified, true],
      [claimed, false],
    ] as const) {
      const { message } = await send(visitor.socket, 'Hi');
      const details = await callOk<ConversationDetailsResult>(operator, 'conversation:details', { conversationId: message.conversationId });
      expect(details.visitor.verified).toBe(expected);
    }
  });
});
