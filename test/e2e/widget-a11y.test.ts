import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/index.ts';
import { callOk, clientId, newOperator } from '../helpers/clients.ts';
import { OPERATOR } from '../helpers/server.ts';
import { useE2e } from '../helpers/e2e.ts';

let context: BrowserContext;
const e2e = useE2e({ operatorOnline: true });

async function open(viewport = { width: 1280, height: 800 }): Promise<Page> {
  context = await e2e.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/`);
  return page;
}

/** The element focused inside the widget's shadow root, described by role and name. */
function focused(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('porchlight-widget');
    const el = host?.shadowRoot?.activeElement ?? null;
    return el ? { tag: el.tagName.toLowerCase(), label: el.getAttribute('aria-label') } : null;
  });
}

describe('the widget for keyboard and screen-reader users', () => {
  it('opens from the keyboard, takes focus into the dialog, closes on Escape and gives focus back', async () => {
    const page = await open();
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Chat with us' });
    await dialog.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => (await focused(page))?.tag).toBe('textarea');

    await page.keyboard.type('Typed without a mouse');
    await page.keyboard.press('Enter');
    await page.getByRole('listitem').filter({ hasText: 'Typed without a mouse' }).waitFor();

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focused(page))?.tag).toBe('button');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it("announces the team's answer in a polite live region, and counts it on the closed launcher", async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Is anyone there?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(/(^|· )Sent$/).waitFor();
    // Sending with the button keeps focus in the message box (the emptied box disables the button).
    expect(await focused(page)).toEqual({ tag: 'textarea', label: 'Message' });

    const operator = await newOperator(e2e.server.url);
    const site = (await e2e.server.store.getSiteByKey('demo'))!;
    const [conversation] = await e2e.server.store.listConversations([site.id], { limit: 1 });
    await callOk<{ message: Message }>(operator.socket, 'message:send', { conversationId: conversation!.id, clientId: clientId(), body: 'Yes, Jana here.' });
    const live = page.locator('[aria-live="polite"]').filter({ hasText: 'Yes, Jana here.' });
    await live.first().waitFor({ state: 'attached' });
    expect(await live.first().textContent()).toContain(OPERATOR.name);

    // What the visitor saw with the panel open is read: the server's seen mark reaches the answer.
    await expect.poll(async () => (await e2e.server.store.getConversationSummary(conversation!.id))?.visitorSeenSeq).toBe(2);
    await page.keyboard.press('Escape');
    await callOk(operator.socket, 'message:send', { conversationId: conversation!.id, clientId: clientId(), body: 'Anything else?' });
    await page.getByRole('button', { name: 'Chat with us, 1 unread message' }).waitFor();
  });

  it('fills the screen on a small phone', async () => {
    const page = await open({ width: 375, height: 667 });
    await page.getByRole('button', { name: 'Chat with us' }).click();
    const dialog = page.getByRole('dialog', { name: 'Chat with us' });
    // Polled: the panel slides in over a few frames.
    await expect.poll(() => dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
  });
});
