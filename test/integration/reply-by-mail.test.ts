import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ConversationSummary, type Message } from '../../shared/index.ts';
import { callOk, clientId, collect, connected, operatorConsole, visitorSocket } from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { freePort, startSmtpPeer, until, closedAfterEach } from '../helpers/smtp.ts';

const { servers, peers } = closedAfterEach();

/** A server receiving replies on its own port, and a visitor who left a message (so got a receipt). */
async function setup() {
  const smtp = await startSmtpPeer();
  peers.push(smtp);
  const inboundPort = await freePort();
  const s = await startServer({
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'chat@tea.example', REPLY_DOMAIN: 'reply.tea.example', INBOUND_SMTP_PORT: String(inboundPort), MAIL_POLL_SECONDS: '0.1' },
  });
  servers.push(s);
  const visitor = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo' });
  await connected(visitor);
  await callOk(visitor, 'conversation:sync', { afterSeq: 0 });
  const left = await callOk<{ message: Message }>(visitor, 'form:submit', { clientId: clientId(), body: 'Do you have matcha?', email: 'anna@example.com' });
  const [receipt] = await smtp.waitFor(1);
  const replyTo = /^Reply-To: (\S+)$/m.exec(receipt!.headers)?.[1];
  expect(replyTo).toMatch(/^reply\+[0-9a-f]{24}@reply\.tea\.example$/);
  const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: inboundPort, secure: false, ignoreTLS: true });
  return { s, visitor, conversationId: left.message.conversationId, replyTo: replyTo!, mailer };
}

describe('replies by e-mail', () => {
  it('a reply to the reply address lands in the same thread as the visitor\'s message, without the quoted history', async () => {
    const { s, visitor, conversationId, replyTo, mailer } = await setup();
    const operator = await operatorConsole(s);
    const atOperator = collect<{ message: Message; conversation: ConversationSummary }>(operator.socket, 'message:created');
    const atVisitor = collect<Message>(visitor, 'message:created');
    const sent = await mailer.sendMail({
      from: 'Anna <Anna@Example.com>',
      to: replyTo,
      subject: 'Re: We have your message — Jana',
      text: 'Ceremonial grade, please.\nTwo tins.\n\nOn Mon, 3 Nov 2026 at 10:00, Jana <chat@tea.example> wrote:\n> Do you have matcha?\n',
    });
    expect(sent.accepted).toEqual([replyTo]);
    await until(async () => atOperator.length, (n) => n >= 1);
    expect(atOperator[0]!.message).toMatchObject({ conversationId, author: 'visitor', body: 'Ceremonial grade, please.\nTwo tins.' });
    await until(async () => atVisitor.length, (n) => n >= 1);
    expect(atVisitor[0]!.body).toBe('Ceremonial grade, please.\nTwo tins.');

    // The same mail delivered again (a sending server retrying) adds nothing.
    const raw = { from: 'Anna <anna@example.com>', to: replyTo, subject: 'Re', text: 'Once only.', messageId: '<once@example.com>' };
    await mailer.sendMail(raw);
    await mailer.sendMail(raw);
    const sync = await callOk<{ messages: Message[] }>(visitor, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.filter((m) => m.body === 'Once only.')).toHaveLength(1);
  });

  it('refuses mail for an unknown or forged reply address, and from anyone but the visitor', async () => {
    const { s, replyTo, mailer, visitor } = await setup();
    const forged = replyTo.replace(/\+([0-9a-f])/, (_m, c: string) => `+${c === 'a' ? 'b' : 'a'}`);
    await expect(mailer.sendMail({ from: 'anna@example.com', to: forged, subject: 'x', text: 'Forged' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(mailer.sendMail({ from: 'anna@example.com', to: 'someone@reply.tea.example', subject: 'x', text: 'Unknown' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(mailer.sendMail({ from: 'anna@example.com', to: replyTo.replace('reply.tea.example', 'elsewhere.example'), subject: 'x', text: 'Other domain' })).rejects.toMatchObject({ responseCode: 550 });
    await expect(mailer.sendMail({ from: 'mallory@example.com', to: replyTo, subject: 'x', text: 'Not the visitor' })).rejects.toMatchObject({ responseCode: 550 });
    const sync = await callOk<{ messages: Message[] }>(visitor, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).not.toEqual(expect.arrayContaining(['Forged', 'Unknown', 'Other domain', 'Not the visitor']));
    expect(s.config.mail.inboundPort).toBeGreaterThan(0);
  });
});
