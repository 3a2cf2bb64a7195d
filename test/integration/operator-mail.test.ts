import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Message } from '../../shared/index.ts';
import { api, callOk, clientId, connected, operatorConsole, visitorSocket } from '../helpers/clients.ts';
import { OPERATOR, addOperator, sessionCookie, startServer, steerableClock, type TestServer } from '../helpers/server.ts';
import { closedAfterEach, freePort, startSmtpPeer, until, type ReceivedMail } from '../helpers/smtp.ts';

const { servers, peers } = closedAfterEach();

const MINUTE = 60_000;

/**
 * A server whose clock the test moves, mailing to a real SMTP peer, with the worker polling every 0.1 s. Jana
 * (the seeded owner of the demo site) has no console open: she is offline.
 */
async function setup(start = new Date(), env: Record<string, string> = {}) {
  const smtp = await startSmtpPeer();
  peers.push(smtp);
  const clock = steerableClock(start);
  const s = await startServer({ clock, env: { SMTP_URL: smtp.url, MAIL_FROM: 'chat@tea.example', MAIL_RETRY_SECONDS: '0.2', MAIL_POLL_SECONDS: '0.1', ...env } });
  servers.push(s);
  const site = (await s.store.getSiteByKey('demo'))!;
  return { smtp, clock, s, site };
}

async function visitor(s: TestServer, name: string) {
  const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', locale: 'en-GB', timeZone: 'Europe/London' });
  await connected(socket);
  const sync = await callOk<{ visitorId: string }>(socket, 'conversation:sync', { afterSeq: 0 });
  await s.store.updateVisitorProfile({ visitorId: sync.visitorId, name });
  const write = (body: string) => callOk<{ message: Message }>(socket, 'message:send', { clientId: clientId(), body });
  return { socket, visitorId: sync.visitorId, write };
}

/** Lets the worker (polling every 0.1 s) look at the queue a few times. */
const settle = () => new Promise((r) => setTimeout(r, 600));

async function mailsOfKind(s: TestServer, siteId: string, kind: string) {
  return (await s.store.listMails({ siteId, limit: 100 })).filter((m) => m.kind === kind);
}
const settled = (mails: Array<{ status: string }>) => mails.length > 0 && mails.every((m) => m.status !== 'queued' && m.status !== 'sending');

/** The mails the peer got about new messages (reminders of the schedule's reply promise left aside). */
const aboutMessages = (received: ReceivedMail[]) => received.filter((m) => /^(New message from|\d+ new messages from|\d+ conversations? with new messages)/.test(m.subject));

