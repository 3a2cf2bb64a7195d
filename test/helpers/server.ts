import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
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
