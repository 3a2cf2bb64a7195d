import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Message } from '../../shared/index.ts';
import { VISITOR_MAIL_KINDS } from '../../server/mail/compose.ts';
import { api, call, callOk, clientId, connected, visitorSocket } from '../helpers/clients.ts';
import { sessionCookie, startServer, type StartOptions, type TestServer } from '../helpers/server.ts';
import { freePort, startSmtpPeer, until, closedAfterEach } from '../helpers/smtp.ts';

const { servers, peers } = closedAfterEach();

/** Fast retries and polls, so an outage of a second or two is seen through in a test. */
const QUICK = { MAIL_RETRY_SECONDS: '0.2', MAIL_POLL_SECONDS: '0.2', MAIL_FROM: 'chat@tea.example' };

async function server(env: Record<string, string> = {}, options: StartOptions = {}) {
  const s = await startServer({ ...options, env: { ...QUICK, ...env } });
  servers.push(s);
  return s;
}

async function peer(options: Parameters<typeof startSmtpPeer>[0] = {}) {
  const p = await startSmtpPeer(options);
  peers.push(p);
  return p;
}

/** A visitor (nobody online on the demo site, so the form) who leaves a message with an e-mail address. */
async function leaveMessage(s: TestServer, fields: { body: string; email: string; name?: string }, handshake: Record<string, unknown> = {}) {
  const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', ...handshake });
  await connected(socket);
  await callOk(socket, 'conversation:sync', { afterSeq: 0 });
  const id = clientId();
  const result = await callOk<{ message: Message; acknowledgement: Message }>(socket, 'form:submit', { clientId: id, ...fields });
  return { socket, id, result };
}

const siteId = async (s: TestServer) => (await s.store.getSiteByKey('demo'))!.id;
/** The site's mails to visitors; the mails operators get about the same messages are operator-mail.test.ts's. */
const mails = async (s: TestServer) => (await s.store.listMails({ siteId: await siteId(s), limit: 50 })).filter((m) => VISITOR_MAIL_KINDS.has(m.kind));

describe('the receipt for a message left in the form', () => {
  it('reaches the visitor through SMTP: what they wrote, who answers and by when, in their language and time zone', async () => {
    const smtp = await peer();
    const s = await server({ SMTP_URL: smtp.url });
    const { result } = await leaveMessage(
      s,
      { body: 'Máte sypaný Earl Grey?\nA <b>kolik</b> stojí?', email: 'Anna@Example.com', name: 'Anna' },
      { timeZone: 'America/New_York', locale: 'cs-CZ' },
    );
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['anna@example.com']);
    expect(mail!.from).toBe('chat@tea.example');
    expect(mail!.headers).toMatch(/^From: Jana <chat@tea\.example>$/m);
    expect(mail!.subject).toBe('Vaši zprávu máme — Jana');
    expect(mail!.text).toContain('Dobrý den, Anna,');
    expect(mail!.text).toContain('> Máte sypaný Earl Grey?\n> A <b>kolik</b> stojí?');
    // The same promise, in the same words, as the acknowledgement in the widget.
    const promised = /odpoví ((?:dnes|zítra) do \d{1,2}:\d{2} \(podle vašeho času\))/.exec(result.acknowledgement.body)?.[1];
    expect(promised).toBeDefined();
    expect(mail!.text).toContain(`Jana vám odpoví ${promised}, na tuto e-mailovou adresu.`);
    // Visitor text is escaped in the HTML part.
    expect(mail!.html).toContain('A &#60;b&#62;kolik&#60;/b&#62; stojí?');
    expect(mail!.html).not.toContain('<b>kolik');
    await until(() => mails(s), (list) => list[0]?.status === 'sent');
  });

  it('is queued once for a submission the widget retries', async () => {
    const smtp = await peer();
    const s = await server({ SMTP_URL: smtp.url });
    const { socket, id } = await leaveMessage(s, { body: 'Hello', email: 'eva@example.com' });
    await callOk(socket, 'form:submit', { clientId: id, body: 'Hello', email: 'eva@example.com' });
    await smtp.waitFor(1);
    await until(() => mails(s), (list) => list.every((m) => m.status === 'sent'));
    expect(await mails(s)).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('is written as an .eml file under DATA_DIR/mail when no SMTP server is configured', async () => {
    const s = await server();
    await leaveMessage(s, { body: 'Do you ship to Slovakia?', email: 'petr@example.com' });
    const [mail] = await until(() => mails(s), (list) => list[0]?.status === 'sent');
    const dir = join(s.dataDir, 'mail');
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(new RegExp(`${mail!.id}\\.eml$`))]);
    const raw = readFileSync(join(dir, files[0]!), 'utf8');
    expect(raw).toMatch(/^To: petr@example\.com$/m);
    expect(raw).toMatch(/^Subject: We have your message =?— Jana|^Subject: =\?UTF-8\?/m);
    expect(raw).toContain('> Do you ship to Slovakia?');
  });
});

