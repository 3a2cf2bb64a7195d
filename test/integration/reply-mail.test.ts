import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Message } from '../../shared/index.ts';
import { api, callOk, clientId, connected, operatorConsole, visitorSocket, type VisitorSocket } from '../helpers/clients.ts';
import { startServer, steerableClock, type TestServer } from '../helpers/server.ts';
import { startSmtpPeer, until, closedAfterEach } from '../helpers/smtp.ts';

const { servers, peers } = closedAfterEach();

const PAGE = 'https://shop.example/tea/oolong?ref=mail#reviews';
const MINUTE = 60_000;

async function setup() {
  const smtp = await startSmtpPeer();
  peers.push(smtp);
  const clock = steerableClock(new Date());
  const s = await startServer({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'chat@tea.example', MAIL_RETRY_SECONDS: '0.2', MAIL_POLL_SECONDS: '0.1' } });
  servers.push(s);
  const visitor = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', locale: 'en-GB', timeZone: 'Europe/London', page: { url: PAGE, title: 'Oolong' } });
  await connected(visitor);
  await callOk(visitor, 'conversation:sync', { afterSeq: 0 });
  const left = await callOk<{ message: Message }>(visitor, 'form:submit', { clientId: clientId(), body: 'Is the oolong roasted?', name: 'Anna', email: 'anna@example.com' });
  await smtp.waitFor(1); // the receipt
  const operator = await operatorConsole(s);
  const conversationId = left.message.conversationId;
  const reply = (body: string) => callOk<{ message: Message }>(operator.socket, 'message:send', { conversationId, clientId: clientId(), body });
  return { smtp, clock, s, visitor, conversationId, reply, cookie: operator.cookie };
}

/** Lets the worker (polling every 0.1 s) look at the queue a few times. */
const settle = () => new Promise((r) => setTimeout(r, 600));

async function replyMails(s: TestServer) {
  const site = await s.store.getSiteByKey('demo');
  return (await s.store.listMails({ siteId: site!.id, limit: 50 })).filter((m) => m.kind === 'reply');
}

function continueToken(text: string): string {
  const url = /Continue the conversation: (\S+)/.exec(text)?.[1];
  expect(url).toBeDefined();
  const parsed = new URL(url!);
  // The page the visitor was on, its own fragment replaced by the token's.
  expect(`${parsed.origin}${parsed.pathname}${parsed.search}`).toBe('https://shop.example/tea/oolong?ref=mail');
  return /^#porchlight-continue=([\w-]+)$/.exec(parsed.hash)![1]!;
}

