import { signal } from '@preact/signals';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, VisitorConversation } from '../../shared/protocol/schemas.ts';
import type { Result } from '../../shared/protocol/result.ts';
import {
  createChatState,
  createMemoryStorage,
  createOutbox,
  createTokenStore,
  type ConnectionState,
} from '../state/index.ts';
import type { VisitorSocket } from './requests.ts';
import { socketAddress, startSession, type SessionOptions, type SocketFactory } from './session.ts';

describe('socketAddress', () => {
  it('uses the default socket.io path for a server at the root', () => {
    expect(socketAddress('https://chat.example.com')).toEqual({
      url: 'https://chat.example.com/visitor',
      path: '/socket.io',
    });
  });
  it('keeps a path prefix in the socket.io path, not in the namespace', () => {
    expect(socketAddress('https://example.com/porchlight')).toEqual({
      url: 'https://example.com/visitor',
      path: '/porchlight/socket.io',
    });
  });
});

type Handler = (...args: unknown[]) => void;
type Ack = (err: Error | null, result?: unknown) => void;

/** Just enough of a socket.io client socket, plus a scripted in-memory server behind it. */
class FakeSocket {
  connected = false;
  active = true;
  readonly log: string[] = [];
  readonly stored = new Map<string, Message>();
  private readonly handlers = new Map<string, Set<Handler>>();
  auth: unknown;
  options: Record<string, unknown> = {};
  /** What the server answers to conversation:rate. */
  rateAnswer: Result<unknown> = { ok: false, error: { code: 'internal', message: 'x' } };
  /** What the server answers to visitor:identify. */
  identifyAnswer: Result<unknown> = { ok: true, data: { visitorId: 'v1', token: null, verified: false } };

  on(event: string, fn: Handler) {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(fn);
    return this;
  }
  once(event: string, fn: Handler) {
    const wrapped: Handler = (...args) => {
      this.off(event, wrapped);
      fn(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, fn: Handler) {
    this.handlers.get(event)?.delete(fn);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(...args);
  }
  emit(event: string, payload: unknown) {
    this.log.push(`${event} ${JSON.stringify(payload)}`);
  }
  timeout() {
    return { emit: (event: string, payload: Record<string, unknown>, ack: Ack) => this.serve(event, payload, ack) };
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }
  disconnect() {
    this.connected = false;
    this.active = false;
    this.fire('disconnect', 'io client disconnect');
  }
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server: stores each clientId once and answers syncs from its store. */
  private serve(event: string, payload: Record<string, unknown>, ack: Ack) {
    this.log.push(event);
    queueMicrotask(() => {
      if (event === 'conversation:sync') {
        const afterSeq = payload.afterSeq as number;
        const messages = [...this.stored.values()].filter((m) => m.seq > afterSeq);
        const result: Result<unknown> = {
          ok: true,
          data: { visitorId: 'v1', token: null, conversation: null, messages, hasMore: false },
        };
        ack(null, result);
      } else if (event === 'form:submit') {
        const clientId = payload.clientId as string;
        if (payload.email === undefined) {
          ack(null, { ok: false, error: { code: 'invalid_payload', message: 'Invalid payload: email: Please enter a valid e-mail address.' } });
          return;
        }
        const message = this.stored.get(clientId) ?? makeMessage(this.stored.size + 1, 'visitor', clientId);
        this.stored.set(clientId, message);
        const acknowledgement = { ...makeMessage(this.stored.size + 1, 'operator', `ack-${clientId}`), author: 'system', authorName: 'Čajovna' };
        this.stored.set(acknowledgement.clientId, acknowledgement as Message);
        ack(null, { ok: true, data: { message, acknowledgement } });
      } else if (event === 'visitor:identify') {
        ack(null, this.identifyAnswer);
      } else if (event === 'conversation:rate') {
        ack(null, this.rateAnswer);
      } else if (event === 'message:send') {
        const clientId = payload.clientId as string;
        const message = this.stored.get(clientId) ?? makeMessage(this.stored.size + 1, 'visitor', clientId);
        this.stored.set(clientId, message);
        ack(null, { ok: true, data: { message } });
      } else {
        ack(null, { ok: true, data: payload });
      }
    });
  }
}

function makeMessage(seq: number, author: 'visitor' | 'operator', clientId = `client-${String(seq).padStart(4, '0')}`): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId,
    author,
    operatorId: null,
    authorName: author === 'operator' ? 'Anna' : null,
    body: `body ${seq}`,
    createdAt: '2025-05-01T10:00:00.000Z',
  };
}

const visitorConversation = (fields: Partial<VisitorConversation> = {}): VisitorConversation => ({
  id: 'c1',
  lastSeq: 1,
  visitorSeenSeq: 1,
  operatorSeenSeq: 1,
  status: 'open',
  updateBy: null,
  rating: null,
  ...fields,
});

