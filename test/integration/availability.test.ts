import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { PROTOCOL_VERSION, SiteSettings, type Availability, type ConversationSummary, type Message } from '../../shared/index.ts';
import {
  call,
  callOk,
  clientId,
  closeAllSockets,
  collect,
  connected,
  login,
  newOperator,
  nextEvent,
  operatorSocket,
  visitorSocket,
} from '../helpers/clients.ts';
import { startServer, type StartOptions, type TestServer } from '../helpers/server.ts';

let servers: TestServer[] = [];
async function server(options: StartOptions = {}): Promise<TestServer> {
  const s = await startServer({ ...options, env: { PRESENCE_GRACE_SECONDS: '0.3', ...options.env } });
  servers.push(s);
  return s;
}
afterEach(async () => {
  closeAllSockets();
  for (const s of servers) await s.destroy();
  servers = [];
});

const availabilityOf = async (s: TestServer, query = '') => {
  const response = await fetch(`${s.url}/api/v1/sites/demo/availability${query}`);
  return { response, body: (await response.json()) as Availability };
};

async function widget(s: TestServer, extra: Record<string, unknown> = {}) {
  const socket = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', ...extra });
  await connected(socket);
  await callOk(socket, 'conversation:sync', { afterSeq: 0 });
  return socket;
}

async function settingsOf(s: TestServer, cookie: string): Promise<SiteSettings> {
  return (await fetch(`${s.url}/api/v1/sites/demo/settings`, { headers: { cookie } })).json();
}

