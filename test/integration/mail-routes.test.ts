import { describe, expect, it } from 'vitest';
import { VISITOR_MAIL_KINDS } from '../../server/mail/compose.ts';
import { PROTOCOL_VERSION, type Message } from '../../shared/index.ts';
import { api, callOk, clientId, connected, visitorSocket } from '../helpers/clients.ts';
import { addOperator, sessionCookie, startServer, type TestServer } from '../helpers/server.ts';
import { closedAfterEach, startSmtpPeer, until } from '../helpers/smtp.ts';

const { servers, peers } = closedAfterEach();

const QUICK = { MAIL_RETRY_SECONDS: '0.2', MAIL_POLL_SECONDS: '0.2', MAIL_FROM: 'chat@tea.example' };

async function server(env: Record<string, string> = {}) {
  const s = await startServer({ env: { ...QUICK, ...env } });
  servers.push(s);
  return s;
}

/** A visitor (nobody online on the demo site, so the form) leaves a message with an e-mail address: a receipt is queued. */
async function leaveMessage(s: TestServer, fields: { body: string; email: string; name?: string }) {
  const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo' });
  await connected(socket);
  await callOk(socket, 'conversation:sync', { afterSeq: 0 });
  const result = await callOk<{ message: Message }>(socket, 'form:submit', { clientId: clientId(), ...fields });
  socket.disconnect();
  return result.message;
}

const demoId = async (s: TestServer) => (await s.store.getSiteByKey('demo'))!.id;
/**
 * This file is about the mails visitors get; each message also queues mails to the team (about new messages, a
 * reminder before the reply promise), due minutes later, which stay queued during a test.
 */
const toVisitors = <T extends { kind: string }>(mails: T[]) => mails.filter((m) => VISITOR_MAIL_KINDS.has(m.kind));
const visitorMails = async (s: TestServer) => toVisitors(await s.store.listMails({ siteId: await demoId(s), limit: 100 }));
const sentAll = async (s: TestServer) => until(() => visitorMails(s), (list) => list.length > 0 && list.every((m) => m.status === 'sent' || m.status === 'failed'));

describe('GET /api/v1/sites/:siteId/mails', () => {
  it("lists the site's mails newest first for its owners, without bodies, and says they are written as files without SMTP_URL", async () => {
    const s = await server();
    await leaveMessage(s, { body: 'Do you ship to Slovakia?', email: 'petr@example.com', name: 'Petr' });
    await sentAll(s);
    const cookie = await sessionCookie(s);
    const siteId = await demoId(s);
    const listed = await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails`, { cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.delivery).toBe('files');
    expect(listed.body.nextBefore).toBeNull();
    expect(toVisitors(listed.body.mails)).toEqual([
      {
        id: expect.any(String),
        kind: 'receipt',
        recipient: 'petr@example.com',
        subject: expect.stringContaining('We have your message'),
        status: 'sent',
        attempts: 1,
        lastError: null,
        createdAt: expect.any(String),
        sentAt: expect.any(String),
        conversationId: expect.any(String),
      },
    ]);
  });

  it('pages with before: every mail once, newest first; a bad cursor or limit is 400', async () => {
    const s = await server();
    for (const n of [1, 2, 3, 4, 5]) await leaveMessage(s, { body: `Question ${n}`, email: `v${n}@example.com` });
    await sentAll(s);
    const cookie = await sessionCookie(s);
    const siteId = await demoId(s);
    const seen: Array<{ id: string; kind: string; recipient: string }> = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const query: string = before === null ? '?limit=2' : `?limit=2&before=${encodeURIComponent(before)}`;
      const page = await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails${query}`, { cookie });
      expect(page.status).toBe(200);
      expect(page.body.mails.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.mails);
      before = page.body.nextBefore;
      pages += 1;
    } while (before !== null && pages < 50);
    // Every mail of the site once, across the pages, newest first.
    const all = await s.store.listMails({ siteId, limit: 100 });
    expect(seen.map((m) => m.id)).toEqual(all.map((m) => m.id));
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(toVisitors(seen).map((m) => m.recipient)).toEqual(['v5@example.com', 'v4@example.com', 'v3@example.com', 'v2@example.com', 'v1@example.com']);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails?before=nonsense`, { cookie })).status).toBe(400);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails?limit=0`, { cookie })).status).toBe(400);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails?limit=1000`, { cookie })).status).toBe(400);
  });

  it('is for owners: an operator of the site gets 403, someone without a session 401, an owner of another site 404', async () => {
    const s = await server();
    await addOperator(s.store, { email: 'eva@example.com', name: 'Eva', password: 'eva-long-password', role: 'operator' });
    await addOperator(s.store, { email: 'petr@other.example', name: 'Petr', password: 'another-long-password', siteKey: 'other-shop', role: 'owner' });
    const siteId = await demoId(s);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails`, { cookie: await sessionCookie(s, 'eva@example.com') })).status).toBe(403);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails`)).status).toBe(401);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails`, { cookie: await sessionCookie(s, 'petr@other.example') })).status).toBe(404);
  });
});

