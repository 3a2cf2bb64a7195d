import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { callOk, clientId, operatorConsole } from '../helpers/clients.ts';
import { useE2e } from '../helpers/e2e.ts';
import { widgetScript } from '../helpers/host-page.ts';
import { steerableClock } from '../helpers/server.ts';
import { startSmtpPeer } from '../helpers/smtp.ts';

/**
 * The continue link of a replies mail (docs/mail.md), end to end: a visitor leaves a message and goes, an
 * operator answers, the mail arrives at a real SMTP server, and its link opens the widget on the same thread in
 * another browser; a used or altered link does not, and says why. Real server, sockets, SMTP, Chromium.
 */
const smtp = await startSmtpPeer();
afterAll(() => smtp.close());
const clock = steerableClock(new Date());
const e2e = useE2e({ clock, env: { SMTP_URL: smtp.url, MAIL_POLL_SECONDS: '0.1', MAIL_FROM: 'chat@tea.example' } });

const PATH = '/shop/oolong.html';
/** The shop's page on the test server's origin, as the site owner wrote it. */
async function shopPage(context: BrowserContext, url: string): Promise<Page> {
  await context.route(`${e2e.server.url}${PATH}`, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html lang="en"><head><title>Oolong</title></head><body><h1>Oolong</h1>${widgetScript(e2e.server)}</body></html>` }),
  );
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** The next mail to the visitor whose subject matches, among everything the SMTP server gets (the team's too). */
async function nextMailToVisitor(after: number, subject: RegExp) {
  for (let count = after + 1; ; count++) {
    const found = (await smtp.waitFor(count)).slice(after).find((m) => m.to.includes('anna@example.com') && subject.test(m.subject));
    if (found) return found;
  }
}

/** A visitor leaves a message in the form, an operator answers, and the replies mail arrives: its link. */
async function mailedLink(question: string, answer: string): Promise<string> {
  const before = smtp.received.length;
  const visitor = await shopPage(await e2e.newContext({ locale: 'en-GB' }), `${e2e.server.url}${PATH}`);
  await visitor.getByRole('button', { name: 'Leave us a message' }).click();
  await visitor.getByRole('textbox', { name: 'Message' }).fill(question);
  await visitor.getByRole('textbox', { name: 'E-mail' }).fill('anna@example.com');
  await visitor.getByRole('button', { name: 'Send message' }).click();
  await visitor.getByRole('listitem').filter({ hasText: 'will reply' }).waitFor();
  await nextMailToVisitor(before, /We have your message/);
  await visitor.close();
  const site = (await e2e.server.store.getSiteByKey('demo'))!;
  const [conversation] = await e2e.server.store.listConversations([site.id], { limit: 1 });
  const operator = await operatorConsole(e2e.server);
  await callOk(operator.socket, 'message:send', { conversationId: conversation!.id, clientId: clientId(), body: answer });
  operator.socket.disconnect();
  const answered = smtp.received.length;
  clock.advance(3 * 60_000);
  const mail = await nextMailToVisitor(answered, /replied to your message/);
  const link = /Continue the conversation: (\S+)/.exec(mail.text)?.[1];
  expect(link).toContain(`${PATH}#porchlight-continue=`);
  return link!;
}

describe('the continue link in a replies mail', () => {
  it('opens the widget on the same thread in another browser, takes the token out of the address, and works once', async () => {
    const link = await mailedLink('Is the oolong roasted?', 'Yes, over charcoal, twice.');
    const page = await shopPage(await e2e.newContext({ locale: 'en-GB' }), link);
    // No click: the panel opens on the thread.
    await page.getByText('Yes, over charcoal, twice.').waitFor();
    await page.getByText('Is the oolong roasted?').waitFor();
    expect(new URL(page.url()).hash).toBe('');

    const again = await shopPage(await e2e.newContext({ locale: 'en-GB' }), link);
    await again.getByText(/This link was already used/).waitFor();
    expect(await again.getByText('Yes, over charcoal, twice.').count()).toBe(0);
    // A new link goes to the visitor's own address.
    const before = smtp.received.length;
    await again.getByRole('button', { name: 'Send me a new link' }).click();
    await again.getByText('We have sent a new link to your e-mail address.').waitFor();
    const fresh = await nextMailToVisitor(before, /Your link to the conversation/);
    expect(fresh.to).toEqual(['anna@example.com']);
  });

  it('does not open a thread for an altered link, and says so', async () => {
    const link = await mailedLink('Do you ship to Vienna?', 'We do, in three days.');
    const altered = link.replace(/porchlight-continue=(.)/, (_m, c: string) => `porchlight-continue=${c === 'A' ? 'B' : 'A'}`);
    const page = await shopPage(await e2e.newContext({ locale: 'en-GB' }), altered);
    await page.getByText(/This link is not valid/).waitFor();
    expect(await page.getByText('We do, in three days.').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send me a new link' }).count()).toBe(0);
  });
});
