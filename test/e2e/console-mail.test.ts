import { VISITOR_MAIL_KINDS } from '../../server/mail/compose.ts';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type Message } from '../../shared/index.ts';
import { callOk, clientId, connected, visitorSocket } from '../helpers/clients.ts';
import { openConsoleSignedIn } from '../helpers/console.ts';
import { useE2e } from '../helpers/e2e.ts';
import { freePort, startSmtpPeer, until, type SmtpPeer } from '../helpers/smtp.ts';

/**
 * The owner's Sent mail screen and the notice of an undelivered mail on the conversation, in Chromium, against
 * a real server sending to a real SMTP peer that refuses one address (a permanent failure, 550).
 */
const smtpPort = await freePort();
const e2e = useE2e({ env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'chat@tea.example', MAIL_POLL_SECONDS: '0.2', MAIL_RETRY_SECONDS: '0.2' } });
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer({ port: smtpPort, rejectRecipients: ['nobody@example.com'] });
});
afterAll(async () => {
  await peer.close();
});

let pageErrors: Error[] = [];
afterEach(() => {
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
});

/** A visitor leaves a message in the form (nobody is online on the demo site): a receipt is queued. */
async function leaveMessage(fields: { body: string; email: string; name: string }): Promise<Message> {
  const socket = visitorSocket(e2e.server.url, { v: PROTOCOL_VERSION, siteKey: 'demo' });
  await connected(socket);
  await callOk(socket, 'conversation:sync', { afterSeq: 0 });
  const { message } = await callOk<{ message: Message }>(socket, 'form:submit', { clientId: clientId(), ...fields });
  socket.disconnect();
  return message;
}

/** Until every mail of the demo site to visitors has been sent or has failed (the team's are due minutes later). */
async function mailsSettled(count: number) {
  const site = await e2e.server.store.getSiteByKey('demo');
  await until(
    async () => (await e2e.server.store.listMails({ siteId: site!.id, limit: 50 })).filter((m) => VISITOR_MAIL_KINDS.has(m.kind)),
    (list) => list.length === count && list.every((m) => m.status === 'sent' || m.status === 'failed'),
  );
}

async function openConsole(): Promise<Page> {
  const context = await e2e.newContext({ locale: 'en-US', timezoneId: 'Europe/Prague' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err));
  await openConsoleSignedIn(page, e2e.server);
  return page;
}

describe('Sent mail in the console', () => {
  it('shows the owner the receipt of a message just left with its status, and its text with the visitor\'s markup as text', async () => {
    await leaveMessage({ body: 'Is this tea organic? <img src=x onerror="window.__xss=1">', email: 'anna@example.com', name: 'Anna' });
    await mailsSettled(1);
    const page = await openConsole();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Sent mail' }).click();
    await page.getByRole('heading', { name: 'Sent mail: Demo tea shop' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'anna@example.com' });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(expect.arrayContaining(['Receipt', 'anna@example.com', 'Sent', '1']));
    // Mail goes out over SMTP here: no note about files.
    expect(await page.getByText('DATA_DIR/mail').count()).toBe(0);

    await row.getByRole('button', { name: /We have your message/ }).click();
    const heading = page.getByRole('heading', { level: 2, name: /We have your message/ });
    await heading.waitFor();
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const text = page.locator('.mail-view__text');
    expect(await text.innerText()).toContain('> Is this tea organic? <img src=x onerror="window.__xss=1">');
    // The visitor's markup is text in the console, and the HTML part sits in a frame that runs nothing.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const frame = page.locator('iframe.mail-view__frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).not.toContain('<img src=x');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.getByRole('link', { name: 'Open the conversation' }).getAttribute('href')).toMatch(/^#\/conversations\/.+/);

    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => row.getByRole('button', { name: /We have your message/ }).evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('shows on the conversation that its receipt could not be delivered, with the mail server\'s answer', async () => {
    const message = await leaveMessage({ body: 'Call me back, please.', email: 'nobody@example.com', name: 'Nobody' });
    await mailsSettled(1);
    const page = await openConsole();
    await page.goto(`${e2e.server.url}/console/#/conversations/${message.conversationId}`);
    const notice = page.getByRole('listitem').filter({ hasText: 'could not be delivered' });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/^The receipt to nobody@example\.com could not be delivered: .*550.*No such user/);

    await page.getByRole('link', { name: 'Sent mail' }).click();
    const row = page.getByRole('row').filter({ hasText: 'nobody@example.com' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Failed');
    expect(await row.innerText()).toMatch(/No such user/);
  });
});
