import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from '../../shared/index.ts';
import {
  callOk,
  clientId,
  closeAllSockets,
  collect,
  newOperator,
  newVisitor,
  nextEvent,
  visitorTab,
} from '../helpers/clients.ts';
import { OPERATOR, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.destroy();
});

type Created = { message: Message; conversation: ConversationSummary };

describe('real-time chat between a visitor and the operators', () => {
  it('a visitor message reaches every online operator of the site, with the conversation row', async () => {
    const a = await newOperator(server.url);
    const b = await newOperator(server.url);
    const visitor = await newVisitor(server.url);
    const atA = nextEvent<Created>(a.socket, 'message:created');
    const atB = nextEvent<Created>(b.socket, 'message:created');
    const sent = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'Do you ship to Brno?' });

    expect(sent.message).toMatchObject({ seq: 1, author: 'visitor', body: 'Do you ship to Brno?', authorName: null });
    for (const event of [await atA, await atB]) {
      expect(event.message).toEqual(sent.message);
      expect(event.conversation).toMatchObject({
        id: sent.message.conversationId,
        visitorId: visitor.visitorId,
        lastSeq: 1,
        unreadCount: 1,
        lastMessage: { author: 'visitor', body: 'Do you ship to Brno?' },
      });
      expect(event.conversation.visitorName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    }
  });

  it("an operator's answer reaches the visitor in every open tab, with the operator's name", async () => {
    const operator = await newOperator(server.url);
    const visitor = await newVisitor(server.url);
    const secondTab = await visitorTab(server.url, visitor.token);
    const question = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'Hello?' });

    const inFirst = nextEvent<Message>(visitor.socket, 'message:created');
    const inSecond = nextEvent<Message>(secondTab, 'message:created', (m) => m.author === 'operator');
    const answer = await callOk<{ message: Message }>(operator.socket, 'message:send', {
      conversationId: question.message.conversationId,
      clientId: clientId(),
      body: 'Yes, we do!',
    });
    expect(answer.message).toMatchObject({ seq: 2, author: 'operator', authorName: OPERATOR.name, body: 'Yes, we do!' });
    expect(await inFirst).toEqual(answer.message);
    expect(await inSecond).toEqual(answer.message);
  });

  it("a visitor's message also appears in the visitor's other tabs, but not twice in the sender's", async () => {
    const visitor = await newVisitor(server.url);
    const other = await visitorTab(server.url, visitor.token);
    const echoedToSender = collect<Message>(visitor.socket, 'message:created');
    const inOther = nextEvent<Message>(other, 'message:created');
    const sent = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'From tab one' });
    expect(await inOther).toEqual(sent.message);
    expect(echoedToSender).toEqual([]);
  });

  it('shows typing both ways, with names, and never stores it', async () => {
    const operator = await newOperator(server.url);
    const visitor = await newVisitor(server.url);
    const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'Hi' });
    const conversationId = first.message.conversationId;

    const visitorTyping = nextEvent<{ conversationId: string; by: string; isTyping: boolean; name: string }>(operator.socket, 'typing:updated');
    visitor.socket.emit('typing:update', { isTyping: true });
    expect(await visitorTyping).toMatchObject({ conversationId, by: 'visitor', isTyping: true });

    const operatorTyping = nextEvent<{ isTyping: boolean; name: string }>(visitor.socket, 'typing:updated');
    operator.socket.emit('typing:update', { conversationId, isTyping: true });
    expect(await operatorTyping).toEqual({ isTyping: true, name: OPERATOR.name });

    const sync = await callOk<{ messages: Message[] }>(operator.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).toEqual(['Hi']);
  });

  it('throttles typing updates: a burst is relayed once, a stop always', async () => {
    const operator = await newOperator(server.url);
    const visitor = await newVisitor(server.url);
    await callOk(visitor.socket, 'message:send', { clientId: clientId(), body: 'Hi' });
    const relayed = collect<{ isTyping: boolean }>(operator.socket, 'typing:updated');
    for (let i = 0; i < 10; i += 1) visitor.socket.emit('typing:update', { isTyping: true });
    visitor.socket.emit('typing:update', { isTyping: false });
    await callOk(visitor.socket, 'conversation:sync', { afterSeq: 0 }); // a round trip after the burst
    await new Promise((r) => setTimeout(r, 100));
    expect(relayed.map((e) => e.isTyping)).toEqual([true, false]);
  });

  it('marks messages seen: the author learns when the other side has read them', async () => {
    const operator = await newOperator(server.url);
    const visitor = await newVisitor(server.url);
    const sent = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'Seen?' });
    const conversationId = sent.message.conversationId;

    const seenByOperator = nextEvent<{ by: string; upToSeq: number }>(visitor.socket, 'conversation:seen');
    const ack = await callOk<{ upToSeq: number }>(operator.socket, 'message:seen', { conversationId, upToSeq: 1 });
    expect(ack.upToSeq).toBe(1);
    expect(await seenByOperator).toEqual({ conversationId, by: 'operator', upToSeq: 1 });

    // A seen mark past the end is clamped, and a lower one never lowers it.
    expect((await callOk<{ upToSeq: number }>(operator.socket, 'message:seen', { conversationId, upToSeq: 99 })).upToSeq).toBe(1);
    expect((await callOk<{ upToSeq: number }>(operator.socket, 'message:seen', { conversationId, upToSeq: 0 })).upToSeq).toBe(1);

    const list = await callOk<{ conversations: ConversationSummary[] }>(operator.socket, 'conversation:list', {});
    expect(list.conversations.find((c) => c.id === conversationId)).toMatchObject({ operatorSeenSeq: 1, unreadCount: 0 });
  });

  it('lists the conversations of the operator\'s sites, most recent first', async () => {
    const operator = await newOperator(server.url);
    const older = await newVisitor(server.url);
    const newer = await newVisitor(server.url);
    const a = await callOk<{ message: Message }>(older.socket, 'message:send', { clientId: clientId(), body: 'first' });
    await new Promise((r) => setTimeout(r, 5));
    const b = await callOk<{ message: Message }>(newer.socket, 'message:send', { clientId: clientId(), body: 'second' });
    const list = await callOk<{ conversations: ConversationSummary[] }>(operator.socket, 'conversation:list', {});
    const ids = list.conversations.map((c) => c.id);
    expect(ids.indexOf(b.message.conversationId)).toBeLessThan(ids.indexOf(a.message.conversationId));
  });
});
