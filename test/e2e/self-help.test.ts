import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../shared/index.ts';
import { login, newOperator } from '../helpers/clients.ts';
import { useE2e } from '../helpers/e2e.ts';

const e2e = useE2e();

const FAQ: SiteSettings['faq'] = [
  { question: 'How long does shipping take?', answer: 'Orders leave within <b>two</b> working days.' },
  { question: 'Do you sell loose-leaf tea?', answer: 'Yes, over 40 kinds.' },
  { question: 'Jak dlouho trvá doprava?', answer: 'Do dvou dnů.', lang: 'cs' },
];

/** Replaces the demo site's questions, as its owner. */
async function setFaq(faq: SiteSettings['faq']): Promise<void> {
  const cookie = await login(e2e.server.url);
  const url = `${e2e.server.url}/api/v1/sites/demo/settings`;
  const settings = (await (await fetch(url, { headers: { cookie } })).json()) as SiteSettings;
  const response = await fetch(url, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ ...settings, faq }),
  });
  expect(response.status).toBe(200);
}

/** An English visitor's page, counting its FAQ requests. */
async function visit(): Promise<{ page: Page; faqRequests: () => number }> {
  const context = await e2e.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  let count = 0;
  page.on('request', (r) => {
    if (r.url().includes('/faq?lang=en')) count += 1;
  });
  await page.goto(`${e2e.server.url}/`);
  return { page, faqRequests: () => count };
}

describe('self-help', () => {
  it('offers the matching question while the visitor types in the live chat, with its answer as text', async () => {
    await setFaq(FAQ);
    await newOperator(e2e.server.url);
    const { page, faqRequests } = await visit();
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with us' });
    await dialog.waitFor();
    // Nothing is fetched for a visitor who has not typed.
    expect(faqRequests()).toBe(0);

    const input = page.getByRole('textbox', { name: 'Message' });
    await input.pressSequentially('When will you ship my order');
    const question = dialog.getByText('How long does shipping take?', { exact: true });
    await question.waitFor();
    await dialog.getByText(/^Maybe this helps:/).waitFor();
    expect(await dialog.getByText('Do you sell loose-leaf tea?').count()).toBe(0);
    // The Czech-only entry is not served to an English page.
    expect(await dialog.getByText('Jak dlouho trvá doprava?').count()).toBe(0);
    // Announced once, politely (the panel's live region sits next to the dialog).
    const live = page.locator('porchlight-widget').locator('[aria-live=polite]');
    expect(await live.textContent()).toBe('Maybe this helps: How long does shipping take?');
    expect(faqRequests()).toBe(1);

    // Text, never markup: the owner's "<b>" shows as written.
    const answer = 'Orders leave within <b>two</b> working days.';
    expect(await dialog.ariaSnapshot()).not.toContain(answer);
    await question.click();
    await expect.poll(() => dialog.ariaSnapshot()).toContain(answer);
    expect(await dialog.locator('b').count()).toBe(0);

    // Nothing is blocked: the visitor sends anyway, and the suggestions go with the text.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: 'When will you ship my order' }).waitFor();
    await expect.poll(() => dialog.getByText(/^Maybe this helps:/).count()).toBe(0);
    expect(faqRequests()).toBe(1);
  });

  it('offers answers in the message form too, and stays quiet when the owner has none', async () => {
    await setFaq(FAQ);
    const { page } = await visit();
    await page.getByRole('button', { name: 'Leave us a message' }).click();
    await page.getByRole('textbox', { name: 'Message' }).pressSequentially('Do you have loose tea?');
    const dialog = page.getByRole('dialog', { name: 'Leave us a message' });
    await dialog.getByText('Do you sell loose-leaf tea?', { exact: true }).click();
    await dialog.getByText('Yes, over 40 kinds.').waitFor();

    await setFaq([]);
    const other = await visit();
    await other.page.getByRole('button', { name: 'Leave us a message' }).click();
    await other.page.getByRole('textbox', { name: 'Message' }).pressSequentially('Do you have loose tea?');
    await expect.poll(() => other.faqRequests()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await other.page.getByRole('dialog').getByText(/^Maybe this helps:/).count()).toBe(0);
  });
});
