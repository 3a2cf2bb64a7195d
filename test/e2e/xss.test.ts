import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/tokens.ts';
import { describeUserAgent, toVisitContext } from '../../server/visitors/index.ts';
import { LIMITS, PROTOCOL_VERSION } from '../../shared/index.ts';
import { toPageContext } from '../../widget/transport/page-context.ts';
import { launchChromium } from '../helpers/browser.ts';
import { call, clientId, closeAllSockets, connected, newOperator, refused, visitorSocket } from '../helpers/clients.ts';
import { OPERATOR, sessionCookie, startSiteServer, type TestServer } from '../helpers/server.ts';

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

async function guardedPage(options: { viewport?: { width: number; height: number } } = {}): Promise<Guarded> {
  const context = await browser.newContext(options);
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
    // A `javascript:` address anywhere, even for a moment (a visitor panel is replaced on the next
    // navigation): recorded as it is inserted, and read as the URL parser reads it (it drops tabs and
    // newlines inside the scheme, and leading spaces).
    const attributes = ['href', 'src', 'action', 'formaction'];
    const isScriptUrl = (value: string) => {
      try {
        return new URL(value, document.baseURI).protocol === 'javascript:';
      } catch {
        return /^\s*javascript:/i.test(value);
      }
    };
    const flag = (el: Element) => {
      for (const attr of attributes) {
        const value = el.getAttribute(attr);
        if (value !== null && isScriptUrl(value)) w.__xss.push(`javascript: in <${el.tagName.toLowerCase()}>`);
      }
    };
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes' && record.target instanceof Element) flag(record.target);
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          flag(node);
          for (const el of node.querySelectorAll('[href],[src],[action],[formaction]')) flag(el);
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: attributes });
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
            ['href', 'src', 'action', 'formaction'].some((attr) => {
              const value = el.getAttribute(attr) ?? '';
              try {
                return new URL(value, document.baseURI).protocol === 'javascript:';
              } catch {
                return /^\s*javascript:/i.test(value);
              }
            }),
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
      const inbox = page.getByRole('navigation', { name: 'Conversations' });
      await inbox.getByRole('link').nth(150).waitFor({ timeout: 20_000 });
      const shown = await inbox.textContent();
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

/**
 * What a visitor's browser reports about them (e-mail, the page they are on and the pages they saw, where
 * they came from, their User-Agent), shown by the console's visitor panel, its related conversations and
 * its search results. Every corpus line goes through every field.
 */
