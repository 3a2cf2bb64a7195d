import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/auth/password.ts';
import { SESSION_COOKIE } from '../../server/auth/session-cookie.ts';
import { createToken, hashToken } from '../../server/auth/tokens.ts';
import { buildServer } from '../../server/app.ts';
import type { Clock } from '../../server/clock.ts';
import { parseConfig, type Config } from '../../server/config.ts';
import { seed } from '../../server/seed.ts';
import { createStore, type Store } from '../../server/storage/index.ts';

export const OPERATOR = { email: 'jana@example.com', password: 'correct-horse-battery', name: 'Jana' } as const;

export interface TestServer {
  url: string;
  port: number;
  app: FastifyInstance;
  store: Store;
  config: Config;
  clock: Clock;
  dataDir: string;
  /** Closes the server and its database, keeping the data directory. */
  stop(): Promise<void>;
  /** Stops, then starts a new server process-alike on the same port and database file. */
  restart(): Promise<TestServer>;
  /** Stops and deletes the data directory. */
  destroy(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  port?: number;
  clock?: Clock;
  env?: Record<string, string>;
  /** Serve dist/public and demo-site, as `npm start` does. */
  withStatic?: { publicDir: string; demoDir: string };
  /** Internal: whether this server made (and so deletes) its data directory. */
  ownsDataDir?: boolean;
}

/**
 * Starts the real server on a free port with a real SQLite file in a temporary directory, seeded the way a
 * first start is (demo site, one operator), exactly as server/main.ts does it.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.ownsDataDir ?? options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'porchlight-test-'));
  const parsed = parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...options.env });
  if (!parsed.ok) throw new Error(parsed.error);
  const config = parsed.config;
  const clock = options.clock ?? { now: () => new Date() };
  const store = await createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  await store.migrate();
  await seed(store, clock, OPERATOR);
  const app = await buildServer({ config, store, clock, ...(options.withStatic ? { static: options.withStatic } : {}) });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let stopped = false;
  /** After restart() the new server owns the data directory; this handle must not delete it. */
  let handedOver = false;
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    store,
    config,
    clock,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      await store.close();
    },
    async restart() {
      await server.stop();
      handedOver = true;
      return startServer({ ...options, dataDir, port, ownsDataDir });
    },
    async destroy() {
      await server.stop();
      if (ownsDataDir && !handedOver) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** The real server serving the built bundles and the demo site, as `npm start` does (`npm run build` first). */
export function startSiteServer(options: Omit<StartOptions, 'withStatic'> = {}): Promise<TestServer> {
  const root = new URL('../..', import.meta.url).pathname;
  return startServer({ ...options, withStatic: { publicDir: join(root, 'dist', 'public'), demoDir: join(root, 'demo-site') } });
}

/** Another operator account, a member of the site with this key (created when missing), for multi-operator tests. */
export async function addOperator(
  store: Store,
  input: { email: string; name: string; password: string; siteKey?: string; role?: 'owner' | 'operator' },
): Promise<{ id: string; siteId: string; email: string; password: string; name: string }> {
  const now = new Date().toISOString();
  const siteKey = input.siteKey ?? 'demo';
  const site = await store.ensureSite({ key: siteKey, name: siteKey === 'demo' ? 'Demo tea shop' : `Shop ${siteKey}`, now });
  const existing = await store.getOperatorByEmail(input.email);
  const operator =
    existing ?? (await store.createOperator({ email: input.email, name: input.name, passwordHash: await hashPassword(input.password), now }));
  await store.addOperatorToSite({ operatorId: operator.id, siteId: site.id, role: input.role ?? 'operator' });
  return { id: operator.id, siteId: site.id, email: input.email, password: input.password, name: input.name };
}

/** A clock tests move by hand: starts at `start`, changes only when told. */
export function steerableClock(start: Date) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/**
 * A session cookie for an operator, made the way the login route makes one but without going through it:
 * for tests about something else, which would otherwise run into the login rate limit (20 a minute).
 */
export async function sessionCookie(server: TestServer, email: string = OPERATOR.email): Promise<string> {
  const operator = await server.store.getOperatorByEmail(email);
  if (!operator) throw new Error(`no operator ${email}`);
  const token = createToken();
  const now = server.clock.now();
  await server.store.createSession({
    tokenHash: hashToken(token),
    operatorId: operator.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + server.config.sessionTtlMs).toISOString(),
  });
  return `${SESSION_COOKIE}=${token}`;
}
