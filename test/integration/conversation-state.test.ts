import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConversationDetailsResult,
  ConversationEventResult,
  ConversationSummary,
  Message,
  SearchHit,
  VisitorConversation,
} from '../../shared/index.ts';
import {
  call,
  callOk,
  clientId,
  closeAllSockets,
  collect,
  newVisitor,
  nextEvent,
  operatorConsole,
  visitorTab,
  type OperatorSocket,
  type VisitorSocket,
} from '../helpers/clients.ts';
import { addOperator, OPERATOR, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const eva = { email: 'eva@example.com', password: 'eva-long-password', name: 'Eva' };
const petr = { email: 'petr@other-shop.example', password: 'another-long-password', name: 'Petr' };

beforeAll(async () => {
  server = await startServer();
  await addOperator(server.store, eva);
  await addOperator(server.store, { ...petr, siteKey: 'other-shop', role: 'owner' });
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.destroy();
});

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/** A visitor who has written once, and the conversation that started. */
async function visitorWithConversation(body = 'Hello, is my order on its way?') {
  const visitor = await newVisitor(server.url);
  const sent = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body });
  return { ...visitor, conversationId: sent.message.conversationId };
}

const conversationUpdated = (socket: VisitorSocket, match: (c: VisitorConversation) => boolean = () => true) =>
  nextEvent<VisitorConversation>(socket, 'conversation:updated', match);
const operatorUpdated = (socket: OperatorSocket, kind: string) =>
  nextEvent<ConversationEventResult>(socket, 'conversation:updated', (u) => u.event.kind === kind);

describe('internal notes', () => {
  it("are stored once per client id, acked, and reach the site's other operator sockets, the author's other tab too", async () => {
    const jana = await operatorConsole(server);
    const janaOtherTab = await operatorConsole(server);
    const evaConsole = await operatorConsole(server, eva.email);
    const { conversationId } = await visitorWithConversation();
    const ownEcho = collect(jana.socket, 'conversation:updated');
    const atOtherTab = operatorUpdated(janaOtherTab.socket, 'note');
    const atEva = operatorUpdated(evaConsole.socket, 'note');

    const id = clientId();
    const added = await callOk<ConversationEventResult>(jana.socket, 'note:add', { conversationId, clientId: id, body: 'Regular customer, be nice' });
    expect(added.event).toMatchObject({ kind: 'note', body: 'Regular customer, be nice', operatorId: expect.any(String), operatorName: OPERATOR.name, clientId: id });
    expect(added.conversation.id).toBe(conversationId);
    expect((await atOtherTab).event).toEqual(added.event);
    expect((await atEva).event).toEqual(added.event);

    const retried = await callOk<ConversationEventResult>(jana.socket, 'note:add', { conversationId, clientId: id, body: 'Regular customer, be nice' });
    expect(retried.event.id).toBe(added.event.id);
    const details = await callOk<ConversationDetailsResult>(jana.socket, 'conversation:details', { conversationId });
    expect(details.events.filter((e) => e.kind === 'note').map((e) => e.body)).toEqual(['Regular customer, be nice']);
    expect(ownEcho).toEqual([]);
  });

  it('are refused when empty or too long, like messages', async () => {
    const jana = await operatorConsole(server);
    const { conversationId } = await visitorWithConversation();
    expect(await call(jana.socket, 'note:add', { conversationId, clientId: clientId(), body: '   ' })).toMatchObject({ ok: false, error: { code: 'message_empty' } });
    expect(await call(jana.socket, 'note:add', { conversationId, clientId: clientId(), body: 'x'.repeat(4001) })).toMatchObject({
      ok: false,
      error: { code: 'message_too_long' },
    });
  });
});

