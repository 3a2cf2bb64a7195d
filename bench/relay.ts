/**
 * End-to-end relay latency: a visitor's message, from `message:send` until an operator's console receives
 * `message:created`, through the real server (Fastify + Socket.IO on port 0) and a real SQLite file.
 * Measured twice in one process: with WAL checkpoints in a worker thread (what Porchlight does) and with
 * SQLite's default auto-checkpoint inside commits on the main thread (the baseline).
 * Run: npx tsx bench/relay.ts [messages=3000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { buildServer } from '../server/app.ts';
import { hashPassword } from '../server/auth/password.ts';
import { createToken, hashToken } from '../server/auth/tokens.ts';
import { parseConfig } from '../server/config.ts';
import { openSqlite, type SqliteOptions } from '../server/storage/index.ts';
import { PROTOCOL_VERSION } from '../shared/index.ts';
import { percentile, type Figures } from './figures.ts';

const messages = Number(process.argv[2] ?? 3000);
const VISITORS = 100;

async function measure(walCheckpoint: SqliteOptions['walCheckpoint']): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-bench-'));
  const parsed = parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dir });
  if (!parsed.ok) throw new Error(parsed.error);
  const store = await openSqlite(join(dir, 'porchlight.db'), { walCheckpoint });
  const clock = { now: () => new Date() };
  const sockets: Socket[] = [];
  const app = await buildServer({ config: parsed.config, store, clock });
  try {
    await store.migrate();
    const now = new Date().toISOString();
    const site = await store.ensureSite({ key: 'bench', name: 'Bench', now });
    const operator = await store.createOperator({ email: 'bench@example.com', name: 'Bench', passwordHash: await hashPassword('bench-password'), now });
    await store.addOperatorToSite({ operatorId: operator.id, siteId: site.id, role: 'owner' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const console_ = io(`${url}/operator`, { auth: { v: PROTOCOL_VERSION }, extraHeaders: { cookie }, transports: ['websocket'], forceNew: true });
    sockets.push(console_);
    await new Promise<void>((resolve) => console_.once('connect', () => resolve()));

    // Visitors made directly in the store: the handshake's new-visitor rate limit is not what is measured.
    const visitors: Socket[] = [];
    for (let i = 0; i < VISITORS; i += 1) {
      const token = createToken();
      await store.createVisitor({ siteId: site.id, tokenHash: hashToken(token), displayName: `Visitor ${i}`, now });
      const socket = io(`${url}/visitor`, { auth: { v: PROTOCOL_VERSION, siteKey: 'bench', token }, transports: ['websocket'], forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      visitors.push(socket);
    }

    const waiting = new Map<string, () => void>();
    console_.on('message:created', ({ message }: { message: { clientId: string } }) => waiting.get(message.clientId)?.());

    const latencies: number[] = [];
    for (let i = 0; i < messages; i += 1) {
      const clientId = `bench-${walCheckpoint}-${i}`;
      const received = new Promise<void>((resolve) => waiting.set(clientId, resolve));
      const started = performance.now();
      visitors[i % VISITORS]!.emit('message:send', { clientId, body: `Dobrý den, otázka číslo ${i}: máte otevřeno i v sobotu?` }, () => {});
      await received;
      latencies.push(performance.now() - started);
      waiting.delete(clientId);
      // Rate limits allow each visitor 2 messages a second after a burst of 20; pace to stay under them.
      if ((i + 1) % (VISITORS * 15) === 0) await new Promise((r) => setTimeout(r, 8000));
    }
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN };
  } finally {
    for (const socket of sockets) socket.disconnect();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchRelay(): Promise<void> {
  const worker = await measure('worker');
  const auto = await measure('auto');
  const ms = (v: number) => `${v.toFixed(2).padStart(7)} ms`;
  console.log(`Relay visitor → operator, ${messages} messages from ${VISITORS} visitors, SQLite`);
  console.log(`  checkpoints in a worker (Porchlight): p50 ${ms(worker.p50)}  p99 ${ms(worker.p99)}  max ${ms(worker.max)}`);
  console.log(`  main-thread autocheckpoint (baseline): p50 ${ms(auto.p50)}  p99 ${ms(auto.p99)}  max ${ms(auto.max)}`);
  console.log(`  p99 baseline / Porchlight: ${(auto.p99 / worker.p99).toFixed(2)}×`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRelay();
