/**
 * The console's inbox as an operator with many open conversations sees it, in real Chromium against the real
 * server (`npm run build` first): how many conversations are on screen without scrolling (a laptop and a
 * phone viewport), and how long a visitor's new message takes from `message:send` until its row in the
 * operator's inbox shows the text. Measured with 50 open conversations and, as the baseline in the same
 * process, with 1.
 * Run: npx tsx bench/inbox.ts [conversations=50] [messages=40]
 */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/helpers/browser.ts';
import { clientId, closeAllSockets, visitorTab, type VisitorSocket } from '../test/helpers/clients.ts';
import { OPERATOR, startSiteServer } from '../test/helpers/server.ts';
import { createToken, hashToken } from '../server/auth/tokens.ts';
import { percentile, type Figures } from './figures.ts';

const conversations = Number(process.argv[2] ?? 50);
const messages = Number(process.argv[3] ?? 40);
const VIEWPORTS = { laptop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;

interface InboxFigures {
  latency: Figures;
  /** Conversation rows wholly inside the viewport, by viewport. */
  rowsOnScreen: Record<keyof typeof VIEWPORTS, number>;
}

/** Rows (links in the conversation list) that are wholly visible without scrolling. */
function rowsOnScreen(page: Page): Promise<number> {
  return page.evaluate(() => {
    return [...document.querySelectorAll('a[href^="#/conversations/"]')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    }).length;
  });
}

async function measure(count: number): Promise<InboxFigures> {
  const server = await startSiteServer();
  const browser = await launchChromium();
  try {
    const site = (await server.store.getSiteByKey('demo'))!;
    const now = new Date().toISOString();
    const visitors: VisitorSocket[] = [];
    for (let i = 0; i < count; i += 1) {
      // Made in the store and then connected: the handshake's new-visitor rate limit is not what is measured.
      const token = createToken();
      await server.store.createVisitor({ siteId: site.id, tokenHash: hashToken(token), displayName: `Visitor ${i}`, now });
      const socket = await visitorTab(server.url, token);
      await new Promise((resolve) => socket.emit('message:send', { clientId: clientId(), body: `Question ${i}: do you ship to Brno?` }, resolve));
      visitors.push(socket);
    }

    const context = await browser.newContext({ viewport: VIEWPORTS.laptop });
    const page = await context.newPage();
    await page.goto(`${server.url}/console/`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill(OPERATOR.email);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('a[href^="#/conversations/"]').length >= n, count);

    const onScreen = { laptop: await rowsOnScreen(page), phone: 0 };
    await page.setViewportSize(VIEWPORTS.phone);
    onScreen.phone = await rowsOnScreen(page);
    await page.setViewportSize(VIEWPORTS.laptop);

    const latencies: number[] = [];
    for (let i = 0; i < messages; i += 1) {
      const body = `Follow-up ${i} from visitor ${i % count}: is it in stock?`;
      const started = performance.now();
      visitors[i % count]!.emit('message:send', { clientId: clientId(), body }, () => {});
      // A string, not a function: tsx would wrap a local function in a helper that the page does not have.
      await page.evaluate(`new Promise((resolve) => {
        const text = ${JSON.stringify(body)};
        const isShown = () => [...document.querySelectorAll('a[href^="#/conversations/"]')].some((row) => (row.textContent ?? '').includes(text));
        if (isShown()) return resolve();
        const observer = new MutationObserver(() => {
          if (!isShown()) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      })`);
      latencies.push(performance.now() - started);
      // Each visitor may send 2 messages a second after a burst; with one visitor, pace to stay under that.
      if (count < 5) await new Promise((r) => setTimeout(r, 600));
    }
    latencies.sort((a, b) => a - b);
    await context.close();
    return {
      latency: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN },
      rowsOnScreen: onScreen,
    };
  } finally {
    closeAllSockets();
    await browser.close();
    await server.destroy();
  }
}

export async function benchInbox(): Promise<void> {
  const many = await measure(conversations);
  const one = await measure(1);
  const ms = (v: number) => `${v.toFixed(1).padStart(6)} ms`;
  console.log(`Console inbox in Chromium, ${messages} new visitor messages until shown in the inbox row`);
  for (const [label, figures, n] of [[`${conversations} open conversations`, many, conversations], ['1 conversation (baseline)', one, 1]] as const) {
    console.log(`  ${label.padEnd(26)} p50 ${ms(figures.latency.p50)}  p99 ${ms(figures.latency.p99)}  max ${ms(figures.latency.max)}`);
    if (n > 1) {
      console.log(`  rows on screen without scrolling: ${figures.rowsOnScreen.laptop} of ${n} at 1366×768, ${figures.rowsOnScreen.phone} at 390×844`);
    }
  }
  console.log(`  p50 ${conversations} / 1: ${(many.latency.p50 / one.latency.p50).toFixed(2)}×`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchInbox();