describe('handoff', () => {
  it('assigns to another operator of the site with a note, and hands back to the whole team', async () => {
    const jana = await operatorConsole(server);
    const evaConsole = await operatorConsole(server, eva.email);
    const { conversationId } = await visitorWithConversation();
    const evaId = (await server.store.getOperatorByEmail(eva.email))!.id;

    const atEva = operatorUpdated(evaConsole.socket, 'assigned');
    const assigned = await callOk<ConversationEventResult>(jana.socket, 'conversation:assign', {
      conversationId,
      operatorId: evaId,
      note: 'She asked about the Darjeeling order 1042',
    });
    expect(assigned.conversation).toMatchObject({ assigneeId: evaId, assigneeName: 'Eva' });
    expect(assigned.event).toMatchObject({ kind: 'assigned', targetOperatorId: evaId, targetOperatorName: 'Eva', body: 'She asked about the Darjeeling order 1042' });
    expect((await atEva).conversation.assigneeId).toBe(evaId);

    const back = await callOk<ConversationEventResult>(evaConsole.socket, 'conversation:assign', { conversationId, operatorId: null });
    expect(back.conversation).toMatchObject({ assigneeId: null, assigneeName: null });
    expect(back.event).toMatchObject({ kind: 'assigned', targetOperatorId: null, body: null });
  });

  it('refuses an assignee who is not a member of the conversation\'s site', async () => {
    const jana = await operatorConsole(server);
    const { conversationId } = await visitorWithConversation();
    const petrId = (await server.store.getOperatorByEmail(petr.email))!.id;
    for (const operatorId of [petrId, 'no-such-operator']) {
      expect(await call(jana.socket, 'conversation:assign', { conversationId, operatorId })).toEqual({
        ok: false,
        error: { code: 'operator_not_found', message: 'This operator is not a member of this site.' },
      });
    }
    const details = await callOk<ConversationDetailsResult>(jana.socket, 'conversation:details', { conversationId });
    expect(details.conversation.assigneeId).toBeNull();
    expect(details.events).toEqual([]);
  });
});

