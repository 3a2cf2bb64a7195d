import { createHmac } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, callOk, clientId, operatorConsole } from '../helpers/clients.ts';
import { useE2e } from '../helpers/e2e.ts';
import { openHostPage, updateSettings, widgetScript } from '../helpers/host-page.ts';
import { sessionCookie } from '../helpers/server.ts';

/**
 * The host page's JavaScript API (docs/embedding.md), driven the way a site's own code drives it: the
 * queueing stub, buttons on the page, listeners, identify and reset. Real server, real sockets, Chromium.
 */
const e2e = useE2e({ env: { PRESENCE_GRACE_SECONDS: '0.2' } });

/** The documented stub, then the page's own early calls, as a site pastes them before widget.js. */
const stub = (calls: string) =>
  `<script>window.Porchlight=window.Porchlight||function(){(Porchlight.q=Porchlight.q||[]).push(arguments)};${calls}</script>`;

/**
 * Records every text that ever appears in the widget's shadow root from the page's start: the shadow root is
 * observed the moment it is attached. A string, so tsx does not wrap the functions (playwright cannot
 * serialise its __name helper).
 */
const RECORD_TEXTS = `
  window.__texts = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData') window.__texts.push(record.target.data);
        for (const node of record.addedNodes) window.__texts.push(node.textContent || '');
      }
    }).observe(root, { subtree: true, childList: true, characterData: true });
    return root;
  };`;
const textsSeen = (page: Page) => page.evaluate('window.__texts.join("\\n")') as Promise<string>;
const forgetTextsSeen = (page: Page) => page.evaluate('window.__texts.length = 0');

async function newPage(body: string, options: { lang?: string } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await e2e.newContext({ locale: 'en-GB', timezoneId: 'Europe/Prague' });
  await context.addInitScript(RECORD_TEXTS);
  const page = await openHostPage(context, e2e.server, body, options);
  return { page, context };
}

/** Writes in the live chat and waits until the server has it. */
async function say(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('listitem').filter({ hasText: text }).getByText(/(^|· )Sent$/).waitFor();
}

async function conversationsOf(body: string) {
  const site = (await e2e.server.store.getSiteByKey('demo'))!;
  const conversations = await e2e.server.store.listConversations([site.id], { limit: 20 });
  return conversations.filter((c) => c.lastMessage?.body === body);
}

describe('calls before and after widget.js loads', () => {
  it('replays calls queued with the stub in order: listeners first, then open, close, open', async () => {
    await operatorConsole(e2e.server);
    const { page } = await newPage(
      stub(
        "window.__events=[];Porchlight('on','open',function(){__events.push('open')});Porchlight('open');" +
          "Porchlight('on','close',function(){__events.push('close')});Porchlight('close');Porchlight('open');",
      ) + widgetScript(e2e.server),
    );
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    expect(await page.evaluate('window.__events')).toEqual(['open', 'close', 'open']);
  });

  it('opens from a button on the host page, and warns (never throws) about commands it does not know', async () => {
    await operatorConsole(e2e.server);
    const { page } = await newPage(`<button id="help" onclick="Porchlight('open')">Need help?</button>` + widgetScript(e2e.server));
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.getByRole('button', { name: 'Chat with us' }).waitFor();
    await page.getByRole('button', { name: 'Need help?' }).click();
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();

    await page.evaluate(`Porchlight('explode'); Porchlight('on', 'nonsense', 1); Porchlight('identify', 'not an object'); Porchlight('setLocale', 'fr')`);
    await expect.poll(() => warnings.length).toBe(4);
    expect(warnings[0]).toContain('Porchlight("explode"');
    expect(warnings[1]).toContain('Porchlight("on"');
    expect(warnings[2]).toContain('identify needs an object');
    expect(warnings[3]).toContain('setLocale: "fr" is not one of en, cs, sk, pl, hr, de');
    expect(errors).toEqual([]);
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
  });

  it("calls the page's 'message' listener with the team's answer", async () => {
    const operator = await operatorConsole(e2e.server);
    const { page } = await newPage(
      stub("window.__messages=[];Porchlight('on','message',function(m){__messages.push(m)});") + widgetScript(e2e.server),
    );
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await say(page, 'Do you ship to Brno?');
    const [conversation] = await conversationsOf('Do you ship to Brno?');
    await callOk(operator.socket, 'message:send', { conversationId: conversation!.id, clientId: clientId(), body: 'Yes, tomorrow.' });
    await expect.poll(() => page.evaluate('window.__messages.map((m) => m.body)')).toEqual(['Yes, tomorrow.']);
    const [detail] = (await page.evaluate('window.__messages')) as Array<Record<string, unknown>>;
    expect(Object.keys(detail!).sort()).toEqual(['authorName', 'body', 'createdAt', 'id']);
    expect(detail!.authorName).toBe('Jana');
  });

  it("tells 'availability' listeners the public part at once when known, and again on every change", async () => {
    const operator = await operatorConsole(e2e.server);
    const { page } = await newPage(
      stub("window.__early=[];Porchlight('on','availability',function(a){__early.push(a)});") + widgetScript(e2e.server),
    );
    await expect.poll(() => page.evaluate('window.__early.length')).toBe(1);
    const [first] = (await page.evaluate('window.__early')) as Array<Record<string, unknown>>;
    expect(Object.keys(first!).sort()).toEqual(['mode', 'nextOpenAt', 'open', 'operatorsOnline', 'replyBy']);
    expect(first).toMatchObject({ mode: 'chat', open: true, operatorsOnline: 1 });

    // A listener added later hears the known state at once.
    await page.evaluate("window.__late=[];Porchlight('on','availability',function(a){__late.push(a.mode)})");
    expect(await page.evaluate('window.__late')).toEqual(['chat']);

    // With the chat open the socket is connected, and the team leaving is pushed to the page at once.
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await say(page, 'Hello');
    operator.socket.disconnect();
    await expect.poll(() => page.evaluate('window.__late'), { timeout: 10_000 }).toEqual(['chat', 'form']);
    expect(((await page.evaluate('window.__early')) as Array<{ operatorsOnline: number }>).at(-1)!.operatorsOnline).toBe(0);
  });
});

