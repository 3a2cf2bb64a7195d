import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ConversationSummary, type Message } from '../../shared/index.ts';
import {
  call,
  callOk,
  clientId,
  closeAllSockets,
  collect,
  connected,
  newOperator,
  newVisitor,
  nextEvent,
  visitorSocket,
  visitorTab,
} from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let servers: TestServer[] = [];
async function server(): Promise<TestServer> {
  const s = await startServer();
  servers.push(s);
  return s;
}
afterEach(async () => {
  closeAllSockets();
  for (const s of servers) await s.destroy();
  servers = [];
});

type Created = { message: Message; conversation: ConversationSummary };

describe('nothing lost, nothing doubled', () => {
  it('stores a message sent twice with the same client id once, and answers both with the original', async () => {
    const s = await server();
    const operator = await newOperator(s.url);
    const visitor = await newVisitor(s.url);
    const created = collect<Created>(operator.socket, 'message:created');
    const id = clientId();
    const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: id, body: 'Only once, please' });
    const retry = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: id, body: 'Only once, please' });
    expect(retry.message).toEqual(first.message);
    const sync = await callOk<{ messages: Message[] }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages).toEqual([first.message]);
    await new Promise((r) => setTimeout(r, 100));
    expect(created).toHaveLength(1);
  });

  it('retries of the same client id from two tabs at once store one message', async () => {
    const s = await server();
    const visitor = await newVisitor(s.url);
    const tab = await visitorTab(s.url, visitor.token);
    const id = clientId();
    const results = await Promise.all([
      callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: id, body: 'twice' }),
      callOk<{ message: Message }>(tab, 'message:send', { clientId: id, body: 'twice' }),
    ]);
    expect(results[0].message.id).toBe(results[1].message.id);
    const sync = await callOk<{ messages: Message[] }>(tab, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages).toHaveLength(1);
  });

  it('a message sent while the connection is down is delivered exactly once after reconnecting', async () => {
    const s = await server();
    const operator = await newOperator(s.url);
    const visitor = await newVisitor(s.url, 'demo', { reconnection: true });
    await callOk(visitor.socket, 'message:send', { clientId: clientId(), body: 'before the drop' });
    const received = collect<Created>(operator.socket, 'message:created');

    // The connection drops (as on a phone going into a tunnel); the client keeps sending.
    const dropped = new Promise((r) => visitor.socket.once('disconnect', r));
    visitor.socket.io.engine.close();
    await dropped;
    const pending = call<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'written in the tunnel' });
    const result = await pending;
    expect(result.ok).toBe(true);
    await nextEvent(operator.socket, 'message:created', () => true, 2000).catch(() => undefined);
    expect(received.map((e) => e.message.body)).toEqual(['written in the tunnel']);
    const sync = await callOk<{ messages: Message[] }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.map((m) => [m.seq, m.body])).toEqual([
      [1, 'before the drop'],
      [2, 'written in the tunnel'],
    ]);
  });

  it('a client that missed messages while away gets exactly those by syncing from its last sequence', async () => {
    const s = await server();
    const visitor = await newVisitor(s.url);
    const operator = await newOperator(s.url);
    const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'one' });
    const conversationId = first.message.conversationId;
    visitor.socket.disconnect();
    for (const body of ['two', 'three', 'four']) {
      await callOk(operator.socket, 'message:send', { conversationId, clientId: clientId(), body });
    }
    const back = await visitorTab(s.url, visitor.token);
    const sync = await callOk<{ token: string | null; messages: Message[]; conversation: { lastSeq: number } }>(back, 'conversation:sync', { afterSeq: 1 });
    expect(sync.token).toBeNull();
    expect(sync.conversation.lastSeq).toBe(4);
    expect(sync.messages.map((m) => [m.seq, m.body, m.author])).toEqual([
      [2, 'two', 'operator'],
      [3, 'three', 'operator'],
      [4, 'four', 'operator'],
    ]);
  });

  it('pages a long history: hasMore until the client has caught up', async () => {
    const s = await server();
    const visitor = await newVisitor(s.url);
    const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'm1' });
    // The rest written straight into the store: sending 205 messages through the socket would (rightly) hit the rate limit.
    for (let i = 2; i <= 205; i += 1) {
      await s.store.appendMessage({
        conversationId: first.message.conversationId,
        clientId: clientId(),
        author: 'visitor',
        operatorId: null,
        body: `m${i}`,
        now: new Date().toISOString(),
      });
    }
    const page1 = await callOk<{ messages: Message[]; hasMore: boolean }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(page1.messages).toHaveLength(200);
    expect(page1.hasMore).toBe(true);
    const page2 = await callOk<{ messages: Message[]; hasMore: boolean }>(visitor.socket, 'conversation:sync', { afterSeq: 200 });
    expect(page2.messages.map((m) => m.seq)).toEqual([201, 202, 203, 204, 205]);
    expect(page2.hasMore).toBe(false);
  });

  it('a server restart between two messages loses nothing, keeps the visitor and continues the sequence', async () => {
    let s = await server();
    const visitor = await newVisitor(s.url);
    const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'before restart' });
    visitor.socket.disconnect();

    s = await s.restart();
    servers.push(s);

    const again = await visitorTab(s.url, visitor.token);
    const second = await callOk<{ message: Message }>(again, 'message:send', { clientId: clientId(), body: 'after restart' });
    expect(second.message.conversationId).toBe(first.message.conversationId);
    expect(second.message.seq).toBe(2);
    const sync = await callOk<{ messages: Message[] }>(again, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).toEqual(['before restart', 'after restart']);
  });

  it('an operator reconnecting after a restart sees the messages that arrived meanwhile', async () => {
    let s = await server();
    const visitor = await newVisitor(s.url, 'demo', { reconnection: true });
    const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'one' });
    s = await s.restart();
    servers.push(s);
    await connected(visitor.socket);
    await new Promise((r) => setTimeout(r, 50));
    await callOk(visitor.socket, 'message:send', { clientId: clientId(), body: 'two' });
    const operator = await newOperator(s.url);
    const sync = await callOk<{ messages: Message[] }>(operator.socket, 'conversation:sync', {
      conversationId: first.message.conversationId,
      afterSeq: 0,
    });
    expect(sync.messages.map((m) => m.body)).toEqual(['one', 'two']);
  });

  it('issues a token only to a new browser, and the token brings back the same conversation', async () => {
    const s = await server();
    const visitor = await newVisitor(s.url);
    expect(visitor.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    const sent = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'remember me' });
    const days = visitorSocket(s.url, { v: PROTOCOL_VERSION, siteKey: 'demo', token: visitor.token });
    await connected(days);
    const sync = await callOk<{ token: string | null; visitorId: string; conversation: { id: string } }>(days, 'conversation:sync', { afterSeq: 0 });
    expect(sync.token).toBeNull();
    expect(sync.visitorId).toBe(visitor.visitorId);
    expect(sync.conversation.id).toBe(sent.message.conversationId);
  });
});