describe("the visitor's context is shown as text, everywhere", () => {
  /** Where the search finds a group of context visitors by their generated name: 50 results at most. */
  const GROUP_SIZE = LIMITS.searchResults;
  /** The User-Agent sent for a payload Node cannot put in a header (a control character, or beyond U+00FF). */
  const PLAIN_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) porchlight-xss-test';
  const headerSafe = (text: string) => !/[^\t\x20-\x7e\x80-\xff]/.test(text);
  const groupOf = (i: number) => String.fromCharCode(65 + Math.floor(i / GROUP_SIZE));
  /** The generated name of context visitor i: unique, and a search for `Ctx-<group>-` finds its group. */
  const markerOf = (i: number) => `Ctx-${groupOf(i)}-${String(i).padStart(3, '0')}`;
  /** What the console makes of a reported address: a link only when http(s) (as console/components/safe-url.ts). */
  const httpHref = (url: string): string | null => {
    try {
      const parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch {
      return null;
    }
  };

  interface ContextVisitor {
    marker: string;
    conversationId: string;
    /** The same person's other conversation (same e-mail): its visitor's name and last message are the payload. */
    twinConversationId: string;
    /** The page the real handshake stored (the payload in a query string, the payload as title). */
    handshakePage: { url: string; title: string } | undefined;
  }

  /**
   * Context visitor i: the payload through the real path first (a widget's handshake with the page,
   * referrer and User-Agent it would send; the message form with the payload as e-mail), asserting the
   * server stored what it accepted; then the raw payload, which the server rightly refuses or normalises,
   * written straight into the store so the console still has to render every line: as e-mail, referrer and
   * User-Agent, as a page seen (title and address), and the next line as the current page.
   */
  async function makeContextVisitor(i: number): Promise<ContextVisitor> {
    const { store } = server;
    const site = (await store.getSiteByKey('demo'))!;
    const payload = payloads[i]!;
    const next = payloads[(i + 1) % payloads.length]!;
    const now = () => new Date().toISOString();
    const token = `xss-context-token-${String(i).padStart(4, '0')}`;
    const visitor = await store.createVisitor({ siteId: site.id, tokenHash: hashToken(token), displayName: markerOf(i), now: now() });

    // The real path: what the widget sends from a page whose title is the payload and whose address carries it.
    const userAgent = headerSafe(payload) ? payload : PLAIN_USER_AGENT;
    const context = toPageContext(`https://shop.example/search?q=${payload}`, payload, payload);
    const socket = visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'demo', token, ...context }, { headers: { 'user-agent': userAgent } });
    await connected(socket);
    const submitted = await call(socket, 'form:submit', { clientId: clientId(), body: `Context ${i}`, email: payload });
    socket.disconnect();
    const expected = toVisitContext({ page: context.page, referrer: context.referrer, userAgent });
    const stored = (await store.getVisitorById(visitor.id))!;
    expect(stored.pages.map(({ url, title }) => ({ url, title })), `line ${i + 1}: page`).toEqual(expected.page ? [expected.page] : []);
    expect(stored.referrer, `line ${i + 1}: referrer`).toBe(expected.referrer ?? null);
    expect(stored.userAgent, `line ${i + 1}: user agent`).toBe(expected.userAgent ?? null);
    if (submitted.ok) expect(stored.email, `line ${i + 1}: e-mail`).toBe(payload.toLowerCase());
    else {
      expect(submitted.error.code, `line ${i + 1}: e-mail refused`).toBe('invalid_payload');
      expect(stored.email).toBeNull();
    }

    // The raw payload, as if the server had let it through.
    await store.updateVisitorProfile({ visitorId: visitor.id, email: payload });
    await store.recordVisit({ visitorId: visitor.id, now: now(), newVisitAfterMs: 0, userAgent: payload, referrer: payload, page: { url: payload, title: payload } });
    await store.recordVisit({ visitorId: visitor.id, now: now(), newVisitAfterMs: Number.MAX_SAFE_INTEGER, page: { url: next, title: next } });
    const conversation = await store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now: now() });

    const twin = await store.createVisitor({ siteId: site.id, tokenHash: hashToken(`xss-twin-token-${i}`), displayName: `Twin ${i}`, now: now() });
    await store.updateVisitorProfile({ visitorId: twin.id, name: payload, email: payload });
    const twinConversation = await store.ensureVisitorConversation({ siteId: site.id, visitorId: twin.id, now: now() });
    await store.appendMessage({ conversationId: twinConversation.id, clientId: `xss-twin-${i}`, author: 'visitor', operatorId: null, body: payload, now: now() });
    return { marker: markerOf(i), conversationId: conversation.id, twinConversationId: twinConversation.id, handshakePage: expected.page };
  }

  let made: Promise<ContextVisitor[]> | undefined;
  /** Every context visitor, made once for the tests below (a few at a time: each is a real socket). */
  function contextVisitors(): Promise<ContextVisitor[]> {
    made ??= (async () => {
      const all: ContextVisitor[] = [];
      for (let from = 0; from < payloads.length; from += 8) {
        const indexes = payloads.slice(from, from + 8).map((_, k) => from + k);
        all.push(...(await Promise.all(indexes.map(makeContextVisitor))));
      }
      return all;
    })();
    return made;
  }

  /** A console signed in with a session made in the store (the login route's rate limit is for people). */
  async function signedInConsole(options: { viewport?: { width: number; height: number } } = {}): Promise<Guarded> {
    const guarded = await guardedPage(options);
    const cookie = await sessionCookie(server);
    const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
    await guarded.page.context().addCookies([{ name, value, url: server.url }]);
    await guarded.page.goto(`${server.url}/console/`);
    await guarded.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().waitFor({ timeout: 20_000 });
    return guarded;
  }

  it('the real handshake and message form keep what they accept (only http(s) addresses, titles as text), and refuse what is over the bounds', async () => {
    const visitors = await contextVisitors();
    expect(visitors).toHaveLength(payloads.length);
    // Not vacuous: the handshake kept the payload as a page title, verbatim, for most lines (markup and all),
    // and kept only http(s) addresses.
    const titles = visitors.flatMap((v, i) => (v.handshakePage?.title === payloads[i] ? [payloads[i]!] : []));
    expect(titles.length).toBeGreaterThan(300);
    expect(titles.some((title) => title.includes('<script'))).toBe(true);
    expect(visitors.every((v) => v.handshakePage === undefined || /^https:\/\/shop\.example\//.test(v.handshakePage.url))).toBe(true);
    // A handshake a widget would never send (a title over the protocol's bound) is refused, and stores nothing.
    const long = payloads.find((p) => p.length > 1024)!;
    const socket = visitorSocket(server.url, { v: PROTOCOL_VERSION, siteKey: 'demo', page: { url: 'https://shop.example/', title: long }, referrer: long });
    expect((await refused(socket)).code).toBe('invalid_payload');
  }, 60_000);

  it('every payload as e-mail, current page, page seen (title and address), referrer and User-Agent renders inertly in the visitor panel', async () => {
    const visitors = await contextVisitors();
    // Two consoles side by side, each opening every other conversation: a wide one (the panel beside the
    // thread) and a phone-sized one (the panel folded under it).
    const consoles = await Promise.all([signedInConsole(), signedInConsole({ viewport: { width: 390, height: 800 } })]);
    const mismatches: string[] = [];
    const seeMismatch = (i: number, field: string, shown: unknown, expected: unknown) => {
      if (JSON.stringify(shown) !== JSON.stringify(expected)) mismatches.push(`line ${i + 1}, ${field}: shown ${JSON.stringify(shown)}, expected ${JSON.stringify(expected)}`);
    };
    const shownTitle = (title: string) => title.trim() || '(untitled page)';
    const pageAsShown = (p: { url: string; title: string }) => ({ title: shownTitle(p.title), href: httpHref(p.url), url: p.url });

    async function checkPanel({ page }: Guarded, i: number) {
      const visitor = visitors[i]!;
      const payload = payloads[i]!;
      const next = payloads[(i + 1) % payloads.length]!;
      // Open the conversation by its address, wait for this visitor's panel, and read what it shows.
      const shown = await page.evaluate(
        async ({ hash, marker }) => {
          location.hash = hash;
          const deadline = Date.now() + 10_000;
          while (document.querySelector('.visitor__facts dd')?.textContent !== marker) {
            if (Date.now() > deadline) throw new Error(`the visitor panel of ${marker} did not render`);
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          const facts = document.querySelector('.visitor__facts')!;
          const asPage = (title: Element) => ({
            title: title.textContent,
            href: title.tagName === 'A' ? title.getAttribute('href') : null,
            url: title.parentElement!.querySelector('span.visitor__url')!.textContent,
          });
          const referrer = facts.querySelector('dd.visitor__url');
          const device = facts.querySelector('dd[title]');
          return {
            email: facts.querySelector('dd.visitor__email')?.textContent,
            current: asPage(facts.querySelector('.visitor__page-title')!),
            seen: [...document.querySelectorAll('.visitor__pages > li > .visitor__page-title')].map(asPage),
            referrer: referrer?.textContent,
            referrerHref: referrer?.querySelector('a')?.getAttribute('href') ?? null,
            userAgent: device?.getAttribute('title'),
            device: device?.textContent,
            related: [...document.querySelectorAll('.visitor__related > li')].map((li) => ({
              href: li.querySelector('a')!.getAttribute('href'),
              name: li.querySelector('a')!.textContent,
              preview: li.querySelector('.visitor__preview')?.textContent,
            })),
            hrefs: [...document.querySelectorAll('.visitor [href]')].map((el) => el.getAttribute('href')!),
          };
        },
        { hash: `#/conversations/${encodeURIComponent(visitor.conversationId)}`, marker: visitor.marker },
      );
      seeMismatch(i, 'e-mail', shown.email, payload);
      seeMismatch(i, 'current page', shown.current, pageAsShown({ url: next, title: next }));
      seeMismatch(i, 'pages seen', shown.seen, [{ url: payload, title: payload }, ...(visitor.handshakePage ? [visitor.handshakePage] : [])].map(pageAsShown));
      seeMismatch(i, 'referrer', [shown.referrer, shown.referrerHref], [payload, httpHref(payload)]);
      seeMismatch(i, 'user agent', shown.userAgent, payload);
      const { browser, os, device } = describeUserAgent(payload);
      if (!browser && !os && !device) seeMismatch(i, 'device', shown.device, payload);
      const twin = shown.related.find((r) => r.href === `#/conversations/${encodeURIComponent(visitor.twinConversationId)}`);
      seeMismatch(i, 'related conversation', twin && [twin.name, twin.preview], [payload, payload]);
      for (const href of shown.hrefs) if (!/^(https?:\/\/|#\/conversations\/)/.test(href)) mismatches.push(`line ${i + 1}: a link to ${href}`);
    }
    await Promise.all(
      consoles.map(async (guarded, tab) => {
        for (let i = tab; i < visitors.length; i += consoles.length) {
          await checkPanel(guarded, i);
          if (i % 60 < consoles.length) expect(await guarded.findings(), `after line ${i + 1}`).toEqual([]);
        }
      }),
    );
    expect(mismatches).toEqual([]);
    for (const guarded of consoles) expect(await guarded.findings()).toEqual([]);
    // The comparison with the exact text is not vacuous: nearly every line, were it parsed as HTML (in an
    // inert template), would show a different text.
    const changedByHtml = await consoles[0]!.page.evaluate((lines) => {
      const template = document.createElement('template');
      return lines.filter((line) => {
        template.innerHTML = line;
        return template.content.textContent !== line;
      }).length;
    }, payloads);
    expect(changedByHtml).toBeGreaterThan(350);
  }, 90_000);

  it('every payload as e-mail, and as a name and message found by search, renders inertly in the search results', async () => {
    const visitors = await contextVisitors();
    const guarded = await signedInConsole();
    const { page } = guarded;
    const searchBox = page.getByRole('searchbox', { name: 'Search conversations' });
    const results = page.locator('.search__results');
    async function search(query: string) {
      await searchBox.fill('');
      await results.waitFor({ state: 'detached' });
      await searchBox.fill(query);
      await page.locator('.search__results, .search__status:has-text("No conversations match")').first().waitFor({ timeout: 10_000 });
      return page.locator('.search-hit').evaluateAll((hits) =>
        hits.map((hit) => ({
          href: hit.getAttribute('href'),
          name: hit.querySelector('.search-hit__name')!.textContent,
          detail: hit.querySelector('.search-hit__snippet')?.textContent ?? null,
        })),
      );
    }

    // Found by their generated name, a group at a time: the detail shown is the e-mail.
    for (let from = 0; from < visitors.length; from += GROUP_SIZE) {
      const group = visitors.slice(from, from + GROUP_SIZE);
      const hits = await search(`Ctx-${groupOf(from)}-`);
      const shown = new Map(hits.map((hit) => [hit.href, hit]));
      for (const [k, visitor] of group.entries()) {
        const hit = shown.get(`#/conversations/${encodeURIComponent(visitor.conversationId)}`);
        expect(hit && [hit.name, hit.detail], `line ${from + k + 1}`).toEqual([visitor.marker, payloads[from + k]]);
      }
      expect(hits).toHaveLength(group.length);
    }
    expect(await guarded.findings()).toEqual([]);

    // Found by a piece of the payload itself, so the payload is split around <mark>s: names and messages.
    const corpus = new Set(payloads);
    for (const query of ['<script', 'javascript:', 'onerror', 'alert(', '"><', '<svg', 'expression(', '&#']) {
      const hits = await search(query);
      expect(hits.length, query).toBeGreaterThan(0);
      for (const hit of hits) {
        if (hit.detail !== null) expect(corpus.has(hit.detail), `${query}: ${hit.detail}`).toBe(true);
      }
      // Some hit shows a payload as its name (a twin) or its message: the highlighting kept it whole, as text.
      expect(hits.some((hit) => corpus.has(hit.name ?? '') || corpus.has(hit.detail ?? '')), query).toBe(true);
    }
    expect(await guarded.findings()).toEqual([]);
  }, 60_000);
});