function setup(pageContext?: SessionOptions['pageContext']) {
  const storage = createMemoryStorage();
  const socket = new FakeSocket();
  const chat = createChatState();
  const outbox = createOutbox(storage, 'porchlight:demo:outbox');
  const connection = signal<ConnectionState>('connecting');
  const teamMessages: Message[] = [];
  const formRefusals: string[] = [];
  const createSocket: SocketFactory = (_url, options) => {
    socket.auth = options.auth;
    socket.options = options;
    return socket as unknown as VisitorSocket;
  };
  let n = 0;
  const session = startSession({
    createSocket,
    baseUrl: 'https://chat.example.com',
    siteKey: 'demo',
    chat,
    outbox,
    tokens: createTokenStore(storage, 'demo'),
    connection,
    random: { getRandomValues: (a) => a, randomUUID: () => `uuid-${String((n += 1)).padStart(4, '0')}` },
    onTeamMessages: (messages) => teamMessages.push(...messages),
    timeZone: 'Europe/Prague',
    locale: 'cs',
    onFormRefused: (entry, message) => formRefusals.push(`${entry.body}|${message}`),
    ...(pageContext ? { pageContext } : {}),
  });
  const settle = () => vi.advanceTimersByTimeAsync(50);
  const tokens = createTokenStore(storage, 'demo');
  return { socket, chat, outbox, connection, session, teamMessages, formRefusals, settle, tokens };
}

