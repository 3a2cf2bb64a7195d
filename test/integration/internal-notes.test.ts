import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationDetailsResult, Message } from '../../shared/index.ts';
import {
  callOk,
  clientId,
  closeAllSockets,
  newVisitor,
  nextEvent,
  operatorConsole,
  recordEverything,
  visitorTab,
} from '../helpers/clients.ts';
import { addOperator, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
const eva = { email: 'eva@example.com', password: 'eva-long-password', name: 'Eva' };

beforeAll(async () => {
  server = await startServer();
  await addOperator(server.store, eva);
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.destroy();
});

describe('internal notes never reach a visitor', () => {
  it('not a note, not a handoff note: nothing the visitor receives in any tab, live or on sync, contains them', async () => {
    const NOTE = 'INTERNAL-NOTE-7f3a: refund approved by Jana, do not mention the supplier';
    const HANDOFF = 'INTERNAL-HANDOFF-9c1d: Eva knows the wholesale prices';
    const jana = await operatorConsole(server);
    const evaConsole = await operatorConsole(server, eva.email);
    const evaId = (await server.store.getOperatorByEmail(eva.email))!.id;
    const visitor = await newVisitor(server.url);
    const secondTab = await visitorTab(server.url, visitor.token);
    const received = [visitor.socket, secondTab].map((socket) => recordEverything(socket));

    const first = await callOk<{ message: Message }>(visitor.socket, 'message:send', { clientId: clientId(), body: 'My order arrived broken' });
    const conversationId = first.message.conversationId;
    await callOk(jana.socket, 'note:add', { conversationId, clientId: clientId(), body: NOTE });
    const handedOver = nextEvent(evaConsole.socket, 'conversation:updated');
    await callOk(jana.socket, 'conversation:assign', { conversationId, operatorId: evaId, note: HANDOFF });
    await handedOver;
    // Things the visitor is meant to see, so the recording is known to work: an answer and a resolve.
    await callOk(evaConsole.socket, 'message:send', { conversationId, clientId: clientId(), body: 'So sorry! A new one is on its way.' });
    const resolvedSeen = nextEvent(visitor.socket, 'conversation:updated');
    await callOk(evaConsole.socket, 'conversation:resolve', { conversationId, followUpAt: null });
    await resolvedSeen;
    const syncs = [
      await callOk(visitor.socket, 'conversation:sync', { afterSeq: 0 }),
      await callOk(secondTab, 'conversation:sync', { afterSeq: 0 }),
    ];
    await new Promise((r) => setTimeout(r, 100));

    // The operators have both notes, so they were stored.
    const details = await callOk<ConversationDetailsResult>(evaConsole.socket, 'conversation:details', { conversationId });
    expect(details.events.map((e) => e.body)).toEqual(expect.arrayContaining([NOTE, HANDOFF]));

    const everything = JSON.stringify({ received, syncs });
    expect(received[0]!.map((r) => r.event)).toEqual(expect.arrayContaining(['message:created', 'conversation:updated']));
    expect(everything).toContain('So sorry! A new one is on its way.');
    for (const secret of [NOTE, HANDOFF, 'INTERNAL-NOTE', 'INTERNAL-HANDOFF']) expect(everything).not.toContain(secret);
    // Nor the handoff itself: assignments are the operators' business.
    for (const field of ['assigneeId', 'targetOperatorId', '"kind"']) expect(everything).not.toContain(field);
    expect(received.flat().map((r) => r.event)).not.toContain('note:added');
  });
});
