import type { BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { callOk, clientId, newVisitor } from '../helpers/clients.ts';
import { OPERATOR } from '../helpers/server.ts';
import { useE2e } from '../helpers/e2e.ts';

const QUESTION = 'Is the cast-iron teapot back in stock?';
const REPLY = 'Yes, it came in this morning. Shall I put one aside for you?';

let context: BrowserContext;
const e2e = useE2e();
beforeEach(async () => {
  // One browser profile for the whole test: its pages share localStorage and the session cookie, as the
  // tabs (or the next start) of one operator's browser do.
  context = await e2e.newContext();
});

/** A page of the shared profile; a script error in it fails the test. */
async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

/** Opens the console, signing in when the session is not there (any longer). */
async function openConsole(page: Page): Promise<void> {
  await page.goto(`${e2e.server.url}/console/`);
  const email = page.getByRole('textbox', { name: 'E-mail' });
  const conversations = page.getByRole('heading', { name: 'Conversations', exact: true });
  await Promise.race([email.waitFor(), conversations.waitFor()]);
  if (await email.isVisible()) {
    await email.fill(OPERATOR.email);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await conversations.waitFor();
}

async function bodiesInConversation(conversationId: string): Promise<string[]> {
  const page = await e2e.server.store.listMessages(conversationId, { afterSeq: 0, limit: 50 });
  return page.messages.map((m) => m.body);
}

describe('a reply written while the server is down survives closing the console', () => {
  it('is kept in the browser, shown as sending, and delivered exactly once when the console is opened again', async () => {
    const visitor = await newVisitor(e2e.server.url);
    const { message } = await callOk<{ message: { conversationId: string } }>(visitor.socket, 'message:send', {
      clientId: clientId(),
      body: QUESTION,
    });
    const { conversationId } = message;

    const first = await newPage();
    await openConsole(first);
    await first.getByRole('link', { name: new RegExp(QUESTION.replace(/[?]/g, '\\?')) }).click();
    const thread = first.getByRole('log');
    await thread.getByText(QUESTION).waitFor();

    await e2e.server.stop();
    await first.getByText('Connection lost. Reconnecting…').waitFor();
    const field = first.getByRole('combobox', { name: 'Your reply' });
    await field.fill(REPLY);
    await field.press('Enter');
    const pending = thread.getByRole('listitem').filter({ hasText: REPLY });
    await pending.getByText('Sending…').waitFor();
    // The list says so too, without opening the conversation.
    await first.getByRole('link', { name: /Sending… Yes, it came in this morning/ }).waitFor();

    // Closing the page stands for a reload or a crash: only what is in localStorage is left.
    const stored = await first.evaluate(() => Object.entries(localStorage).filter(([key]) => key.endsWith(':outbox')));
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]![1])).toMatchObject([{ conversationId, body: REPLY }]);
    await first.close();

    e2e.server = await e2e.server.restart();
    const second = await newPage();
    await openConsole(second);

    // Delivered without opening the conversation: the outbox is sent for every conversation on connect.
    await expect.poll(() => bodiesInConversation(conversationId), { timeout: 20_000 }).toEqual([QUESTION, REPLY]);
    await expect.poll(() => second.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(':outbox')))).toEqual([]);

    await second.getByRole('link', { name: /You: Yes, it came in this morning/ }).click();
    const reply = second.getByRole('log').getByRole('listitem').filter({ hasText: REPLY });
    // A stored message shows its time; a pending one shows "Sending…" instead.
    await reply.locator('time').waitFor();
    expect(await reply.getByText('Sending…').count()).toBe(0);
    // Still once, after the console has synced the conversation and had time to resend anything left.
    await second.waitForTimeout(500);
    expect(await bodiesInConversation(conversationId)).toEqual([QUESTION, REPLY]);
    expect(await second.getByRole('log').getByText(REPLY).count()).toBe(1);
  });

  it('asks before signing out while a reply is still unsent, and forgets it only when the operator confirms', async () => {
    const visitor = await newVisitor(e2e.server.url);
    await callOk(visitor.socket, 'message:send', { clientId: clientId(), body: QUESTION });
    const page = await newPage();
    await openConsole(page);
    await page.getByRole('link', { name: new RegExp(QUESTION.replace(/[?]/g, '\\?')) }).click();
    await page.getByRole('log').getByText(QUESTION).waitFor();

    await e2e.server.stop();
    await page.getByText('Connection lost. Reconnecting…').waitFor();
    await page.getByRole('combobox', { name: 'Your reply' }).fill(REPLY);
    await page.getByRole('combobox', { name: 'Your reply' }).press('Enter');
    await page.getByRole('log').getByText('Sending…').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('alertdialog', { name: '1 reply has not been sent yet. Sign out anyway?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Stay signed in' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('log').getByText('Sending…').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await dialog.getByRole('button', { name: 'Sign out anyway' }).click();
    await page.getByRole('textbox', { name: 'E-mail' }).waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(':outbox')))).toEqual([]);

    // The forgotten reply is not sent by the next session either.
    e2e.server = await e2e.server.restart();
    await openConsole(page);
    await page.getByRole('link', { name: new RegExp(QUESTION.replace(/[?]/g, '\\?')) }).click();
    await page.getByRole('log').getByText(QUESTION).waitFor();
    await page.waitForTimeout(500);
    const [conversation] = await e2e.server.store.listConversations([(await e2e.server.store.getSiteByKey('demo'))!.id], { limit: 10 });
    expect(await bodiesInConversation(conversation!.id)).toEqual([QUESTION]);
  });
});