function putSettings(s: TestServer, cookie: string, body: unknown) {
  return fetch(`${s.url}/api/v1/sites/demo/settings`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('GET /api/v1/sites/:siteKey/availability', () => {
  it('shows the form with a reply time while nobody is online, and the owner\'s other channels', async () => {
    const s = await server();
    const before = Date.now();
    const { response, body } = await availabilityOf(s);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toMatchObject({ mode: 'form', open: true, operatorsOnline: 0, nextOpenAt: null, chatReplyMinutes: null, teamName: 'Jana' });
    // The demo promises 120 working minutes and is open around the clock.
    const replyBy = Date.parse(body.replyBy!);
    expect(replyBy - before).toBeGreaterThanOrEqual(120 * 60_000 - 1000);
    expect(replyBy - before).toBeLessThan(121 * 60_000);
    expect(body.channels.map((c) => [c.kind, c.value])).toEqual([
      ['phone', '+420 123 456 789'],
      ['email', 'caj@example.com'],
    ]);
  });

  it('is cacheable: a repeated request with the ETag answers 304 without a body', async () => {
    const s = await server();
    const first = await fetch(`${s.url}/api/v1/sites/demo/availability`);
    let etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('public, max-age=15');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    let again = await fetch(`${s.url}/api/v1/sites/demo/availability`, { headers: { 'if-none-match': etag! } });
    if (again.status === 200) {
      // The promise moves with the clock once a minute; a request that straddled that minute tries once more.
      etag = again.headers.get('etag');
      again = await fetch(`${s.url}/api/v1/sites/demo/availability`, { headers: { 'if-none-match': etag! } });
    }
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('evaluates the schedule at a given instant, and refuses a malformed one or an unknown site', async () => {
    const s = await server();
    const { response, body } = await availabilityOf(s, '?at=2026-12-24T09:30:00Z');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body.at).toBe('2026-12-24T09:30:00.000Z');
    // The phone line keeps office hours: Thursday 10:30 in Prague is inside them.
    expect(body.channels[0]).toMatchObject({ open: true, closesAt: '2026-12-24T16:00:00.000Z' });
    const late = await availabilityOf(s, '?at=2026-12-24T18:30:00Z');
    expect(late.body.channels[0]).toMatchObject({ open: false, nextOpenAt: '2026-12-25T08:00:00.000Z' });
    expect((await fetch(`${s.url}/api/v1/sites/demo/availability?at=yesterday`)).status).toBe(400);
    const unknown = await fetch(`${s.url}/api/v1/sites/nope/availability`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('site_unknown');
  });
});

describe('availability follows presence, live', () => {
  it('an operator signing in switches connected widgets to chat; signing out switches them back after the grace period', async () => {
    const s = await server();
    const visitor = await widget(s);
    const toChat = nextEvent<Availability>(visitor, 'availability:changed');
    const operator = await newOperator(s.url);
    expect(await toChat).toMatchObject({ mode: 'chat', operatorsOnline: 1, chatReplyMinutes: 5, replyBy: null });
    expect((await availabilityOf(s)).body.mode).toBe('chat');

    const toForm = nextEvent<Availability>(visitor, 'availability:changed');
    operator.socket.disconnect();
    expect(await toForm).toMatchObject({ mode: 'form', operatorsOnline: 0 });
  });

  it('a console reload within the grace period does not make the widget flicker', async () => {
    const s = await server({ env: { PRESENCE_GRACE_SECONDS: '2' } });
    const operator = await newOperator(s.url);
    const visitor = await widget(s);
    const changes = collect<Availability>(visitor, 'availability:changed');
    operator.socket.disconnect();
    await new Promise((r) => setTimeout(r, 200));
    const again = operatorSocket(s.url, operator.cookie);
    await connected(again);
    await new Promise((r) => setTimeout(r, 2500));
    expect(changes).toEqual([]);
    expect((await availabilityOf(s)).body.mode).toBe('chat');
  });

  it('away on request takes the operator out of the count; the other consoles hear about it', async () => {
    const s = await server();
    const jana = await newOperator(s.url);
    const second = await newOperator(s.url);
    const visitor = await widget(s);
    const heard = nextEvent<{ status: string }>(second.socket, 'presence:changed', (p) => p.status === 'away');
    const toForm = nextEvent<Availability>(visitor, 'availability:changed');
    expect(await callOk(jana.socket, 'presence:update', { status: 'away' })).toMatchObject({ name: 'Jana', status: 'away' });
    expect(await heard).toMatchObject({ name: 'Jana', status: 'away', awayReason: 'chosen' });
    expect(await toForm).toMatchObject({ mode: 'form', operatorsOnline: 0 });
    expect(await callOk(second.socket, 'presence:list', {})).toEqual({
      operators: [{ operatorId: expect.any(String), name: 'Jana', status: 'away', awayReason: 'chosen' }],
    });
    const toChat = nextEvent<Availability>(visitor, 'availability:changed');
    await callOk(jana.socket, 'presence:update', { status: 'online' });
    expect(await toChat).toMatchObject({ mode: 'chat', operatorsOnline: 1 });
  });

  it('an operator idle past the away time is set away', async () => {
    const s = await server({ env: { AWAY_AFTER_MINUTES: '0.005' } }); // 0.3 s
    const operator = await newOperator(s.url);
    const away = await nextEvent<{ status: string; awayReason: string }>(operator.socket, 'presence:changed', (p) => p.status === 'away', 3000);
    expect(away).toMatchObject({ status: 'away', awayReason: 'idle' });
    expect((await availabilityOf(s)).body.mode).toBe('form');
  });
});

describe('availability follows the schedule, live', () => {
  it('when open hours begin, connected widgets switch without a reload', async () => {
    // The server's clock stands 1.5 s before Monday 30 Nov 2026 09:00 in Prague (08:00 UTC).
    const offset = Date.parse('2026-11-30T07:59:58.500Z') - Date.now();
    const s = await server({ clock: { now: () => new Date(Date.now() + offset) } });
    const cookie = await login(s.url);
    const settings = await settingsOf(s, cookie);
    const nineToFive = [{ start: '09:00', end: '17:00' }];
    const response = await putSettings(s, cookie, {
      ...settings,
      availability: { ...settings.availability, basis: 'scheduleOnly', outsideHours: 'hide' },
      schedule: { ...settings.schedule, weekly: { ...settings.schedule.weekly, mon: nineToFive } },
    });
    expect(response.status).toBe(200);
    const visitor = await widget(s);
    expect((await availabilityOf(s)).body).toMatchObject({ mode: 'hidden', open: false, nextOpenAt: '2026-11-30T08:00:00.000Z' });
    const opened = await nextEvent<Availability>(visitor, 'availability:changed', () => true, 5000);
    expect(opened).toMatchObject({ mode: 'chat', open: true, changesAt: '2026-11-30T16:00:00.000Z' });
  });
});

describe('site settings', () => {
  it('the owner reads and replaces them; a valid change reaches connected widgets at once', async () => {
    const s = await server();
    const cookie = await login(s.url);
    const settings = await settingsOf(s, cookie);
    expect(SiteSettings.safeParse(settings).success).toBe(true);
    const visitor = await widget(s);
    const changed = nextEvent<Availability>(visitor, 'availability:changed');
    const response = await putSettings(s, cookie, { ...settings, availability: { ...settings.availability, nobodyOnline: 'hide' } });
    expect(response.status).toBe(200);
    expect(await changed).toMatchObject({ mode: 'hidden' });
    expect((await settingsOf(s, cookie)).availability.nobodyOnline).toBe('hide');
  });

  it('refuses an invalid body naming each bad field, and keeps the stored settings exactly as they were', async () => {
    const s = await server();
    const cookie = await login(s.url);
    const before = await settingsOf(s, cookie);
    const bad = {
      ...before,
      surprise: true,
      schedule: {
        ...before.schedule,
        timeZone: 'Mars/Olympus_Mons',
        holidays: { country: 'XX', keepOpen: [] },
        weekly: {
          ...before.schedule.weekly,
          mon: [{ start: '17:00', end: '09:00' }],
          tue: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '17:00' }],
        },
      },
      replyTargets: { ...before.replyTargets, form: { kind: 'working', minutes: -5 } },
    };
    const response = await putSettings(s, cookie, bad);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string; issues: Array<{ path: Array<string | number>; message: string }> } };
    expect(body.error.code).toBe('invalid_payload');
    const paths = body.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'surprise',
        'schedule.timeZone',
        'schedule.holidays.country',
        'schedule.weekly.mon.0.end',
        'replyTargets.form.minutes',
      ]),
    );
    expect(paths.some((p) => p.startsWith('schedule.weekly.tue'))).toBe(true);
    for (const issue of body.error.issues) expect(issue.message.length).toBeGreaterThan(10);
    expect(await settingsOf(s, cookie)).toEqual(before);
  });

  it('only the site\'s owners may read or change them', async () => {
    const s = await server();
    const now = new Date().toISOString();
    const site = (await s.store.getSiteByKey('demo'))!;
    const petr = await s.store.createOperator({ email: 'petr@example.com', name: 'Petr', passwordHash: await hashPassword('petr-password-1'), now });
    await s.store.addOperatorToSite({ operatorId: petr.id, siteId: site.id, role: 'operator' });
    const petrCookie = await login(s.url, { email: 'petr@example.com', password: 'petr-password-1' });
    expect((await fetch(`${s.url}/api/v1/sites/demo/settings`, { headers: { cookie: petrCookie } })).status).toBe(403);
    expect((await fetch(`${s.url}/api/v1/sites/demo/settings`)).status).toBe(401);
    const owner = await login(s.url);
    expect((await fetch(`${s.url}/api/v1/sites/nope/settings`, { headers: { cookie: owner } })).status).toBe(404);
    expect((await putSettings(s, petrCookie, await settingsOf(s, owner))).status).toBe(403);
  });
});