describe('resolve and reopen', () => {
  it('resolving tells the visitor in every tab (status resolved, the thread stays), and the operators with the event', async () => {
    const jana = await operatorConsole(server);
    const evaConsole = await operatorConsole(server, eva.email);
    const visitor = await visitorWithConversation();
    const otherTab = await visitorTab(server.url, visitor.token);
    const inTab = conversationUpdated(visitor.socket);
    const inOtherTab = conversationUpdated(otherTab);
    const atEva = operatorUpdated(evaConsole.socket, 'resolved');
    const followUpAt = new Date(Date.now() + 3 * 86_400_000).toISOString();

    const resolved = await callOk<ConversationEventResult>(jana.socket, 'conversation:resolve', { conversationId: visitor.conversationId, followUpAt });
    expect(resolved.conversation).toMatchObject({ status: 'resolved', followUpAt, resolvedAt: expect.any(String) });
    expect(resolved.event).toMatchObject({ kind: 'resolved', at: followUpAt });
    for (const seen of [await inTab, await inOtherTab]) {
      expect(seen).toMatchObject({ id: visitor.conversationId, status: 'resolved', rating: null, updateBy: null });
      expect(Object.keys(seen).sort()).toEqual(['id', 'lastSeq', 'operatorSeenSeq', 'rating', 'status', 'updateBy', 'visitorSeenSeq']);
    }
    expect((await atEva).conversation.status).toBe('resolved');

    const sync = await callOk<{ conversation: VisitorConversation; messages: Message[] }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.conversation.status).toBe('resolved');
    expect(sync.messages).toHaveLength(1);
  });

  it('refuses a follow-up in the past, and resolving or reopening twice', async () => {
    const jana = await operatorConsole(server);
    const { conversationId } = await visitorWithConversation();
    expect(await call(jana.socket, 'conversation:resolve', { conversationId, followUpAt: anHourAgo() })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining('followUpAt: The time must be in the future.') },
    });
    expect(await call(jana.socket, 'conversation:reopen', { conversationId })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    await callOk(jana.socket, 'conversation:resolve', { conversationId, followUpAt: null });
    expect(await call(jana.socket, 'conversation:resolve', { conversationId, followUpAt: null })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('an operator can reopen a resolved conversation; the visitor sees it open again', async () => {
    const jana = await operatorConsole(server);
    const visitor = await visitorWithConversation();
    await callOk(jana.socket, 'conversation:resolve', { conversationId: visitor.conversationId, followUpAt: null });
    const reopenedForVisitor = conversationUpdated(visitor.socket, (c) => c.status === 'open');
    const reopened = await callOk<ConversationEventResult>(jana.socket, 'conversation:reopen', { conversationId: visitor.conversationId });
    expect(reopened.conversation.status).toBe('open');
    expect(reopened.event).toMatchObject({ kind: 'reopened', operatorName: OPERATOR.name });
    expect((await reopenedForVisitor).status).toBe('open');
  });

  it('a visitor writing again reopens the same conversation, and it stays with its assignee while they are online', async () => {
    const jana = await operatorConsole(server);
    const evaConsole = await operatorConsole(server, eva.email); // Eva is online
    const evaId = (await server.store.getOperatorByEmail(eva.email))!.id;
    const visitor = await visitorWithConversation();
    await callOk(jana.socket, 'conversation:assign', { conversationId: visitor.conversationId, operatorId: evaId });
    await callOk(evaConsole.socket, 'conversation:resolve', { conversationId: visitor.conversationId, followUpAt: null });

    const atJana = operatorUpdated(jana.socket, 'reopened');
    const atEva = operatorUpdated(evaConsole.socket, 'reopened');
    const forVisitor = conversationUpdated(visitor.socket, (c) => c.status === 'open');
    const again = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'One more question…' });

    expect(again.message.conversationId).toBe(visitor.conversationId);
    const update = await atJana;
    expect(update.conversation).toMatchObject({ id: visitor.conversationId, status: 'open', assigneeId: evaId });
    expect(update.event).toMatchObject({ kind: 'reopened', operatorId: null });
    expect((await atEva).event.id).toBe(update.event.id);
    expect(await forVisitor).toMatchObject({ id: visitor.conversationId, status: 'open' });
    const events = (await callOk<ConversationDetailsResult>(jana.socket, 'conversation:details', { conversationId: visitor.conversationId })).events;
    expect(events.filter((e) => e.kind === 'reopened')).toHaveLength(1);
  });
});

describe('a visitor writing to a resolved conversation whose assignee went offline', () => {
  it('reopens it for the whole team: the assignee is cleared, with one reopened event', async () => {
    const quick = await startServer({ env: { PRESENCE_GRACE_SECONDS: '0' } });
    try {
      const ida = await addOperator(quick.store, { email: 'ida@example.com', password: 'ida-long-password', name: 'Ida' });
      const jana = await operatorConsole(quick);
      const idaConsole = await operatorConsole(quick, ida.email);
      const visitor = await newVisitor(quick.url);
      const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'Is the matcha back in stock?' });
      const conversationId = first.message.conversationId;
      await callOk(jana.socket, 'conversation:assign', { conversationId, operatorId: ida.id });
      await callOk(idaConsole.socket, 'conversation:resolve', { conversationId, followUpAt: null });

      const idaOffline = nextEvent<{ operatorId: string; status: string }>(jana.socket, 'presence:changed', (p) => p.operatorId === ida.id && p.status === 'offline');
      idaConsole.socket.disconnect();
      await idaOffline;

      const reopened = operatorUpdated(jana.socket, 'reopened');
      const again = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'Hello again?' });
      expect(again.message.conversationId).toBe(conversationId);
      const update = await reopened;
      expect(update.conversation).toMatchObject({ id: conversationId, status: 'open', assigneeId: null, assigneeName: null });
      expect(update.event).toMatchObject({ kind: 'reopened', operatorId: null });
      const details = await callOk<ConversationDetailsResult>(jana.socket, 'conversation:details', { conversationId });
      expect(details.events.map((e) => e.kind)).toEqual(['assigned', 'resolved', 'reopened']);
      const sync = await callOk<{ messages: Message[] }>(jana.socket, 'conversation:sync', { conversationId, afterSeq: 0 });
      expect(sync.messages.map((m) => m.body)).toEqual(['Is the matcha back in stock?', 'Hello again?']);
    } finally {
      closeAllSockets();
      await quick.destroy();
    }
  });
});