describe('mail to operators about new visitor messages', () => {
  it('an offline owner gets one mail for two quick messages, escaped, header-safe, without a visitor unsubscribe link', async () => {
    const { smtp, clock, s, site } = await setup();
    const anna = await visitor(s, 'Anna\r\nBcc: everyone@example.com');
    await anna.write('Is the <b>oolong</b> roasted? <script>alert(1)</script>');
    clock.advance(MINUTE);
    await anna.write('And does it ship to Brno?');
    // Two minutes after the first message the second is still waiting out its own delay.
    clock.advance(MINUTE + 5000);
    await settle();
    expect(aboutMessages(smtp.received)).toHaveLength(0);
    clock.advance(MINUTE);
    await until(() => mailsOfKind(s, site.id, 'operator-new'), settled);
    const [mail, ...more] = aboutMessages(smtp.received);
    expect(more).toHaveLength(0);
    expect(mail!.to).toEqual([OPERATOR.email]);
    expect(mail!.subject).toBe('2 new messages from Anna Bcc: everyone@example.com — Demo tea shop');
    expect(mail!.headers).not.toMatch(/^Bcc:/im);
    expect(mail!.headers).not.toMatch(/^List-Unsubscribe/im);
    expect(mail!.text).toContain('> Is the <b>oolong</b> roasted? <script>alert(1)</script>');
    expect(mail!.text).toContain('> And does it ship to Brno?');
    expect(mail!.text).toMatch(/Open the conversation: http:\/\/\S+\/console\/#\/conversations\/\S+/);
    expect(mail!.text).toContain('console → Team → Notifications');
    expect(mail!.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.html).not.toContain('<b>oolong');
    expect((await mailsOfKind(s, site.id, 'operator-new')).map((m) => m.status).sort()).toEqual(['cancelled', 'sent']);
  });

  it('an operator in the console gets none; one who is away but reads the message in time gets none either', async () => {
    const { smtp, clock, s, site } = await setup();
    const jana = await operatorConsole(s);
    const anna = await visitor(s, 'Anna');
    await anna.write('Hello?');
    clock.advance(3 * MINUTE);
    await settle();
    expect(await mailsOfKind(s, site.id, 'operator-new')).toEqual([]);

    await callOk(jana.socket, 'presence:update', { status: 'away' });
    const { message } = await anna.write('Anyone there?');
    expect(await mailsOfKind(s, site.id, 'operator-new')).toHaveLength(1);
    await callOk(jana.socket, 'message:seen', { conversationId: message.conversationId, upToSeq: message.seq });
    clock.advance(3 * MINUTE);
    await until(() => mailsOfKind(s, site.id, 'operator-new'), settled);
    expect((await mailsOfKind(s, site.id, 'operator-new'))[0]).toMatchObject({ status: 'cancelled' });
    expect(aboutMessages(smtp.received)).toHaveLength(0);
  });

  it("'off' gets none, and the setting is the operator's own, validated", async () => {
    const { smtp, clock, s, site } = await setup();
    const jana = { cookie: await sessionCookie(s) };
    expect((await api(s.url, 'GET', '/api/v1/me/notifications', { cookie: jana.cookie })).body).toEqual({ mode: null });
    expect((await api(s.url, 'GET', '/api/v1/me/notifications')).status).toBe(401);
    const bad = await api(s.url, 'PUT', '/api/v1/me/notifications', { cookie: jana.cookie, origin: s.url, body: { mode: 'sometimes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_payload');
    // Another website's page cannot change it with the operator's cookie.
    expect((await api(s.url, 'PUT', '/api/v1/me/notifications', { cookie: jana.cookie, origin: 'https://evil.example', body: { mode: 'off' } })).status).toBe(403);
    const put = await api(s.url, 'PUT', '/api/v1/me/notifications', { cookie: jana.cookie, origin: s.url, body: { mode: 'off' } });
    expect(put).toEqual({ status: 200, body: { mode: 'off' } });
    expect((await api(s.url, 'GET', '/api/v1/me/notifications', { cookie: jana.cookie })).body).toEqual({ mode: 'off' });
    // A second operator who never chose: 'off' is an operator's default.
    await addOperator(s.store, { email: 'petr@example.com', name: 'Petr', password: 'correct-horse-battery' });
    const anna = await visitor(s, 'Anna');
    await anna.write('Hello?');
    clock.advance(3 * MINUTE);
    await settle();
    expect(await mailsOfKind(s, site.id, 'operator-new')).toEqual([]);
    expect(aboutMessages(smtp.received)).toHaveLength(0);
  });

  it('a message left in the form and a reply by e-mail each reach the offline owner, each once', async () => {
    const inboundPort = await freePort();
    const { smtp, clock, s, site } = await setup(new Date(), { REPLY_DOMAIN: 'reply.tea.example', INBOUND_SMTP_PORT: String(inboundPort) });
    const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', locale: 'en-GB' });
    await connected(socket);
    await callOk(socket, 'conversation:sync', { afterSeq: 0 });
    const form = { clientId: clientId(), body: 'Do you have matcha?', name: 'Anna', email: 'anna@example.com' };
    await callOk(socket, 'form:submit', form);
    // The widget retries the same submission: nothing more is queued.
    await callOk(socket, 'form:submit', form);
    const [receipt] = await smtp.waitFor(1);
    clock.advance(3 * MINUTE);
    await until(() => mailsOfKind(s, site.id, 'operator-new'), settled);
    expect(await mailsOfKind(s, site.id, 'operator-new')).toHaveLength(1);
    const [first] = aboutMessages(await smtp.waitFor(2));
    expect(first!.subject).toBe('New message from Anna — Demo tea shop');
    expect(first!.text).toContain('> Do you have matcha?');

    const replyTo = /^Reply-To: (\S+)$/m.exec(receipt!.headers)![1]!;
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });
    await mailer.sendMail({ from: 'anna@example.com', to: replyTo, subject: 'Re', text: 'Ceremonial grade, please.' });
    clock.advance(3 * MINUTE);
    await until(() => mailsOfKind(s, site.id, 'operator-new'), (mails) => mails.length === 2 && settled(mails));
    const [, second] = aboutMessages(await smtp.waitFor(3));
    expect(second!.text).toContain('> Ceremonial grade, please.');
    // Only what the first mail did not carry.
    expect(second!.text).not.toContain('Do you have matcha?');
  });

  it("'digest' sends at most one mail an hour, listing the conversations with unread messages", async () => {
    const { smtp, clock, s, site } = await setup(new Date('2026-12-07T10:05:00Z'));
    // Set through the API without opening a console: Jana stays offline.
    const cookie = await sessionCookie(s);
    expect((await api(s.url, 'PUT', '/api/v1/me/notifications', { cookie, origin: s.url, body: { mode: 'digest' } })).status).toBe(200);
    const anna = await visitor(s, 'Anna');
    const petr = await visitor(s, 'Petr');
    await anna.write('Is the oolong roasted?');
    clock.advance(15 * MINUTE); // 10:20
    await petr.write('Do you sell gift cards?');
    clock.advance(30 * MINUTE); // 10:50
    await settle();
    expect(aboutMessages(smtp.received)).toHaveLength(0);
    clock.advance(10 * MINUTE + 1000); // 11:00:01
    await until(() => mailsOfKind(s, site.id, 'operator-digest'), settled);
    const [digest] = aboutMessages(smtp.received);
    expect(digest!.subject).toBe('2 conversations with new messages — Demo tea shop');
    expect(digest!.text).toContain('Anna (1 unread');
    expect(digest!.text).toContain('> Is the oolong roasted?');
    expect(digest!.text).toContain('Petr (1 unread');
    expect(digest!.text).toContain('> Do you sell gift cards?');

    // Within the next hour: a new message waits for the next digest.
    clock.advance(5 * MINUTE); // 11:05
    await anna.write('Also, green tea?');
    clock.advance(30 * MINUTE); // 11:35
    await settle();
    expect(aboutMessages(smtp.received)).toHaveLength(1);
    clock.advance(25 * MINUTE + 1000); // 12:00:01
    await until(() => mailsOfKind(s, site.id, 'operator-digest'), (mails) => mails.length === 2 && settled(mails));
    const [, second] = aboutMessages(smtp.received);
    expect(second!.subject).toBe('1 conversation with new messages — Demo tea shop');
    expect(second!.text).toContain('Anna (2 unread');
    expect(second!.text).not.toContain('Petr');
  });
});

describe('reminders before a promise to a visitor passes', () => {
  async function promiseSetup() {
    const ctx = await setup();
    const petr = await addOperator(ctx.s.store, { email: 'petr@example.com', name: 'Petr', password: 'correct-horse-battery' });
    const anna = await visitor(ctx.s, 'Anna');
    const { message } = await anna.write('Can you check whether my parcel left?');
    const jana = await operatorConsole(ctx.s);
    const conversationId = message.conversationId;
    await callOk(jana.socket, 'conversation:assign', { conversationId, operatorId: petr.id });
    const at = new Date(ctx.clock.now().getTime() + 60 * MINUTE).toISOString();
    await callOk(jana.socket, 'conversation:promise', { conversationId, at, note: 'Ask the courier' });
    return { ...ctx, jana, petr, conversationId };
  }
  const reminders = (received: ReceivedMail[]) => received.filter((m) => m.subject.includes('promised an update'));

  it('reaches the assignee 15 minutes before an "update by" promise, once', async () => {
    const { smtp, clock, s, site, jana, conversationId } = await promiseSetup();
    clock.advance(44 * MINUTE);
    await settle();
    expect(reminders(smtp.received)).toHaveLength(0);
    clock.advance(MINUTE + 1000);
    await until(
      () => mailsOfKind(s, site.id, 'operator-reminder'),
      (mails) => mails.some((m) => m.status === 'sent' && m.dedupeKey.startsWith('reminder:update:')),
    );
    const [reminder, ...more] = reminders(smtp.received);
    expect(more).toHaveLength(0);
    expect(reminder!.to).toEqual(['petr@example.com']);
    expect(reminder!.subject).toMatch(/^Reminder: Anna was promised an update by .+ — Demo tea shop$/);
    expect(reminder!.text).toContain('Jana promised Anna an update by');
    expect(reminder!.text).toContain('> Ask the courier');
    expect(reminder!.text).toContain('The conversation is assigned to you.');
    // The same promise stored again (another tab, a retried event) queues nothing twice.
    await callOk(jana.socket, 'conversation:assign', { conversationId, operatorId: (await s.store.getConversationSummary(conversationId))!.assigneeId });
    clock.advance(5 * MINUTE);
    await settle();
    expect(reminders(smtp.received)).toHaveLength(1);
  });

  it('reaches every operator of the site when nobody is assigned, whatever they chose for new-message mail', async () => {
    const { smtp, clock, s, site } = await setup();
    // Petr is an operator (mail about new messages: off by default); Jana is the owner. Neither is online.
    await addOperator(s.store, { email: 'petr@example.com', name: 'Petr', password: 'correct-horse-battery' });
    const anna = await visitor(s, 'Anna');
    const { message } = await anna.write('Do you still have the 2016 pu-erh?');
    const promise = (await s.store.getConversationSummary(message.conversationId))!.replyBy!;
    clock.advance(Date.parse(promise) - clock.now().getTime() - 15 * MINUTE + 1000);
    const sent = await until(
      () => mailsOfKind(s, site.id, 'operator-reminder'),
      (mails) => mails.filter((m) => m.dedupeKey.startsWith('reminder:reply:') && m.status === 'sent').length === 2,
    );
    expect(sent.map((m) => m.recipient).sort()).toEqual(['jana@example.com', 'petr@example.com']);
    expect(smtp.received.filter((m) => m.to.includes('petr@example.com'))).toHaveLength(1);
  });

  it('is not sent when an operator answered before it was due', async () => {
    const { smtp, clock, s, site, jana, conversationId } = await promiseSetup();
    await callOk(jana.socket, 'message:send', { conversationId, clientId: clientId(), body: 'The courier has it; it arrives tomorrow.' });
    clock.advance(46 * MINUTE);
    await until(
      () => mailsOfKind(s, site.id, 'operator-reminder'),
      (mails) => mails.some((m) => m.dedupeKey.startsWith('reminder:update:') && m.status === 'cancelled'),
    );
    expect(reminders(smtp.received)).toHaveLength(0);
  });
});
