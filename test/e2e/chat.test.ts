import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../helpers/server.ts';
import { useE2e } from '../helpers/e2e.ts';

/** A message's state line reads "12:31 PM · Sent"; "Sent while offline" must not match. */
const SENT = /(^|· )Sent$/;
const SEEN = /(^|· )Seen$/;
const e2e = useE2e({ operatorOnline: true });

/** A fresh browser profile; any request leaving the test server fails the test. */
async function newPage(): Promise<Page> {
  const context = await e2e.newContext();
  const page = await context.newPage();
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === new URL(e2e.server.url).host) return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page.on('pageerror', (err) => {
    throw err;
  });
  (page as Page & { outside?: string[] }).outside = outside;
  return page;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${e2e.server.url}/console/`);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(OPERATOR.email);
  await page.getByLabel('Password').fill(OPERATOR.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('a visitor and an operator chat in real time', () => {
  it('the visitor writes on the demo site, the operator answers in the console, the visitor sees the answer', async () => {
    const visitor = await newPage();
    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const dialog = visitor.getByRole('dialog', { name: 'Chat with us' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Do you have Darjeeling first flush?');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText(SENT).waitFor();

    const operator = await newPage();
    await signIn(operator);
    const row = operator.getByRole('link', { name: /Do you have Darjeeling first flush\?/ });
    await row.waitFor();
    await row.click();
    const thread = operator.getByRole('log');
    await thread.getByText('Do you have Darjeeling first flush?').waitFor();
    await operator.getByRole('combobox', { name: 'Your reply' }).fill('Yes, the 2026 harvest arrived on Monday.');
    await operator.getByRole('combobox', { name: 'Your reply' }).press('Enter');

    // The answer arrives in the widget with the operator's name, and the visitor's message shows as seen.
    const answer = visitor.getByRole('listitem').filter({ hasText: 'Yes, the 2026 harvest arrived on Monday.' });
    await answer.waitFor();
    expect(await answer.textContent()).toContain(OPERATOR.name);
    await visitor.getByText(SEEN).waitFor();

    // The visitor writes again; it appears in the open conversation in the console without a reload.
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Great, I will come by on Saturday.');
    await visitor.getByRole('textbox', { name: 'Message' }).press('Enter');
    await thread.getByText('Great, I will come by on Saturday.').waitFor();

    for (const page of [visitor, operator]) expect((page as Page & { outside?: string[] }).outside).toEqual([]);
  });

  it('a reload brings the visitor back to the same conversation', async () => {
    const visitor = await newPage();
    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Is the shop open on Sunday?');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText(SENT).waitFor();

    await visitor.reload();
    await visitor.getByRole('button', { name: /Chat with us/ }).click();
    await visitor.getByRole('listitem').filter({ hasText: 'Is the shop open on Sunday?' }).waitFor();
    const conversations = await e2e.server.store.listConversations([(await e2e.server.store.getSiteByKey('demo'))!.id], { limit: 10 });
    expect(conversations).toHaveLength(1);
  });

  it('a message written while the server is down is kept, shown as sending, and delivered once it is back', async () => {
    const visitor = await newPage();
    await visitor.goto(`${e2e.server.url}/`);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('First question');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText(SENT).waitFor();

    await e2e.server.stop();
    await visitor.getByText('Reconnecting…').waitFor();
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Written while you were away');
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText('Sending…').waitFor();

    e2e.server = await e2e.server.restart();
    const delivered = visitor.getByRole('listitem').filter({ hasText: 'Written while you were away' });
    await delivered.getByText(SENT).waitFor({ timeout: 20_000 });
    const site = (await e2e.server.store.getSiteByKey('demo'))!;
    const [conversation] = await e2e.server.store.listConversations([site.id], { limit: 10 });
    const page = await e2e.server.store.listMessages(conversation!.id, { afterSeq: 0, limit: 10 });
    expect(page.messages.map((m) => m.body)).toEqual(['First question', 'Written while you were away']);
  });

  it('shows what a visitor wrote as text, never as markup, in the console', async () => {
    const visitor = await newPage();
    await visitor.goto(`${e2e.server.url}/`);
    let dialogs = 0;
    visitor.on('dialog', () => (dialogs += 1));
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';
    await visitor.getByRole('textbox', { name: 'Message' }).fill(payload);
    await visitor.getByRole('button', { name: 'Send' }).click();
    await visitor.getByText(SENT).waitFor();

    const operator = await newPage();
    operator.on('dialog', () => (dialogs += 1));
    await signIn(operator);
    await operator.getByRole('link', { name: /onerror/ }).click();
    await operator.getByRole('log').getByText(payload).waitFor();
    expect(await operator.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await visitor.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toBe(0);
  });
});
