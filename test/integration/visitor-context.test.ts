import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ConversationDetailsResult, type Message, type VisitorDetails } from '../../shared/index.ts';
import {
  callOk,
  clientId,
  closeAllSockets,
  connected,
  operatorConsole,
  refused,
  visitorSocket,
  type OperatorSocket,
} from '../helpers/clients.ts';
import { startServer, steerableClock, type StartOptions, type TestServer } from '../helpers/server.ts';

let servers: TestServer[] = [];
async function server(options: StartOptions = {}): Promise<TestServer> {
  const s = await startServer(options);
  servers.push(s);
  return s;
}
afterEach(async () => {
  closeAllSockets();
  for (const s of servers) await s.destroy();
  servers = [];
});

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

/** A widget tab connecting from a page, as the widget's handshake describes it. */
async function tab(
  s: TestServer,
  context: { token?: string; page?: { url: string; title: string }; referrer?: string; userAgent?: string; timeZone?: string; locale?: string },
) {
  const { token, userAgent, ...rest } = context;
  const socket = visitorSocket(
    s.url,
    { v: PROTOCOL_VERSION, siteKey: 'demo', ...(token ? { token } : {}), ...rest },
    userAgent ? { headers: { 'user-agent': userAgent } } : {},
  );
  await connected(socket);
  const sync = await callOk<{ token: string | null; visitorId: string }>(socket, 'conversation:sync', { afterSeq: 0 });
  return { socket, token: token ?? sync.token!, visitorId: sync.visitorId };
}

async function visitorOf(operator: OperatorSocket, conversationId: string): Promise<VisitorDetails> {
  return (await callOk<ConversationDetailsResult>(operator, 'conversation:details', { conversationId })).visitor;
}

async function startConversation(socket: ReturnType<typeof visitorSocket>, body = 'Hello') {
  return (await callOk<{ message: Message }>(socket, 'message:send', { clientId: clientId(), body })).message.conversationId;
}

