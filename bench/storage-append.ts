/**
 * appendMessage latency on SQLite: WAL checkpoints in a worker thread (the default) versus SQLite's own
 * auto-checkpoint inside commits on the main thread. Prints p50/p99 of each and the p99 ratio.
 * Run: npx tsx bench/storage-append.ts [appends=5000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqlite, type SqliteOptions } from '../server/storage/index.ts';

const appends = Number(process.argv[2] ?? 5000);
const now = '2025-03-01T09:00:00.000Z';
const body = 'Dobrý den, chtěla bych se zeptat, jestli máte otevřeno i v sobotu dopoledne. Děkuji!';

import { percentile, type Figures } from './figures.ts';

async function measure(walCheckpoint: SqliteOptions['walCheckpoint']): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-bench-'));
  const store = await openSqlite(join(dir, 'porchlight.db'), { walCheckpoint });
  try {
    await store.migrate();
    const site = await store.ensureSite({ key: 'bench', name: 'Bench', now });
    // Several conversations, as in a real inbox: appends land in different rows and index pages.
    const conversationIds: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const visitor = await store.createVisitor({ siteId: site.id, tokenHash: `token-${i}`, displayName: `Visitor ${i}`, now });
      conversationIds.push((await store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now })).id);
    }
    const latencies: number[] = [];
    for (let i = 0; i < appends; i += 1) {
      const conversationId = conversationIds[i % conversationIds.length] ?? '';
      const started = performance.now();
      await store.appendMessage({ conversationId, clientId: `bench-${i}-xxxx`, author: 'visitor', operatorId: null, body, now });
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStorageAppend(): Promise<void> {
  const format = (ms: number) => `${(ms * 1000).toFixed(0).padStart(6)} µs`;
  const worker = await measure('worker');
  const auto = await measure('auto');
  console.log(`SQLite appendMessage, ${appends} sequential appends`);
  console.log(`  checkpoint worker:        p50 ${format(worker.p50)}  p99 ${format(worker.p99)}  max ${format(worker.max)}`);
  console.log(`  main-thread autocheckpoint: p50 ${format(auto.p50)}  p99 ${format(auto.p99)}  max ${format(auto.max)}`);
  console.log(`  p99 ratio (auto / worker): ${(auto.p99 / worker.p99).toFixed(2)}×`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStorageAppend();
