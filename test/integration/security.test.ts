import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { PROTOCOL_VERSION, type ConversationSummary, type Message } from '../../shared/index.ts';
import {
  call,
  callOk,
  clientId,
  closeAllSockets,
  collect,
  connected,
  login,
  newOperator,
  newVisitor,
  operatorSocket,
  refused,
  visitorSocket,
} from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const other = { email: 'petr@other-shop.example', password: 'another-long-password', name: 'Petr' };

beforeAll(async () => {
  server = await startServer();
  // A second site on the same installation, with its own operator.
  const now = new Date().toISOString();
  const site = await server.store.ensureSite({ key: 'other-shop', name: 'Other shop', now });
  const operator = await server.store.createOperator({ email: other.email, name: other.name, passwordHash: await hashPassword(other.password), now });
  await server.store.addOperatorToSite({ operatorId: operator.id, siteId: site.id, role: 'owner' });
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.destroy();
});

describe('visitors touch only their own conversation', () => {
  it("another visitor's token neither reads nor writes the first visitor's conversation", async () => {
    const anna = await newVisitor(server.url);
    const secret = await callOk<{ message: Message }>(anna.socket, 'message:send', { clientId: clientId(), body: 'my address is Lipová 5' });
    const mallory = await newVisitor(server.url);
    const seen = collect<Message>(mallory.socket, 'message:created');

    const sync = await callOk<{ conversation: unknown; messages: Message[] }>(mallory.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.conversation).toBeNull();
    expect(sync.messages).toEqual([]);

    // Reusing Anna's client id gives Mallory her own new message, never Anna's.
    const own = await callOk<{ message: Message }>(mallory.socket, 'message:send', { clientId: secret.message.clientId, body: 'hi' });
    expect(own.message.conversationId).not.toBe(secret.message.conversationId);
    expect(own.message.body).toBe('hi');

    // Operator-side names cannot be used from a visitor socket at all.
    const probe = await call(mallory.socket, 'conversation:sync', { conversationId: secret.message.conversationId, afterSeq: 0 });
    expect(probe.ok && (probe.data as { messages: Message[] }).messages.some((m) => m.body.includes('Lipová'))).toBe(false);
    expect(await call(mallory.socket, 'conversation:list', {})).toMatchObject({ ok: false, error: { code: 'unknown_event' } });

    await callOk(anna.socket, 'message:send', { clientId: clientId(), body: 'second secret' });
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([]);
  });

  it('refuses a forged token and a token of another site', async () => {
    const anna = await newVisitor(server.url);
    const forged = visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'demo', token: 'x'.repeat(43) });
    expect(await refused(forged)).toMatchObject({ code: 'token_invalid' });
    const foreign = visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'other-shop', token: anna.token });
    expect(await refused(foreign)).toMatchObject({ code: 'token_invalid' });
  });

  it('refuses an unknown site key', async () => {
    const socket = visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'no-such-site' });
    expect(await refused(socket)).toEqual({ code: 'site_unknown', message: 'This chat is not set up for this website.' });
  });

  it('tells an old cached widget to reload instead of failing silently', async () => {
    for (const auth of [{ v: PROTOCOL_VERSION + 1, siteKey: 'demo' }, { siteKey: 'demo' }, {}]) {
      const socket = visitorSocket(server.url, auth as Record<string, unknown>);
      const error = await refused(socket);
      expect(error.code).toBe('protocol_mismatch');
      expect(error.message).toMatch(/Please reload the page/);
    }
  });
});

describe('operators see only their own sites', () => {
  it("never lists, reads, answers or marks a conversation of a site they don't belong to", async () => {
    const demoVisitor = await newVisitor(server.url);
    const sent = await callOk<{ message: Message }>(demoVisitor.socket, 'message:send', { clientId: clientId(), body: 'for demo only' });
    const conversationId = sent.message.conversationId;

    const petr = operatorSocket(server.url, await login(server.url, other));
    await connected(petr);
    const events = collect(petr, 'message:created');

    const list = await callOk<{ conversations: ConversationSummary[] }>(petr, 'conversation:list', {});
    expect(list.conversations.map((c) => c.id)).not.toContain(conversationId);
    for (const [event, payload] of [
      ['conversation:sync', { conversationId, afterSeq: 0 }],
      ['message:send', { conversationId, clientId: clientId(), body: 'sneaky' }],
      ['message:seen', { conversationId, upToSeq: 1 }],
    ] as const) {
      expect(await call(petr, event, payload)).toEqual({
        ok: false,
        error: { code: 'conversation_not_found', message: 'This conversation was not found.' },
      });
    }
    const demoSiteId = (await server.store.getSiteByKey('demo'))!.id;
    expect(await call(petr, 'conversation:list', { siteId: demoSiteId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await callOk(demoVisitor.socket, 'message:send', { clientId: clientId(), body: 'still demo only' });
    await new Promise((r) => setTimeout(r, 100));
    expect(events).toEqual([]);
    const demoSync = await callOk<{ messages: Message[] }>(demoVisitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(demoSync.messages.map((m) => m.body)).toEqual(['for demo only', 'still demo only']);
  });

  it('an operator socket cannot use visitor-only behaviour: conversation ids are required', async () => {
    const operator = await newOperator(server.url);
    expect(await call(operator.socket, 'message:send', { clientId: clientId(), body: 'no conversation' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });
});
