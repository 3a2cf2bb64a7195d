import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/index.ts';
import { newOperator, nextEvent } from '../helpers/clients.ts';
import { openConsoleSignedIn } from '../helpers/console.ts';
import { useE2e } from '../helpers/e2e.ts';

const e2e = useE2e();
let shop: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => (shop ? shop.close(resolve) : resolve(undefined)));
  shop = undefined;
});

/** A customer's own website on another origin: a blank page with whatever the owner pasted before </body>. */
async function serveShopPage(pasted: string): Promise<string> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A tea shop</title></head><body><h1>Teas</h1>\n${pasted}\n</body></html>`;
  shop = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => shop!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
}

describe('the Embed screen', () => {
  it('copies a snippet that, pasted into a page on another origin, brings a working chat to it', async () => {
    const context = await e2e.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.server.url });
    const owner = await context.newPage();
    await openConsoleSignedIn(owner, e2e.server);
    await owner.getByRole('link', { name: 'Embed' }).click();
    await owner.getByRole('heading', { name: 'Put the chat on Demo tea shop' }).waitFor();

    await owner.getByRole('button', { name: 'Copy the code' }).click();
    await owner.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    const snippet = await owner.evaluate('navigator.clipboard.readText()');
    expect(snippet).toBe(`<script src="${e2e.server.url}/widget.js" data-site="demo" async></script>`);
    // The code block shows exactly what was copied.
    expect(await owner.locator('#embed-snippet').textContent()).toBe(snippet);

    // The owner's console is online, so the chat is live on the shop's page.
    const operator = await newOperator(e2e.server.url);
    const shopUrl = await serveShopPage(String(snippet));
    const visitor = await (await e2e.newContext()).newPage();
    await visitor.goto(shopUrl);
    await visitor.getByRole('button', { name: 'Chat with us' }).click();
    await visitor.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    const received = nextEvent<{ message: Message }>(operator.socket, 'message:created', ({ message }) => message.body === 'Hello from the shop page');
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Hello from the shop page');
    await visitor.getByRole('button', { name: 'Send' }).click();
    expect((await received).message.author).toBe('visitor');
  });

  it('explains where to paste it, single-page apps, the queueing line and allowed origins', async () => {
    const page = await (await e2e.newContext()).newPage();
    await openConsoleSignedIn(page, e2e.server);
    await page.goto(`${e2e.server.url}/console/#/embed`);
    await page.getByText('just before the closing </body> tag', { exact: false }).waitFor();
    // The example names the fields the widget takes (docs/embedding.md): id, name, email, hash.
    const example = await page.getByText("Porchlight('identify'", { exact: false }).first().textContent();
    expect(example).toMatch(/^Porchlight\('identify', \{ id: '[^']+', name: '[^']+', email: '[^']+', hash: '[^']+' \}\);$/);
    await page.getByText("Porchlight('reset');").waitFor();
    await page.getByText('window.Porchlight=window.Porchlight||function(){(Porchlight.q=Porchlight.q||[]).push(arguments)}', { exact: false }).waitFor();
    await page.getByText('Allowed origins on the Settings screen', { exact: false }).waitFor();
    await page.getByText('docs/embedding.md', { exact: false }).waitFor();
  });
});
