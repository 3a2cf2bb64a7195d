import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useE2e } from '../helpers/e2e.ts';

/**
 * The widget embedded the way a customer embeds it: one script tag on a page of ANOTHER origin, here a shop
 * whose Content-Security-Policy allows our server for scripts and connections but no inline styles at all.
 * Both servers are real and on loopback.
 */
let context: BrowserContext;
const e2e = useE2e({ operatorOnline: true });
afterEach(async () => {
  await shop?.close();
});

/**
 * The shop: a second real HTTP server on loopback, so its origin differs from ours (another port). Both on
 * loopback, as Chromium refuses a public page's requests to a loopback server (Local Network Access), which a
 * real deployment, public on both ends, never meets.
 */
async function startShop(csp: string): Promise<{ url: string; close: () => Promise<void> }> {
  const shop = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    response.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Our shop</h1>
<script src="${e2e.server.url}/widget.js" data-site="demo" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  const address = shop.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => shop.close(() => resolve())) };
}

let shop: { url: string; close: () => Promise<void> } | undefined;

async function shopPage(csp: string) {
  shop = await startShop(csp);
  context = await e2e.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  await page.goto(`${shop.url}/`);
  return page;
}

describe('embedding on another website', () => {
  it('works from another origin under a strict Content-Security-Policy without inline styles', async () => {
    const ws = e2e.server.url.replace('http:', 'ws:');
    const page = await shopPage(
      `default-src 'none'; script-src ${e2e.server.url}; connect-src ${e2e.server.url} ${ws}; style-src 'self'; img-src 'self' data:`,
    );
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.waitFor();
    // Our styles apply even though the shop allows no inline styles: the launcher floats in the corner.
    expect(await launcher.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await launcher.click();
    const dialog = page.getByRole('dialog', { name: 'Chat with us' });
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello from the shop');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText(/(^|· )Sent$/).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    const site = (await e2e.server.store.getSiteByKey('demo'))!;
    const [conversation] = await e2e.server.store.listConversations([site.id], { limit: 1 });
    expect(conversation?.lastMessage?.body).toBe('Hello from the shop');
  });
});
