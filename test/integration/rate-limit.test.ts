import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/index.ts';
import { call, callOk, clientId, closeAllSockets, newVisitor } from '../helpers/clients.ts';
import { startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllSockets();
  await server.destroy();
});

describe('rate limits on the visitor socket', () => {
  it('refuses a flood of messages with rate_limited, storing only those accepted', async () => {
    const visitor = await newVisitor(server.url);
    const results = [];
    for (let i = 0; i < 40; i += 1) results.push(await call(visitor.socket, 'message:send', { clientId: clientId(), body: `flood ${i}` }));
    const accepted = results.filter((r) => r.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(20);
    expect(accepted).toBeLessThan(40);
    expect(results.at(-1)).toEqual({ ok: false, error: { code: 'rate_limited', message: 'Too many requests. Please wait a moment and try again.' } });
    const sync = await callOk<{ messages: Message[] }>(visitor.socket, 'conversation:sync', { afterSeq: 0 });
    expect(sync.messages).toHaveLength(accepted);
  });
});