describe('frequent questions', () => {
  it('serves the owner\'s questions for the visitor\'s language, and those meant for every language', async () => {
    const s = await server();
    const cookie = await login(s.url);
    const settings = await settingsOf(s, cookie);
    const faq = [
      { question: 'Do you ship abroad?', answer: 'Yes, within the EU.', lang: 'en' },
      { question: 'Posíláte do zahraničí?', answer: 'Ano, po celé EU.', lang: 'cs' },
      { question: 'Opening hours / Otevírací doba', answer: 'Mon–Fri 9–17' },
    ];
    expect((await putSettings(s, cookie, { ...settings, faq })).status).toBe(200);
    const cs = await (await fetch(`${s.url}/api/v1/sites/demo/faq?lang=cs`)).json();
    expect(cs.entries.map((e: { question: string }) => e.question)).toEqual(['Posíláte do zahraničí?', 'Opening hours / Otevírací doba']);
    const all = await fetch(`${s.url}/api/v1/sites/demo/faq`);
    expect(all.headers.get('access-control-allow-origin')).toBe('*');
    expect((await all.json()).entries).toHaveLength(3);
  });
});

describe('the message form', () => {
  it('adds the message to the visitor\'s one thread and answers like a person, in their language and time zone', async () => {
    const s = await server();
    const operator = await newOperator(s.url);
    await callOk(operator.socket, 'presence:update', { status: 'away' });
    const visitor = await widget(s, { timeZone: 'America/New_York', locale: 'cs-CZ' });
    const atOperator = collect<{ message: Message; conversation: ConversationSummary }>(operator.socket, 'message:created');
    const id = clientId();
    const result = await callOk<{ message: Message; acknowledgement: Message }>(visitor, 'form:submit', {
      clientId: id,
      body: 'Máte sypaný Earl Grey?',
      name: 'Anna',
      email: 'Anna@Example.com',
    });
    expect(result.message).toMatchObject({ seq: 1, author: 'visitor', body: 'Máte sypaný Earl Grey?' });
    expect(result.acknowledgement).toMatchObject({ seq: 2, author: 'system', operatorId: null, authorName: 'Jana' });
    expect(result.acknowledgement.body).toMatch(/^Děkujeme, Anna! Jana vám odpoví (dnes|zítra) do \d{1,2}:\d{2} \(podle vašeho času\)\./);
    expect(result.acknowledgement.body).not.toMatch(/#|\d{5,}/);

    // A retry of the same submission changes nothing and answers the same.
    const retry = await callOk<{ message: Message; acknowledgement: Message }>(visitor, 'form:submit', { clientId: id, body: 'Máte sypaný Earl Grey?', name: 'Anna', email: 'anna@example.com' });
    expect(retry).toEqual(result);

    // The operators see both, the visitor's name, and the promise on the conversation.
    await new Promise((r) => setTimeout(r, 100));
    expect(atOperator.map((e) => e.message.author)).toEqual(['visitor', 'system']);
    const summary = atOperator.at(-1)!.conversation;
    expect(summary.visitorName).toBe('Anna');
    expect(summary.replyBy).not.toBeNull();

    // Operators see the given name from now on, in typing indicators too.
    const typing = nextEvent<{ name: string }>(operator.socket, 'typing:updated');
    visitor.emit('typing:update', { isTyping: true });
    expect((await typing).name).toBe('Anna');

    // A follow-up goes into the same thread; an answer keeps the promise.
    const followUp = await callOk<{ message: Message }>(visitor, 'message:send', { clientId: clientId(), body: 'A ještě: máte i zelený?' });
    expect(followUp.message).toMatchObject({ conversationId: result.message.conversationId, seq: 3 });
    await callOk(operator.socket, 'message:send', { conversationId: followUp.message.conversationId, clientId: clientId(), body: 'Máme obojí!' });
    expect((await s.store.getConversationSummary(followUp.message.conversationId))?.replyBy).toBeNull();
  });

  it('asks for an e-mail address unless the visitor gave one, and checks it', async () => {
    const s = await server();
    const visitor = await widget(s);
    const missing = await call(visitor, 'form:submit', { clientId: clientId(), body: 'Hello' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (!missing.ok) expect(missing.error.message).toContain('email');
    const wrong = await call(visitor, 'form:submit', { clientId: clientId(), body: 'Hello', email: 'not an address' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    if (!wrong.ok) expect(wrong.error.message).toContain('email');
    await callOk(visitor, 'form:submit', { clientId: clientId(), body: 'Hello', email: 'anna@example.com' });
    await callOk(visitor, 'form:submit', { clientId: clientId(), body: 'Hello again' });
  });

  it('refuses a submission that filled the honeypot, storing nothing', async () => {
    const s = await server();
    const visitor = await widget(s);
    const result = await call(visitor, 'form:submit', { clientId: clientId(), body: 'Buy pills', email: 'bot@example.com', website: 'http://spam.example' });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_payload', message: 'The form could not be sent.' } });
    const sync = await callOk<{ conversation: unknown }>(visitor, 'conversation:sync', { afterSeq: 0 });
    expect(sync.conversation).toBeNull();
  });
});
