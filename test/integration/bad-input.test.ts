import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, type Message } from '../../shared/index.ts';
import { call, callOk, clientId, closeAllSockets, newOperator, newVisitor } from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => closeAllSockets());
afterAll(async () => {
  await server.destroy();
});

const ok = (body: string) => ({ clientId: clientId(), body });

describe('bad input gets a clear error and loses nothing', () => {
  it('refuses empty and blank messages', async () => {
    const visitor = await newVisitor(server.url);
    for (const body of ['', '   ', '\n\t']) {
      expect(await call(visitor.socket, 'message:send', ok(body))).toEqual({
        ok: false,
        error: { code: 'message_empty', message: 'A message cannot be empty.' },
      });
    }
  });

  it(`accepts ${LIMITS.messageLength} characters and refuses one more, stating the limit`, async () => {
    const visitor = await newVisitor(server.url);
    const longest = await callOk<{ message: Message }>(visitor.socket, 'message:send', ok('a'.repeat(LIMITS.messageLength)));
    expect(longest.message.body).toHaveLength(LIMITS.messageLength);
    expect(await call(visitor.socket, 'message:send', ok('a'.repeat(LIMITS.messageLength + 1)))).toEqual({
      ok: false,
      error: { code: 'message_too_long', message: 'A message can be at most 4,000 characters long.' },
    });
  });

  it('refuses wrong types, missing fields and malformed client ids with invalid_payload naming the field', async () => {
    const visitor = await newVisitor(server.url);
    const cases: Array<[unknown, string]> = [
      [{ clientId: clientId(), body: 42 }, 'body'],
      [{ body: 'no id' }, 'clientId'],
      [{ clientId: 'short', body: 'x' }, 'clientId'],
      [{ clientId: 'has spaces and <html>', body: 'x' }, 'clientId'],
      ['just a string', 'payload'],
      [null, 'payload'],
    ];
    for (const [payload, field] of cases) {
      const result = await call(visitor.socket, 'message:send', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      if (!result.ok) expect(result.error.message).toContain(field);
    }
    expect(await call(visitor.socket, 'conversation:sync', { afterSeq: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await call(visitor.socket, 'conversation:sync', { afterSeq: 1.5 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('refuses text the databases would alter: NUL bytes and lone surrogates', async () => {
    const visitor = await newVisitor(server.url);
    for (const body of ['before\u0000after', 'broken \ud800 pair', 'end \udfff']) {
      expect(await call(visitor.socket, 'message:send', ok(body))).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
  });

  it('stores hostile and unusual text exactly as written', async () => {
    const visitor = await newVisitor(server.url);
    const bodies = ['<script>alert(1)</script>', "'; DROP TABLE messages; --", '👩‍👩‍👧‍👦 Ünïcödé ✓', 'مرحبا بالعالم', '\u2028line\u2029separators'];
    for (const body of bodies) await callOk(visitor.socket, 'message:send', ok(body));
    const sync = await callOk<{ messages: Message[] }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).toEqual(bodies);
  });

  it('answers unknown events with unknown_event, and the socket keeps working', async () => {
    const visitor = await newVisitor(server.url);
    expect(await call(visitor.socket, 'admin:delete-everything', {})).toEqual({
      ok: false,
      error: { code: 'unknown_event', message: 'The event "admin:delete-everything" is not known to the server.' },
    });
    expect(await call(visitor.socket, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    expect(await call(visitor.socket, 'toString', {})).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
    await callOk(visitor.socket, 'message:send', ok('still here'));
  });

  it('survives a payload far over the size limit: that socket is dropped, the server and the data stay', async () => {
    const operator = await newOperator(server.url);
    const visitor = await newVisitor(server.url);
    const kept = await callOk<{ message: Message }>(visitor.socket, 'message:send', ok('kept'));
    const dropped = new Promise((resolve) => visitor.socket.once('disconnect', resolve));
    // Untyped on purpose: no well-behaved client would send this, so the typed emit has no form for it.
    (visitor.socket as unknown as { emit(event: string, payload: unknown): void }).emit('message:send', ok('x'.repeat(200_000)));
    await dropped;
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const sync = await callOk<{ messages: Message[] }>(operator.socket, 'conversation:sync', { conversationId: kept.message.conversationId, afterSeq: 0 });
    expect(sync.messages.map((m) => m.body)).toEqual(['kept']);
  });

  it('operator events validate the same way', async () => {
    const operator = await newOperator(server.url);
    expect(await call(operator.socket, 'message:send', { conversationId: 'x', clientId: clientId(), body: '' })).toMatchObject({
      ok: false,
      error: { code: 'message_empty' },
    });
    expect(await call(operator.socket, 'conversation:sync', { conversationId: 'does-not-exist', afterSeq: 0 })).toMatchObject({
      ok: false,
      error: { code: 'conversation_not_found' },
    });
    expect(await call(operator.socket, 'nonsense', 1, 2, 3)).toMatchObject({ ok: false, error: { code: 'unknown_event' } });
  });

  it('unknown HTTP routes answer 404 not_found in the same error shape', async () => {
    const response = await fetch(`${server.url}/api/v1/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'This was not found.' } });
  });
});