describe('the visitor session', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps what the visitor writes while offline, and on connect syncs first, then sends in order', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.session.sendMessage('first');
    t.session.sendMessage('second');
    await t.settle();
    expect(t.socket.log).toEqual([]);
    expect(t.outbox.entries.value.map((e) => e.body)).toEqual(['first', 'second']);

    t.socket.connect();
    await t.settle();
    expect(t.socket.log).toEqual(['conversation:sync', 'message:send', 'message:send']);
    expect(t.outbox.entries.value).toEqual([]);
    expect(t.chat.messages.value.map((m) => m.body)).toEqual(['body 1', 'body 2']);
    expect(t.connection.value).toBe('connected');
  });

  it('after a drop, resyncs from the last seq it holds and does not send twice what the server stored', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.connect();
    await t.settle();
    t.session.sendMessage('hello');
    await t.settle();
    t.socket.drop();
    expect(t.connection.value).toBe('reconnecting');
    // An ack lost with the connection: the server has it, the outbox still does too.
    t.outbox.add({ clientId: 'uuid-0001', body: 'hello', createdAt: '2025-05-01T10:00:00.000Z' });
    t.socket.log.length = 0;
    t.socket.connect();
    await t.settle();
    expect(t.socket.log).toEqual(['conversation:sync']);
    expect(t.outbox.entries.value).toEqual([]);
    expect(t.chat.messages.value).toHaveLength(1);
  });

  it('shows a message sent from another tab once, and clears it from this tab’s outbox', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.connect();
    await t.settle();
    t.outbox.add({ clientId: 'other-tab-01', body: 'from tab 2', createdAt: '2025-05-01T10:00:00.000Z' });
    const fromOtherTab = makeMessage(1, 'visitor', 'other-tab-01');
    t.socket.fire('message:created', fromOtherTab);
    t.socket.fire('message:created', fromOtherTab);
    expect(t.chat.messages.value).toHaveLength(1);
    expect(t.outbox.entries.value).toEqual([]);
  });

  it('reports live team messages, and fetches what it missed when one arrives across a gap', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.connect();
    await t.settle();
    t.socket.stored.set('a', makeMessage(1, 'operator', 'op-aaaa-1'));
    t.socket.stored.set('b', makeMessage(2, 'operator', 'op-aaaa-2'));
    t.socket.log.length = 0;
    t.socket.fire('message:created', makeMessage(2, 'operator', 'op-aaaa-2'));
    await t.settle();
    expect(t.socket.log).toEqual(['conversation:sync']);
    expect(t.chat.messages.value.map((m) => m.seq)).toEqual([1, 2]);
    expect(t.teamMessages.map((m) => m.seq).sort()).toEqual([1, 2]);
  });

  it('stops and asks for a reload when the server speaks another protocol', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.active = false;
    t.socket.fire('connect_error', Object.assign(new Error('x'), { data: { code: 'protocol_mismatch', message: 'x' } }));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.connection.value).toBe('outdated');
    expect(t.socket.connected).toBe(false);
  });

  it('retries by itself after a refusal that leaves the socket inactive (rate_limited)', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.active = false;
    t.socket.fire('connect_error', Object.assign(new Error('x'), { data: { code: 'rate_limited', message: 'x' } }));
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.socket.connected).toBe(true);
  });

  it('throttles typing updates and sends "stopped" on send', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.connect();
    await t.settle();
    t.session.typing.input(true);
    t.session.typing.input(true);
    await vi.advanceTimersByTimeAsync(1200);
    t.session.sendMessage('done');
    const typing = t.socket.log.filter((l) => l.startsWith('typing:update'));
    expect(typing).toEqual(['typing:update {"isTyping":true}', 'typing:update {"isTyping":false}']);
  });

  it('does not connect by itself; sending the form connects, and the form goes in order with messages', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.connected = false;
    t.socket.active = false;
    t.socket.connect = () => {
      t.socket.active = true;
      FakeSocket.prototype.connect.call(t.socket);
    };
    await t.settle();
    expect(t.socket.connected).toBe(false);
    t.session.submitForm('Do you ship to Brno?', { name: 'Anna', email: 'anna@example.com' });
    t.session.sendMessage('And to Bratislava?');
    expect(t.outbox.entries.value.map((e) => e.body)).toEqual(['Do you ship to Brno?', 'And to Bratislava?']);
    await t.settle();
    expect(t.socket.log).toEqual(['conversation:sync', 'form:submit', 'message:send']);
    expect(t.chat.messages.value.map((m) => m.author)).toEqual(['visitor', 'system', 'visitor']);
    expect(t.outbox.entries.value).toEqual([]);
  });

  it('sends the visitor’s time zone and language in the handshake', () => {
    const t = setup();
    let auth: unknown;
    (t.socket.auth as (cb: (a: unknown) => void) => void)((a) => (auth = a));
    expect(auth).toMatchObject({ siteKey: 'demo', timeZone: 'Europe/Prague', locale: 'cs' });
  });

  it('sends the page the visitor is on with each (re)connect, read afresh each time', () => {
    const pages = ['https://shop.example/tea', 'https://shop.example/checkout'];
    const t = setup(() => ({ page: { url: pages.shift() ?? '', title: 'Čajovna' }, referrer: 'https://www.google.com/' }));
    const handshakes: unknown[] = [];
    const auth = t.socket.auth as (cb: (a: unknown) => void) => void;
    auth((a) => handshakes.push(a));
    auth((a) => handshakes.push(a));
    expect(handshakes).toMatchObject([
      { siteKey: 'demo', page: { url: 'https://shop.example/tea', title: 'Čajovna' }, referrer: 'https://www.google.com/' },
      { siteKey: 'demo', page: { url: 'https://shop.example/checkout', title: 'Čajovna' } },
    ]);
  });

  it('connects by long-polling first with the upgrade to WebSocket, and nothing else', () => {
    expect(setup().socket.options.transports).toEqual(['polling', 'websocket']);
  });

  it('takes conversation:updated (resolved, promised, rated), ignoring another conversation’s and malformed ones', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.stored.set('a', makeMessage(1, 'visitor', 'visitor-aaaa-1'));
    t.socket.connect();
    await t.settle();
    const updateBy = { at: '2025-05-10T10:00:00.000Z', operatorName: 'Jana', note: 'Asking the supplier.' };
    t.socket.fire('conversation:updated', visitorConversation({ status: 'resolved', updateBy }));
    expect(t.chat.conversation.value).toMatchObject({ status: 'resolved', updateBy, rating: null });
    t.socket.fire('conversation:updated', visitorConversation({ id: 'c2', status: 'open' }));
    t.socket.fire('conversation:updated', { id: 'c1', status: 'open' });
    expect(t.chat.conversation.value).toMatchObject({ status: 'resolved', updateBy });
    t.socket.fire('conversation:updated', visitorConversation({ status: 'resolved', updateBy: null, rating: 'good' }));
    expect(t.chat.conversation.value).toMatchObject({ status: 'resolved', updateBy: null, rating: 'good' });
  });

  it('reopens a resolved conversation as soon as the visitor’s new message is stored', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.stored.set('a', makeMessage(1, 'visitor', 'visitor-aaaa-1'));
    t.socket.connect();
    await t.settle();
    t.socket.fire('conversation:updated', visitorConversation({ status: 'resolved' }));
    t.session.sendMessage('One more question');
    await t.settle();
    expect(t.chat.conversation.value?.status).toBe('open');
  });

  it('sends a rating and keeps the conversation the server answers with', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.stored.set('a', makeMessage(1, 'visitor', 'visitor-aaaa-1'));
    t.socket.connect();
    await t.settle();
    t.socket.fire('conversation:updated', visitorConversation({ status: 'resolved' }));
    t.socket.rateAnswer = { ok: true, data: { conversation: visitorConversation({ status: 'resolved', rating: 'bad' }) } };
    expect(await t.session.rate('bad', 'Too slow')).toBe('sent');
    expect(t.chat.conversation.value?.rating).toBe('bad');
  });

  it('reports a rating refused because the conversation is open again, and stops offering it', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.stored.set('a', makeMessage(1, 'visitor', 'visitor-aaaa-1'));
    t.socket.connect();
    await t.settle();
    t.socket.fire('conversation:updated', visitorConversation({ status: 'resolved' }));
    t.socket.rateAnswer = { ok: false, error: { code: 'not_resolved', message: 'Only a resolved conversation can be rated.' } };
    expect(await t.session.rate('good')).toBe('not_resolved');
    expect(t.chat.conversation.value?.status).toBe('open');
  });

  it('reports a rating that could not be delivered (offline, or any other refusal) as failed, never throwing', async () => {
    const t = setup();
    expect(await t.session.rate('good')).toBe('failed');
    t.socket.connect();
    expect(await t.session.rate('good')).toBe('failed');
  });

  it('gives a form the server refused for a field back to the form, instead of showing it as failed', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.socket.connect();
    await t.settle();
    t.session.submitForm('Hello', {});
    await t.settle();
    expect(t.formRefusals).toEqual(['Hello|Invalid payload: email: Please enter a valid e-mail address.']);
    expect(t.chat.refused.value).toEqual([]);
    expect(t.outbox.entries.value).toEqual([]);
  });

  it('takes availability:changed from the server, ignoring a malformed one', async () => {
    const t = setup();
    const seen: string[] = [];
    // onAvailability is optional: set up a session that listens.
    const session = startSession({
      createSocket: () => t.socket as unknown as VisitorSocket,
      baseUrl: 'https://chat.example.com',
      siteKey: 'demo',
      chat: t.chat,
      outbox: t.outbox,
      tokens: createTokenStore(createMemoryStorage(), 'demo'),
      connection: t.connection,
      random: globalThis.crypto,
      onTeamMessages: () => {},
      onAvailability: (a) => seen.push(a.mode),
    });
    t.socket.fire('availability:changed', { mode: 'chat' });
    t.socket.fire('availability:changed', {
      mode: 'form', open: false, operatorsOnline: 0, nextOpenAt: null, replyBy: null, chatReplyMinutes: null,
      teamName: 'Čajovna', channels: [], changesAt: null, at: '2025-05-09T10:00:00.000Z',
    });
    expect(seen).toEqual(['form']);
    session.close();
  });

  describe('identity (Porchlight identify / reset)', () => {
    const handshake = (socket: FakeSocket) => {
      let sent: Record<string, unknown> = {};
      (socket.auth as (cb: (data: Record<string, unknown>) => void) => void)((data) => (sent = data));
      return sent;
    };

    it('sends an identity given before connecting in the handshake, and nothing else for it', async () => {
      vi.useFakeTimers();
      const t = setup();
      expect(handshake(t.socket).identity).toBeUndefined();
      t.session.identify({ id: '42', name: 'Anna', hash: 'ab' });
      expect(handshake(t.socket).identity).toEqual({ id: '42', name: 'Anna', hash: 'ab' });
      t.socket.connect();
      await t.settle();
      expect(t.socket.log).toEqual(['conversation:sync']);
    });

    it('after connecting sends visitor:identify before the next sync; a token in the answer means another thread', async () => {
      vi.useFakeTimers();
      const t = setup();
      t.socket.stored.set('x', makeMessage(1, 'operator'));
      t.socket.connect();
      await t.settle();
      expect(t.chat.messages.value).toHaveLength(1);

      t.socket.identifyAnswer = { ok: true, data: { visitorId: 'v2', token: 'T'.repeat(40), verified: true } };
      t.socket.stored.clear();
      t.session.identify({ id: '42', hash: 'ab' });
      await t.settle();
      expect(t.socket.log).toEqual(['conversation:sync', 'visitor:identify', 'conversation:sync']);
      expect(t.tokens.read()).toBe('T'.repeat(40));
      expect(t.chat.messages.value).toEqual([]);
    });

    it('restart drops the connection at once: an answer on its way is never applied', async () => {
      vi.useFakeTimers();
      const t = setup();
      t.socket.stored.set('x', makeMessage(1, 'operator'));
      t.socket.connect();
      // The sync has been asked; its answer is still on its way.
      t.session.restart();
      await t.settle();
      expect(t.chat.messages.value).toEqual([]);
      expect(t.connection.value).toBe('idle');
      expect(t.socket.connected).toBe(false);
    });

    it('stops, without retrying, when the site requires a verified identity and refuses this one', async () => {
      vi.useFakeTimers();
      const t = setup();
      t.socket.fire('connect_error', Object.assign(new Error('identity_invalid'), { data: { code: 'identity_invalid', message: 'x' } }));
      await vi.advanceTimersByTimeAsync(60_000);
      expect(t.connection.value).toBe('refused');
      t.session.connect();
      expect(t.socket.log).toEqual([]);
    });
  });
});