const useLink = (s: TestServer, token: string, path = 'continue') =>
  fetch(`${s.url}/api/v1/sites/demo/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://shop.example' }, body: JSON.stringify({ token }) });

describe('replies mailed to a visitor who has left', () => {
  it('groups the unread replies into one mail after the delay, with a link that opens the same thread in another browser once', async () => {
    const { smtp, clock, s, visitor, reply } = await setup();
    visitor.disconnect();
    await reply('Yes, it is roasted over charcoal.');
    clock.advance(MINUTE);
    await reply('It keeps for about a year, sealed.');
    // Two minutes after the first reply the second is still waiting out its own delay: nothing is sent yet.
    clock.advance(MINUTE + 5000);
    await settle();
    expect(smtp.received).toHaveLength(1);
    clock.advance(MINUTE);
    const [, mail] = await smtp.waitFor(2);
    expect(mail!.to).toEqual(['anna@example.com']);
    expect(mail!.subject).toBe('Jana replied to your message');
    expect(mail!.text).toContain('Hello Anna,');
    expect(mail!.text).toContain('Jana has answered you in the chat (2 messages):');
    expect(mail!.text).toContain('> Yes, it is roasted over charcoal.');
    expect(mail!.text).toContain('> It keeps for about a year, sealed.');
    await until(() => replyMails(s), (mails) => mails.every((m) => m.status !== 'queued' && m.status !== 'sending'));
    expect((await replyMails(s)).map((m) => m.status).sort()).toEqual(['cancelled', 'sent']);

    // Another browser opens the link: it gets a token of the same visitor, and the thread is there.
    const token = continueToken(mail!.text);
    const used = await useLink(s, token);
    expect(used.status).toBe(200);
    const { token: visitorToken } = (await used.json()) as { token: string };
    const elsewhere = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', token: visitorToken });
    await connected(elsewhere);
    const sync = await callOk<{ messages: Message[] }>(elsewhere, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).toEqual(
      expect.arrayContaining(['Is the oolong roasted?', 'Yes, it is roasted over charcoal.', 'It keeps for about a year, sealed.']),
    );
    // A link works once; an altered one never.
    const again = await useLink(s, token);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('link_used');
    const altered = await useLink(s, `${token.slice(0, -2)}xx`);
    expect(altered.status).toBe(404);
    expect((await altered.json()).error).toEqual({ code: 'link_invalid', message: expect.stringContaining('not valid') });
  });

  it('sends nothing for replies the visitor read in the chat', async () => {
    const { smtp, clock, s, visitor, reply } = await setup();
    const { message } = await reply('Yes, charcoal-roasted.');
    await callOk(visitor, 'message:seen', { upToSeq: message.seq });
    clock.advance(3 * MINUTE);
    await until(() => replyMails(s), (mails) => mails[0]?.status === 'cancelled');
    expect(smtp.received).toHaveLength(1);
  });

  it('mails only the replies an earlier mail did not carry', async () => {
    const { smtp, clock, s, visitor, reply } = await setup();
    visitor.disconnect();
    await reply('First answer.');
    clock.advance(3 * MINUTE);
    await smtp.waitFor(2);
    await reply('A second thought.');
    clock.advance(3 * MINUTE);
    const mails = await smtp.waitFor(3);
    expect(mails[2]!.text).toContain('> A second thought.');
    expect(mails[2]!.text).not.toContain('First answer.');
    expect(mails[2]!.text).toContain('Jana has answered you in the chat:');
    await until(() => replyMails(s), (list) => list.every((m) => m.status === 'sent'));
  });

  it('an expired link says so, and a new one can be asked for: it goes to the visitor\'s own address', async () => {
    const { smtp, clock, s, visitor, reply } = await setup();
    visitor.disconnect();
    await reply('Here is the answer.');
    clock.advance(3 * MINUTE);
    const [, mail] = await smtp.waitFor(2);
    const token = continueToken(mail!.text);
    clock.advance(8 * 24 * 60 * MINUTE);
    const expired = await useLink(s, token);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.code).toBe('link_expired');

    const renewed = await useLink(s, token, 'continue/renew');
    expect(renewed.status).toBe(202);
    // Pressing it again within minutes sends nothing more.
    expect((await useLink(s, token, 'continue/renew')).status).toBe(202);
    const [, , fresh] = await smtp.waitFor(3);
    expect(fresh!.to).toEqual(['anna@example.com']);
    expect(fresh!.subject).toBe('Your link to the conversation — Jana');
    const works = await useLink(s, continueToken(fresh!.text));
    expect(works.status).toBe(200);
    await settle();
    expect(smtp.received).toHaveLength(3);
  });

  it('never builds a link to a page outside the allowed origins', async () => {
    const { smtp, clock, s, visitor, reply, cookie } = await setup();
    const read = await api(s.url, 'GET', '/api/v1/sites/demo/settings', { cookie });
    const put = await api(s.url, 'PUT', '/api/v1/sites/demo/settings', { cookie, origin: s.url, body: { ...read.body, allowedOrigins: ['https://tea.example'] } });
    expect(put.status).toBe(200);
    visitor.disconnect();
    await reply('Answer.');
    clock.advance(3 * MINUTE);
    const [, mail] = await smtp.waitFor(2);
    // The visitor's page is not on an allowed origin: the mail points to the chat without a link.
    expect(mail!.text).not.toContain('porchlight-continue');
    expect(mail!.text).toContain('You can answer in the chat on our website.');
  });
});
