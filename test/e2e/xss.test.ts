import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
import { launchChromium } from '../helpers/browser.ts';
import { closeAllSockets, newOperator } from '../helpers/clients.ts';
import { OPERATOR, startSiteServer, type TestServer } from '../helpers/server.ts';

/**
 * Every payload of the public XSS corpus, written where a visitor (or an operator) controls the text, then
 * shown in the console and in the widget in real Chromium: no dialog may open, no script may run, no
 * `javascript:` link may exist, and no request may leave the test server.
 */
const corpusFile = new URL('../../../shared/corpus/xss.txt', import.meta.url);
const payloads = readFileSync(corpusFile, 'utf8').split('\n').slice(0, -1);

let browser: Browser;
let server: TestServer;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  server = await startSiteServer();
});
afterAll(async () => {
  closeAllSockets();
  for (const context of contexts) await context.close();
  await browser.close();
  await server.destroy();
});

interface Guarded {
  page: Page;
  /** alert/confirm/prompt calls, dialogs, requests that tried to leave, and `javascript:` links found. */
  findings(): Promise<string[]>;
}

async function guardedPage(): Promise<Guarded> {
  const context = await browser.newContext();
  contexts.push(context);
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).host === new URL(server.url).host) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __xss: string[] };
    w.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        w.__xss.push(`${name}(${args.map(String).join(',')})`);
        return null;
      };
    }
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return {
    page,
    async findings() {
      const inPage = await page.evaluate(() => {
        const roots: Array<Document | ShadowRoot> = [document];
        for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
        const links = roots.flatMap((root) =>
          [...root.querySelectorAll('[href],[src],[action],[formaction]')].filter((el) =>
            ['href', 'src', 'action', 'formaction'].some((attr) => /^\s*javascript:/i.test(el.getAttribute(attr) ?? '')),
          ),
        );
        return [...(window as unknown as { __xss: string[] }).__xss, ...links.map((el) => `javascript: in <${el.tagName.toLowerCase()}>`)];
      });
      return [...inPage, ...dialogs.map((d) => `dialog: ${d}`), ...outside.map((u) => `request to ${u}`)];
    },
  };
}

describe('text a visitor controls is shown as text, everywhere', () => {
  it(`the corpus has its ${payloads.length} payloads, and the guard notices markup that does run`, async () => {
    expect(payloads.length).toBeGreaterThan(390);
    // The trap itself must not be vacuous: the same payloads inserted as HTML are caught.
    const guarded = await guardedPage();
    await guarded.page.goto(`${server.url}/`);
    await guarded.page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="alert(1)"><a href="javascript:alert(2)">x</a>');
    });
    await expect.poll(() => guarded.findings()).toEqual(expect.arrayContaining(['alert(1)', 'javascript: in <a>']));
  });

  it('every payload as a visitor message, and as a visitor name, renders inertly in the console', async () => {
    const site = (await server.store.getSiteByKey('demo'))!;
    const now = () => new Date().toISOString();
    // One conversation whose messages are every payload, written straight into the store (the rate limit
    // rightly stops a client sending 396 messages at once).
    const writer = await server.store.createVisitor({ siteId: site.id, tokenHash: hashToken('xss-writer-token-000000000'), displayName: 'Corpus Writer', now: now() });
    const thread = await server.store.ensureVisitorConversation({ siteId: site.id, visitorId: writer.id, now: now() });
    for (const [i, body] of payloads.entries()) {
      await server.store.appendMessage({ conversationId: thread.id, clientId: `xss-message-${i}`, author: 'visitor', operatorId: null, body, now: now() });
    }
    // And each payload as a visitor's name, shown in the inbox (the console lists the 200 most recent, so
    // the names go in two rounds).
    const guarded = await guardedPage();
    const { page } = guarded;
    await page.goto(`${server.url}/console/`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill(OPERATOR.email);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: /Corpus Writer/ }).click();
    await page.getByRole('log').getByText(payloads.at(-1)!, { exact: true }).waitFor({ timeout: 20_000 });
    expect(await guarded.findings()).toEqual([]);

    for (const round of [payloads.slice(0, 198), payloads.slice(198)]) {
      for (const [i, name] of round.entries()) {
        const visitor = await server.store.createVisitor({ siteId: site.id, tokenHash: hashToken(`xss-name-${name}-${i}`), displayName: 'x', now: now() });
        await server.store.updateVisitorProfile({ visitorId: visitor.id, name });
        const conversation = await server.store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now: now() });
        await server.store.appendMessage({ conversationId: conversation.id, clientId: `xss-name-${i}-msg`, author: 'visitor', operatorId: null, body: name, now: now() });
      }
      await page.reload();
      await page.getByRole('navigation').getByRole('link').nth(150).waitFor({ timeout: 20_000 });
      const shown = await page.getByRole('navigation').textContent();
      expect(shown).toContain(round.at(-1)!.slice(0, 20));
      expect(await guarded.findings()).toEqual([]);
    }
  });

  it("every payload as an operator's answer renders inertly in the visitor's widget", async () => {
    await newOperator(server.url);
    const guarded = await guardedPage();
    const { page } = guarded;
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Show me everything');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(/(^|· )Sent$/).waitFor();
    const site = (await server.store.getSiteByKey('demo'))!;
    const [conversation] = await server.store.listConversations([site.id], { limit: 1 });
    const operator = (await server.store.getOperatorByEmail(OPERATOR.email))!;
    for (const [i, body] of payloads.entries()) {
      await server.store.appendMessage({ conversationId: conversation!.id, clientId: `xss-answer-${i}`, author: 'operator', operatorId: operator.id, body, now: new Date().toISOString() });
    }
    await page.reload();
    await page.getByRole('button', { name: /Chat with us/ }).click();
    await page.getByRole('listitem').filter({ hasText: payloads.at(-1)! }).first().waitFor({ timeout: 20_000 });
    expect(await guarded.findings()).toEqual([]);
  });
});