describe('identify and reset', () => {
  it('an identify queued before the chat failed to load still reaches the first handshake when it loads', async () => {
    await operatorConsole(e2e.server);
    const context = await e2e.newContext({ locale: 'en-GB', timezoneId: 'Europe/Prague' });
    let attempts = 0;
    await context.route('**/widget/app-*.js', (route) => {
      attempts += 1;
      return attempts === 1 ? route.abort('internetdisconnected') : route.continue();
    });
    const page = await openHostPage(context, e2e.server, stub("Porchlight('identify',{id:'user-retry',name:'Rita'});") + widgetScript(e2e.server));
    const launcher = page.getByRole('button', { name: 'Chat with us' });
    await launcher.click();
    await expect.poll(() => attempts).toBe(1);
    await page.waitForTimeout(300);
    await launcher.click();
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor();
    await say(page, 'Second try');
    const [conversation] = await conversationsOf('Second try');
    expect(conversation!.visitorName).toBe('Rita');
  });

  it("switching to another user never shows the previous user's thread, not even for a moment", async () => {
    await operatorConsole(e2e.server);
    const { page } = await newPage(stub("Porchlight('identify',{id:'user-a',name:'Anna'});") + widgetScript(e2e.server));
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await say(page, 'Anna asks about order 1001');

    await forgetTextsSeen(page);
    await page.evaluate("Porchlight('identify',{id:'user-b',name:'Boris'})");
    await page.getByText('Ask us anything.', { exact: false }).waitFor();
    await say(page, 'Boris asks about tea');
    expect(await textsSeen(page)).not.toContain('order 1001');
    expect(await page.getByText('order 1001').count()).toBe(0);
    // Two visitors on the server, each with their own thread.
    expect(await conversationsOf('Anna asks about order 1001')).toHaveLength(1);
    expect((await conversationsOf('Boris asks about tea'))[0]!.id).not.toBe((await conversationsOf('Anna asks about order 1001'))[0]!.id);

    // A later page view that identifies someone else starts clean too, before anything is drawn.
    await page.goto('about:blank');
    const next = await openHostPage(page.context(), e2e.server, stub("Porchlight('identify',{id:'user-c'});") + widgetScript(e2e.server), {
      path: '/account.html',
    });
    await next.getByRole('button', { name: 'Chat with us' }).click();
    await next.getByText('Ask us anything.', { exact: false }).waitFor();
    await next.waitForTimeout(500);
    const seen = await textsSeen(next);
    expect(seen).not.toContain('Boris asks about tea');
    expect(seen).not.toContain('order 1001');
  });

  it('reset forgets the visitor: the next open is a fresh anonymous visitor', async () => {
    await operatorConsole(e2e.server);
    const { page } = await newPage(stub("Porchlight('identify',{id:'user-r',email:'r@example.com'});") + widgetScript(e2e.server));
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await say(page, 'My address is Náměstí 1');
    await page.getByRole('button', { name: 'Close chat' }).click();

    await forgetTextsSeen(page);
    await page.evaluate("Porchlight('reset')");
    const stored = (await page.evaluate('Object.keys(localStorage).filter((k) => !k.endsWith(":availability"))')) as string[];
    expect(stored).toEqual([]);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await say(page, 'Someone else here');
    expect(await textsSeen(page)).not.toContain('Náměstí 1');
    const [fresh] = await conversationsOf('Someone else here');
    const [previous] = await conversationsOf('My address is Náměstí 1');
    expect(fresh!.visitorId).not.toBe(previous!.visitorId);
  });

  it('a verified user finds their conversation in another browser; with verification required a wrong hash shows none', async () => {
    await operatorConsole(e2e.server);
    const site = (await e2e.server.store.getSiteByKey('demo'))!;
    const owner = await sessionCookie(e2e.server);
    const { secret } = (await api<{ secret: string }>(e2e.server.url, 'POST', `/api/v1/sites/${site.id}/identity-secret`, { cookie: owner })).body;
    const hash = createHmac('sha256', secret).update('customer-42', 'utf8').digest('hex');
    const identify = (h: string) => stub(`Porchlight('identify',{id:'customer-42',name:'Anna',hash:'${h}'});`) + widgetScript(e2e.server);

    const laptop = await newPage(identify(hash));
    await laptop.page.getByRole('button', { name: 'Chat with us' }).click();
    await say(laptop.page, 'Ordered the Darjeeling on my laptop');

    const phone = await newPage(identify(hash));
    await phone.page.getByRole('button', { name: 'Chat with us' }).click();
    await phone.page.getByRole('listitem').filter({ hasText: 'Ordered the Darjeeling on my laptop' }).waitFor();

    await updateSettings(e2e.server, (s) => ({ ...s, requireVerification: true }));
    const stranger = await newPage(identify('0'.repeat(64)));
    await stranger.page.getByRole('button', { name: 'Chat with us' }).click();
    await stranger.page.getByText('Please sign in on this website to chat with us.').waitFor();
    await stranger.page.waitForTimeout(500);
    expect(await textsSeen(stranger.page)).not.toContain('Darjeeling');
  });
});
