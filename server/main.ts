/**
 * The entry point: reads the environment, opens the database, seeds a first start, listens, and shuts down
 * cleanly on SIGINT/SIGTERM. Everything else is built from parts in app.ts.
 */
import { fileURLToPath } from 'node:url';
import { buildServer } from './app.ts';
import { systemClock } from './clock.ts';
import { parseConfig } from './config.ts';
import { defaultStaticOptions } from './http/static-routes.ts';
import { seed, seedDemoPages } from './seed.ts';
import { createStore } from './storage/index.ts';

const SHUTDOWN_LIMIT_MS = 5000;

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  console.error(`Porchlight cannot start: ${parsed.error}`);
  process.exit(1);
}
const { config } = parsed;

let store;
try {
  store = await createStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  await store.migrate();
} catch (err) {
  const where = config.databaseUrl ? 'the Postgres database at DATABASE_URL' : `the SQLite database in ${config.dataDir}`;
  console.error(`Porchlight cannot start: ${where} could not be opened (${(err as Error).message}).`);
  process.exit(1);
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const app = await buildServer({ config, store, clock: systemClock, static: defaultStaticOptions(projectRoot) });

const seeded = await seed(store, systemClock, {
  email: config.adminEmail,
  password: config.adminPassword,
  name: config.adminName,
});
// After the first operator exists, so they own the demo's second site too.
await seedDemoPages(store, systemClock);
if (seeded.createdOperator) {
  const lines = [`First operator created: ${config.adminEmail}`];
  if (seeded.generatedPassword) lines.push(`Password (shown only now, write it down): ${seeded.generatedPassword}`);
  console.log(`\n  ${lines.join('\n  ')}\n`);
}

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => {
    console.error(`Porchlight did not shut down within ${SHUTDOWN_LIMIT_MS / 1000} s; exiting.`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS);
  timer.unref();
  try {
    await app.close();
    await store!.close();
    process.exit(0);
  } catch (err) {
    console.error('Porchlight failed to shut down cleanly:', err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const address = await app.listen({ port: config.port, host: config.host });
  console.log(`Porchlight is listening on ${address} (${store.dialect}); open ${config.publicUrl}/ and ${config.publicUrl}/console/`);
} catch (err) {
  console.error(`Porchlight cannot start: could not listen on ${config.host}:${config.port} (${(err as Error).message}).`);
  await store.close();
  process.exit(1);
}