describe('GET /api/v1/sites/:siteId/mails/:mailId', () => {
  it('gives the owner the whole mail, text and html, and says mail goes out over SMTP; another site\'s mail is 404', async () => {
    const smtp = await startSmtpPeer();
    peers.push(smtp);
    const s = await server({ SMTP_URL: smtp.url });
    await leaveMessage(s, { body: 'Is <img src=x onerror=alert(1)> green tea?', email: 'anna@example.com', name: 'Anna' });
    const [stored] = await sentAll(s);
    const cookie = await sessionCookie(s);
    const siteId = await demoId(s);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails`, { cookie })).body.delivery).toBe('smtp');
    const detail = await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails/${stored!.id}`, { cookie });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: stored!.id, kind: 'receipt', recipient: 'anna@example.com', status: 'sent', fromName: expect.any(String) });
    expect(detail.body.text).toContain('> Is <img src=x onerror=alert(1)> green tea?');
    expect(detail.body.html).toContain('<');
    expect(detail.body.html).not.toContain('<img src=x');

    // The owner of another site does not see it, not even by id; nor does a made-up id exist.
    const petr = await addOperator(s.store, { email: 'petr@other.example', name: 'Petr', password: 'another-long-password', siteKey: 'other-shop', role: 'owner' });
    const petrCookie = await sessionCookie(s, petr.email);
    expect((await api(s.url, 'GET', `/api/v1/sites/${petr.siteId}/mails/${stored!.id}`, { cookie: petrCookie })).status).toBe(404);
    expect((await api(s.url, 'GET', `/api/v1/sites/${petr.siteId}/mails`, { cookie: petrCookie })).body.mails).toEqual([]);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/mails/no-such-mail`, { cookie })).status).toBe(404);
  });
});

describe('GET /api/v1/sites/:siteId/conversations/:conversationId/mails', () => {
  it('shows any member a mail that could not be delivered, with the SMTP server\'s reason; another site\'s conversation is 404', async () => {
    const smtp = await startSmtpPeer({ rejectRecipients: ['nobody@example.com'] });
    peers.push(smtp);
    const s = await server({ SMTP_URL: smtp.url });
    const message = await leaveMessage(s, { body: 'Call me back', email: 'nobody@example.com', name: 'Nobody' });
    await until(() => visitorMails(s), (list) => list[0]?.status === 'failed');
    await addOperator(s.store, { email: 'eva@example.com', name: 'Eva', password: 'eva-long-password', role: 'operator' });
    const cookie = await sessionCookie(s, 'eva@example.com');
    const siteId = await demoId(s);
    const listed = await api(s.url, 'GET', `/api/v1/sites/${siteId}/conversations/${message.conversationId}/mails`, { cookie });
    expect(listed.status).toBe(200);
    expect(toVisitors(listed.body.mails)).toEqual([
      expect.objectContaining({ kind: 'receipt', recipient: 'nobody@example.com', status: 'failed', lastError: expect.stringMatching(/550.*No such user/) }),
    ]);
    expect(listed.body.mails[0]).not.toHaveProperty('text');

    const petr = await addOperator(s.store, { email: 'petr@other.example', name: 'Petr', password: 'another-long-password', siteKey: 'other-shop', role: 'owner' });
    const petrCookie = await sessionCookie(s, petr.email);
    expect((await api(s.url, 'GET', `/api/v1/sites/${petr.siteId}/conversations/${message.conversationId}/mails`, { cookie: petrCookie })).status).toBe(404);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/conversations/${message.conversationId}/mails`, { cookie: petrCookie })).status).toBe(404);
    expect((await api(s.url, 'GET', `/api/v1/sites/${siteId}/conversations/no-such-conversation/mails`, { cookie })).status).toBe(404);
  });
});