describe('"we\'ll update you by" promises', () => {
  it('the visitor sees the promise with the operator\'s name and note, until the operator\'s next message keeps it', async () => {
    const jana = await operatorConsole(server);
    const visitor = await visitorWithConversation('Can you check whether my parcel left?');
    const at = inAnHour();
    const shown = conversationUpdated(visitor.socket, (c) => c.updateBy !== null);
    const promised = await callOk<ConversationEventResult>(jana.socket, 'conversation:promise', {
      conversationId: visitor.conversationId,
      at,
      note: ' asking the warehouse ',
    });
    expect(promised.conversation.updateBy).toMatchObject({ at, operatorName: OPERATOR.name, note: 'asking the warehouse' });
    expect(promised.event).toMatchObject({ kind: 'update_promised', at });
    expect((await shown).updateBy).toEqual({ at, operatorName: OPERATOR.name, note: 'asking the warehouse' });
    const synced = await callOk<{ conversation: VisitorConversation }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(synced.conversation.updateBy?.at).toBe(at);

    const kept = conversationUpdated(visitor.socket, (c) => c.updateBy === null);
    const answer = nextEvent<Message>(visitor.socket, 'message:created');
    const otherOperator = await operatorConsole(server);
    const inInbox = nextEvent<{ conversation: ConversationSummary }>(otherOperator.socket, 'message:created');
    await callOk(jana.socket, 'message:send', { conversationId: visitor.conversationId, clientId: clientId(), body: 'It left this morning!' });
    expect((await answer).body).toBe('It left this morning!');
    expect((await kept).updateBy).toBeNull();
    expect((await inInbox).conversation.updateBy).toBeNull();
  });

  it('can be withdrawn, which the visitor sees too', async () => {
    const jana = await operatorConsole(server);
    const visitor = await visitorWithConversation();
    await callOk(jana.socket, 'conversation:promise', { conversationId: visitor.conversationId, at: inAnHour() });
    const withdrawn = conversationUpdated(visitor.socket, (c) => c.updateBy === null);
    const cleared = await callOk<ConversationEventResult>(jana.socket, 'conversation:promise', { conversationId: visitor.conversationId, at: null });
    expect(cleared.conversation.updateBy).toBeNull();
    expect(cleared.event).toMatchObject({ kind: 'update_promised', at: null });
    expect((await withdrawn).updateBy).toBeNull();
  });

  it('refuses a promise in the past and leaves none behind', async () => {
    const jana = await operatorConsole(server);
    const visitor = await visitorWithConversation();
    const told = collect(visitor.socket, 'conversation:updated');
    expect(await call(jana.socket, 'conversation:promise', { conversationId: visitor.conversationId, at: anHourAgo() })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: expect.stringContaining('at: The time must be in the future.') },
    });
    expect(await call(jana.socket, 'conversation:promise', { conversationId: visitor.conversationId, at: 'tomorrow' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    const sync = await callOk<{ conversation: VisitorConversation }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.conversation.updateBy).toBeNull();
    expect(told).toEqual([]);
  });
});