describe('the sender', () => {
  it('is the site\'s own name and address when the owner sets them; a name on two lines is refused and nothing saved', async () => {
    const smtp = await peer();
    const s = await server({ SMTP_URL: smtp.url });
    const cookie = await sessionCookie(s);
    const read = await api(s.url, 'GET', '/api/v1/sites/demo/settings', { cookie });
    const refused = await api(s.url, 'PUT', '/api/v1/sites/demo/settings', {
      cookie,
      origin: s.url,
      body: { ...read.body, mail: { senderName: 'Lucerna\r\nBcc: victim@example.com', senderAddress: 'caj@lucerna.example' } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues).toEqual([{ path: ['mail', 'senderName'], message: 'The sender name must be one line, without control characters.' }]);
    expect((await api(s.url, 'GET', '/api/v1/sites/demo/settings', { cookie })).body).toEqual(read.body);

    const saved = await api(s.url, 'PUT', '/api/v1/sites/demo/settings', {
      cookie,
      origin: s.url,
      body: { ...read.body, mail: { senderName: 'Čajovna U Lucerny', senderAddress: 'Caj@Lucerna.example' } },
    });
    expect(saved.status).toBe(200);
    await leaveMessage(s, { body: 'Hello', email: 'anna@example.com' });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.from).toBe('caj@lucerna.example');
    expect(mail!.headers).toMatch(/^From: =\?UTF-8\?.+\?= <caj@lucerna\.example>$/m);
    expect(mail!.headers).not.toMatch(/^Bcc:/im);
  });
});

describe('header injection', () => {
  // Built here, not typed into the source: raw CR and LF, and the other line breaks a header parser may honour.
  const BREAKS = ['\r\n', '\n', '\r', '\u2028', '\r\n\t'];

  it('refuses a line break in every header-bound field of the form and queues no mail', async () => {
    const smtp = await peer();
    const s = await server({ SMTP_URL: smtp.url });
    const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo' });
    await connected(socket);
    await callOk(socket, 'conversation:sync', { afterSeq: 0 });
    for (const line of BREAKS) {
      const injected = `${line}Bcc: victim@example.com`;
      for (const fields of [
        { name: `Anna${injected}`, email: 'anna@example.com' },
        { name: 'Anna', email: `anna@example.com${injected}` },
        { name: 'Anna', email: `anna@example.com${line}` },
        { name: 'Anna', email: 'anna@example.com', website: injected },
      ]) {
        const result = await call(socket, 'form:submit', { clientId: clientId(), body: 'Hello', ...fields });
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      }
    }
    expect(await mails(s)).toEqual([]);
  });

  it('keeps a line break in the message as text of the mail, never as a header', async () => {
    const smtp = await peer();
    const s = await server({ SMTP_URL: smtp.url });
    await leaveMessage(s, { body: 'First line\r\nBcc: victim@example.com\r\n\r\nSubject: hacked', email: 'anna@example.com', name: 'Anna' });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['anna@example.com']);
    expect(mail!.headers).not.toMatch(/^Bcc:/im);
    expect(mail!.subject).toBe('We have your message — Jana');
    expect(mail!.text).toContain('> Bcc: victim@example.com');
  });
});