describe("the visitor's context, for operators", () => {
  it('shows the page (title and URL), the referrer, zone, language, browser, system and device, and whether they are online', async () => {
    const s = await server();
    const operator = await operatorConsole(s);
    const visitor = await tab(s, {
      page: { url: 'https://shop.example/tea/sencha?ref=newsletter', title: '  Sencha <b>Premium</b>\u0000 — Demo\n tea shop ' },
      referrer: 'https://search.example/?q=sencha',
      userAgent: FIREFOX,
      timeZone: 'Europe/Prague',
      locale: 'cs-CZ',
    });
    const conversationId = await startConversation(visitor.socket);

    const details = await visitorOf(operator.socket, conversationId);
    expect(details).toMatchObject({
      id: visitor.visitorId,
      name: null,
      email: null,
      verified: false,
      timeZone: 'Europe/Prague',
      locale: 'cs-CZ',
      userAgent: FIREFOX,
      browser: 'Firefox 128',
      os: 'Windows 10',
      device: 'desktop',
      referrer: 'https://search.example/?q=sencha',
      visits: 1,
      online: true,
    });
    expect(details.displayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    // The title is kept as text (markup and all, the console shows it as text), without NUL or line breaks.
    expect(details.pages).toEqual([{ url: 'https://shop.example/tea/sencha?ref=newsletter', title: 'Sencha <b>Premium</b> — Demo tea shop', at: expect.any(String) }]);

    visitor.socket.disconnect();
    await expect.poll(async () => (await visitorOf(operator.socket, conversationId)).online).toBe(false);
  });

  it('keeps the pages seen, newest first, and never stores an address that is not http(s)', async () => {
    const s = await server();
    const operator = await operatorConsole(s);
    const first = await tab(s, { page: { url: 'https://shop.example/', title: 'Home' }, userAgent: IPHONE });
    const conversationId = await startConversation(first.socket);

    for (const url of ['javascript:alert(document.cookie)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative']) {
      await tab(s, { token: first.token, page: { url, title: 'Evil' }, referrer: 'javascript:alert(2)' });
    }
    await tab(s, { token: first.token, page: { url: 'https://shop.example/cart', title: 'Cart' } });

    const details = await visitorOf(operator.socket, conversationId);
    expect(details.pages.map((p) => [p.url, p.title])).toEqual([
      ['https://shop.example/cart', 'Cart'],
      ['https://shop.example/', 'Home'],
    ]);
    expect(JSON.stringify(details)).not.toMatch(/javascript:|data:|vbscript:|Evil/i);
    expect(details).toMatchObject({ referrer: null, browser: 'Mobile Safari 17', os: 'iOS 17.5', device: 'mobile' });
  });

  it('cuts an over-long title and User-Agent, and refuses a handshake whose page is beyond any browser\'s', async () => {
    const s = await server();
    const operator = await operatorConsole(s);
    const visitor = await tab(s, { page: { url: `https://shop.example/${'p'.repeat(3000)}`, title: 'T'.repeat(900) }, userAgent: `Mozilla/5.0 ${'x'.repeat(2000)}` });
    const conversationId = await startConversation(visitor.socket);
    const details = await visitorOf(operator.socket, conversationId);
    expect(details.pages[0]!.title).toBe('T'.repeat(200));
    expect(details.pages[0]!.url).toHaveLength(2000);
    expect(details.userAgent).toHaveLength(512);

    const huge = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', page: { url: 'https://shop.example/', title: 'T'.repeat(1025) } });
    expect(await refused(huge)).toMatchObject({ code: 'invalid_payload' });
  });

  it('counts a new visit after 30 minutes away, taking its referrer; within a visit the referrer stays', async () => {
    const clock = steerableClock(new Date('2026-11-24T09:00:00Z'));
    const s = await server({ clock });
    const operator = await operatorConsole(s);
    const first = await tab(s, { page: { url: 'https://shop.example/', title: 'Home' }, referrer: 'https://news.example/tea-article' });
    const conversationId = await startConversation(first.socket);

    clock.advance(10 * 60_000);
    await tab(s, { token: first.token, page: { url: 'https://shop.example/oolong', title: 'Oolong' }, referrer: 'https://shop.example/' });
    let details = await visitorOf(operator.socket, conversationId);
    expect(details).toMatchObject({ visits: 1, referrer: 'https://news.example/tea-article', lastSeenAt: '2026-11-24T09:10:00.000Z' });
    expect(details.firstSeenAt).toBe('2026-11-24T09:00:00.000Z');

    clock.advance(31 * 60_000);
    await tab(s, { token: first.token, page: { url: 'https://shop.example/', title: 'Home' }, referrer: 'https://search.example/?q=oolong' });
    details = await visitorOf(operator.socket, conversationId);
    expect(details).toMatchObject({ visits: 2, referrer: 'https://search.example/?q=oolong', lastSeenAt: '2026-11-24T09:41:00.000Z' });
    expect(details.pages.map((p) => p.title)).toEqual(['Home', 'Oolong', 'Home']);
  });

  it("lists the same person's other conversations: other visitors who gave the same e-mail", async () => {
    const s = await server();
    const operator = await operatorConsole(s);
    const onLaptop = await tab(s, {});
    const laptop = await callOk<{ message: Message }>(onLaptop.socket, 'form:submit', { clientId: clientId(), body: 'From my laptop', email: 'Jana.Novak@example.cz' });
    const onPhone = await tab(s, {});
    const phone = await callOk<{ message: Message }>(onPhone.socket, 'form:submit', { clientId: clientId(), body: 'From my phone', email: 'jana.novak@example.cz' });
    const stranger = await tab(s, {});
    const strangerConversation = await startConversation(stranger.socket, 'Unrelated');

    const details = await callOk<ConversationDetailsResult>(operator.socket, 'conversation:details', { conversationId: phone.message.conversationId });
    expect(details.visitor.email).toBe('jana.novak@example.cz');
    expect(details.related.map((c) => c.id)).toEqual([laptop.message.conversationId]);
    const none = await callOk<ConversationDetailsResult>(operator.socket, 'conversation:details', { conversationId: strangerConversation });
    expect(none.related).toEqual([]);
  });
});