describe('follow-up reminders', () => {
  it('are set, moved and dismissed by operators, in the future only, and never shown to the visitor', async () => {
    const jana = await operatorConsole(server);
    const visitor = await visitorWithConversation();
    const told = collect(visitor.socket, 'conversation:updated');
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const set = await callOk<ConversationEventResult>(jana.socket, 'conversation:follow-up', { conversationId: visitor.conversationId, at });
    expect(set.conversation.followUpAt).toBe(at);
    expect(set.event).toMatchObject({ kind: 'follow_up_set', at });
    expect(await call(jana.socket, 'conversation:follow-up', { conversationId: visitor.conversationId, at: anHourAgo() })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    const dismissed = await callOk<ConversationEventResult>(jana.socket, 'conversation:follow-up', { conversationId: visitor.conversationId, at: null });
    expect(dismissed.conversation.followUpAt).toBeNull();
    await callOk(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(told).toEqual([]);
  });
});

describe('rating', () => {
  it('is refused until the conversation is resolved', async () => {
    const visitor = await visitorWithConversation();
    expect(await call(visitor.socket, 'conversation:rate', { rating: 'good' })).toEqual({
      ok: false,
      error: { code: 'not_resolved', message: 'Only a resolved conversation can be rated.' },
    });
    const fresh = await newVisitor(server.url);
    expect(await call(fresh.socket, 'conversation:rate', { rating: 'bad' })).toMatchObject({ ok: false, error: { code: 'not_resolved' } });
  });

  it('after a resolve reaches the operators with the comment, and a second rating replaces the first', async () => {
    const jana = await operatorConsole(server);
    const visitor = await visitorWithConversation();
    const otherTab = await visitorTab(server.url, visitor.token);
    await callOk(jana.socket, 'conversation:resolve', { conversationId: visitor.conversationId, followUpAt: null });

    const atJana = operatorUpdated(jana.socket, 'rated');
    const inOtherTab = conversationUpdated(otherTab, (c) => c.rating !== null);
    const rated = await callOk<{ conversation: VisitorConversation }>(visitor.socket, 'conversation:rate', { rating: 'bad', comment: ' Took a while ' });
    expect(rated.conversation).toMatchObject({ id: visitor.conversationId, status: 'resolved', rating: 'bad' });
    const update = await atJana;
    expect(update.conversation.rating).toMatchObject({ value: 'bad', comment: 'Took a while' });
    expect(update.event).toMatchObject({ kind: 'rated', rating: 'bad', body: 'Took a while', operatorId: null });
    expect((await inOtherTab).rating).toBe('bad');

    const again = await callOk<{ conversation: VisitorConversation }>(visitor.socket, 'conversation:rate', { rating: 'good' });
    expect(again.conversation.rating).toBe('good');
    const summary = await server.store.getConversationSummary(visitor.conversationId);
    expect(summary?.rating).toMatchObject({ value: 'good', comment: null });
  });

  it('refuses a comment over the limit', async () => {
    const visitor = await visitorWithConversation();
    expect(await call(visitor.socket, 'conversation:rate', { rating: 'good', comment: 'x'.repeat(1001) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });
});

describe('search', () => {
  it('finds message text without caring for accents or case, and names and e-mails given in the form', async () => {
    const jana = await operatorConsole(server);
    const visitor = await visitorWithConversation('Máte ještě Zelený čaj Sencha?');
    const hits = (await callOk<{ hits: SearchHit[] }>(jana.socket, 'conversation:search', { query: 'ZELENY caj' })).hits;
    const hit = hits.find((h) => h.conversation.id === visitor.conversationId);
    expect(hit).toMatchObject({ snippet: 'Máte ještě Zelený čaj Sencha?', seq: 1 });

    const writer = await newVisitor(server.url);
    const form = await callOk<{ message: Message }>(writer.socket, 'form:submit', {
      clientId: clientId(),
      body: 'Please call me back',
      name: 'Květa Dvořáková',
      email: 'kveta.unique@example.cz',
    });
    const byName = (await callOk<{ hits: SearchHit[] }>(jana.socket, 'conversation:search', { query: 'kveta dvorak' })).hits;
    expect(byName.map((h) => h.conversation.id)).toContain(form.message.conversationId);
    const byEmail = (await callOk<{ hits: SearchHit[] }>(jana.socket, 'conversation:search', { query: 'KVETA.UNIQUE@' })).hits;
    expect(byEmail.map((h) => h.conversation.id)).toEqual([form.message.conversationId]);
  });

  it('never finds another site\'s conversations, and refuses a too short query', async () => {
    const visitor = await visitorWithConversation('Secret oolong question zqxj');
    const other = await operatorConsole(server, petr.email);
    expect((await callOk<{ hits: SearchHit[] }>(other.socket, 'conversation:search', { query: 'zqxj' })).hits).toEqual([]);
    const demoSiteId = (await server.store.getSiteByKey('demo'))!.id;
    expect(await call(other.socket, 'conversation:search', { query: 'zqxj', siteId: demoSiteId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(other.socket, 'conversation:search', { query: ' z ' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const jana = await operatorConsole(server);
    const own = (await callOk<{ hits: SearchHit[] }>(jana.socket, 'conversation:search', { query: 'zqxj' })).hits;
    expect(own.map((h) => h.conversation.id)).toEqual([visitor.conversationId]);
  });
});

describe('live chat reply-by', () => {
  it("while an operator is online, a visitor's message is due within the owner's live reply time (5 minutes in the demo)", async () => {
    const jana = await operatorConsole(server);
    const before = Date.now();
    const visitor = await visitorWithConversation('Quick question about the teapot');
    const summary = (await callOk<{ conversation: ConversationSummary }>(jana.socket, 'conversation:sync', { conversationId: visitor.conversationId, afterSeq: 0 }))
      .conversation;
    const replyBy = Date.parse(summary.replyBy!);
    expect(replyBy - before).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
    expect(replyBy - Date.now()).toBeLessThanOrEqual(5 * 60_000);

    // A second message does not push the promise further out; the operator's answer keeps it.
    await new Promise((r) => setTimeout(r, 20));
    await callOk(visitor.socket, 'message:send', { clientId: clientId(), body: 'Hello?' });
    expect((await server.store.getConversationSummary(visitor.conversationId))?.replyBy).toBe(summary.replyBy);
    await callOk(jana.socket, 'message:send', { conversationId: visitor.conversationId, clientId: clientId(), body: 'Here!' });
    expect((await server.store.getConversationSummary(visitor.conversationId))?.replyBy).toBeNull();
  });
});

describe('an operator of another site', () => {
  it('cannot read or change a conversation with any of the new events: it does not exist for them', async () => {
    const visitor = await visitorWithConversation();
    const conversationId = visitor.conversationId;
    const other = await operatorConsole(server, petr.email);
    const petrId = (await server.store.getOperatorByEmail(petr.email))!.id;
    const told = collect(visitor.socket, 'conversation:updated');
    const jana = await operatorConsole(server);
    const janaSees = collect(jana.socket, 'conversation:updated');

    for (const [event, payload] of [
      ['conversation:details', { conversationId }],
      ['note:add', { conversationId, clientId: clientId(), body: 'sneaky note' }],
      ['conversation:assign', { conversationId, operatorId: petrId }],
      ['conversation:assign', { conversationId, operatorId: null }],
      ['conversation:resolve', { conversationId, followUpAt: null }],
      ['conversation:reopen', { conversationId }],
      ['conversation:promise', { conversationId, at: inAnHour() }],
      ['conversation:follow-up', { conversationId, at: inAnHour() }],
    ] as const) {
      expect(await call(other.socket, event, payload), event).toEqual({
        ok: false,
        error: { code: 'conversation_not_found', message: 'This conversation was not found.' },
      });
    }
    const details = await callOk<ConversationDetailsResult>(jana.socket, 'conversation:details', { conversationId });
    expect(details.events).toEqual([]);
    expect(details.conversation).toMatchObject({ status: 'open', assigneeId: null, updateBy: null, followUpAt: null });
    expect(told).toEqual([]);
    expect(janaSees).toEqual([]);
  });
});