describe('unsubscribing', () => {
  it('every visitor mail has a working unsubscribe link; after it, the site sends that address nothing more', async () => {
    const smtp = await peer();
    const s = await server({ SMTP_URL: smtp.url });
    await leaveMessage(s, { body: 'First question', email: 'Eva@example.com' });
    const [mail] = await smtp.waitFor(1);
    const link = /^List-Unsubscribe: <(\S+)>$/m.exec(mail!.headers)?.[1];
    expect(link).toMatch(/^http:\/\/localhost:\d+\/unsubscribe\/[\w-]+$/);
    expect(mail!.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(mail!.text).toContain(`To get no more e-mails from us: ${link}`);
    const path = new URL(link!).pathname;

    // Opening the link only asks (mail scanners open links); the button unsubscribes, in the reader's language.
    const asked = await fetch(`${s.url}${path}`, { headers: { 'accept-language': 'cs-CZ,cs;q=0.9' } });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Přestat posílat e-maily od Jana na eva@example.com?');
    const siteId = (await s.store.getSiteByKey('demo'))!.id;
    expect(await s.store.isOptedOutOfMail({ siteId, email: 'eva@example.com' })).toBe(false);
    // A mail client's one-click unsubscribe (RFC 8058).
    const done = await fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('eva@example.com will get no more e-mails from Jana');

    await leaveMessage(s, { body: 'Second question', email: 'eva@example.com' });
    await until(() => mails(s), (list) => list.length === 2 && list[0]!.status === 'cancelled');
    expect(smtp.received).toHaveLength(1);
    expect((await fetch(`${s.url}/unsubscribe/not-a-mail`)).status).toBe(404);
  });
});

describe('rate limits', () => {
  it('sends at most five receipts to one address in a burst, keeping every message', async () => {
    const s = await server();
    const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo' });
    await connected(socket);
    await callOk(socket, 'conversation:sync', { afterSeq: 0 });
    for (let n = 1; n <= 7; n++) await callOk(socket, 'form:submit', { clientId: clientId(), body: `Message ${n}`, email: 'same@example.com' });
    const sync = await callOk<{ messages: Message[] }>(socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.filter((m) => m.author === 'visitor')).toHaveLength(7);
    expect((await mails(s)).filter((m) => m.kind === 'receipt')).toHaveLength(5);
  });

  it('refuses the form from an address that has sent ten in a burst, storing nothing of the eleventh', async () => {
    const s = await server();
    const results = [];
    for (let n = 1; n <= 11; n++) {
      const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo' });
      await connected(socket);
      await callOk(socket, 'conversation:sync', { afterSeq: 0 });
      results.push(await call(socket, 'form:submit', { clientId: clientId(), body: `From visitor ${n}`, email: `v${n}@example.com` }));
      socket.disconnect();
    }
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect((await mails(s)).map((m) => m.recipient)).not.toContain('v11@example.com');
  });
});

describe('the outbox', () => {
  it('keeps mails while the SMTP server is down and delivers each exactly once when it is back', async () => {
    const port = await freePort();
    const s = await server({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    for (const n of [1, 2, 3]) await leaveMessage(s, { body: `Question ${n}`, email: `visitor${n}@example.com` });
    // Every mail has failed at least once, and waits for its retry with the reason kept.
    const waiting = await until(() => mails(s), (list) => list.length === 3 && list.every((m) => m.attempts >= 1 && m.status === 'queued'));
    expect(waiting[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);

    const smtp = await peer({ port });
    await until(() => mails(s), (list) => list.every((m) => m.status === 'sent'));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['visitor1@example.com', 'visitor2@example.com', 'visitor3@example.com']);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(3);
  });

  it('loses none and sends none twice across a restart', async () => {
    const smtp = await peer();
    const port = await freePort();
    // Queued while the server cannot send, then the server restarts with a working SMTP server.
    const first = await server({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    for (const n of [1, 2]) await leaveMessage(first, { body: `Before the restart ${n}`, email: `early${n}@example.com` });
    await until(() => mails(first), (list) => list.length === 2 && list.every((m) => m.attempts >= 1));
    await first.stop();
    const second = await startServer({ dataDir: first.dataDir, env: { ...QUICK, SMTP_URL: smtp.url } });
    servers.push(second);
    await leaveMessage(second, { body: 'After the restart', email: 'late@example.com' });
    await until(() => mails(second), (list) => list.length === 3 && list.every((m) => m.status === 'sent'));
    // Another restart: nothing is sent again.
    await second.stop();
    const third = await startServer({ dataDir: first.dataDir, env: { ...QUICK, SMTP_URL: smtp.url } });
    servers.push(third);
    await leaveMessage(third, { body: 'Third start', email: 'third@example.com' });
    await smtp.waitFor(4);
    await until(() => mails(third), (list) => list.length === 4 && list.every((m) => m.status === 'sent'));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['early1@example.com', 'early2@example.com', 'late@example.com', 'third@example.com']);
  });

  it('finishes the mail it is sending when the server stops, and does not send it again after the restart', async () => {
    const smtp = await peer({ hold: true });
    const first = await server({ SMTP_URL: smtp.url });
    await leaveMessage(first, { body: 'Sent while stopping', email: 'midway@example.com' });
    await smtp.held();
    // The SMTP server has the whole mail and has not answered yet when the stop begins.
    const stopping = first.stop();
    smtp.release();
    await stopping;
    const second = await startServer({ dataDir: first.dataDir, env: { ...QUICK, SMTP_URL: smtp.url } });
    servers.push(second);
    expect((await mails(second)).map((m) => m.status)).toEqual(['sent']);
    // The queue is worked oldest first: once a later mail has arrived, an earlier one would have been resent.
    await leaveMessage(second, { body: 'After the restart', email: 'after@example.com' });
    await smtp.waitFor(2);
    await until(() => mails(second), (list) => list.every((m) => m.status === 'sent'));
    expect(smtp.received.map((m) => m.to[0])).toEqual(['midway@example.com', 'after@example.com']);
  });

  it('gives up on an address the server rejects and keeps the reason for the console', async () => {
    const smtp = await peer({ rejectRecipients: ['nobody@example.com'] });
    const s = await server({ SMTP_URL: smtp.url });
    await leaveMessage(s, { body: 'Hi', email: 'nobody@example.com' });
    const [failed] = await until(() => mails(s), (list) => list[0]?.status === 'failed');
    expect(failed!.attempts).toBe(1);
    expect(failed!.lastError).toMatch(/550/);
    expect(smtp.received).toHaveLength(0);
  });
});
