import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { migrationProvider } from './migrations.ts';
import { openSqlite } from './sqlite.ts';
import type { Store } from './store.ts';
import { describeStoreContract } from './store-contract.ts';
import { startWalCheckpointer, type WalCheckpointResult } from './wal-checkpointer.ts';

const temporaryDirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-sqlite-'));
  temporaryDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-sqlite-'));
  // A nested path also checks that openSqlite creates the parent directory.
  const file = join(dir, 'data', 'porchlight.db');
  const stores: Store[] = [];
  const databases: Kysely<any>[] = [];
  const open = async () => {
    const store = await openSqlite(file);
    stores.push(store);
    return store;
  };
  return {
    store: await open(),
    reopen: open,
    openDatabase: async () => {
      const database = new BetterSqlite3(file);
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 5000');
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
      databases.push(db);
      return { db };
    },
    cleanup: async () => {
      await Promise.all(databases.map((db) => db.destroy()));
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite', () => {
  it('[ST2] migrate is safe when several processes start at once', async () => {
    const file = join(temporaryDir(), 'porchlight.db');
    const child = fileURLToPath(new URL('./fixtures/migrate-sqlite.ts', import.meta.url));
    const run = promisify(execFile);
    await Promise.all(Array.from({ length: 3 }, () => run(process.execPath, ['--import', 'tsx', child, file], { timeout: 45_000 })));
    const db = new BetterSqlite3(file, { readonly: true });
    const migrations = db.prepare('select name from kysely_migration order by name').all();
    const tables = db.prepare("select name from sqlite_master where type = 'table' and name = 'messages'").all();
    db.close();
    expect(migrations).toEqual(await everyMigration());
    expect(tables).toHaveLength(1);
  }, 60_000);

  describe('WAL checkpoints in a worker', () => {
    async function openWithCheckpoints(file: string, options: { truncateAboveFrames?: number } = {}) {
      const checkpoints: WalCheckpointResult[] = [];
      const store = await openSqlite(file, {
        checkpointer: { ...options, intervalMs: 50, onCheckpoint: (result) => checkpoints.push(result) },
      });
      await store.migrate();
      const site = await store.ensureSite({ key: 'shop', name: 'Shop', now: '2025-03-01T09:00:00.000Z' });
      const visitor = await store.createVisitor({ siteId: site.id, tokenHash: 't', displayName: 'V', now: '2025-03-01T09:00:00.000Z' });
      const { id } = await store.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now: '2025-03-01T09:00:00.000Z' });
      let n = 0;
      const writeBatch = async (count: number) => {
        for (let i = 0; i < count; i += 1) {
          n += 1;
          await store.appendMessage({
            conversationId: id,
            clientId: `client-${n}`.padEnd(8, '0'),
            author: 'visitor',
            operatorId: null,
            body: 'x'.repeat(500),
            now: '2025-03-01T09:00:00.000Z',
          });
        }
      };
      /** Resolves with the first checkpoint, from now on, that matches. */
      const untilCheckpoint = async (matches: (result: WalCheckpointResult) => boolean) => {
        const from = checkpoints.length;
        return vi.waitFor(
          () => {
            const found = checkpoints.slice(from).find(matches);
            if (found === undefined) throw new Error('no matching checkpoint yet');
            return found;
          },
          { timeout: 8000, interval: 20 },
        );
      };
      return { store, checkpoints, writeBatch, untilCheckpoint };
    }

    it('[SQ1] the worker copies the WAL into the database and truncates it once it is large', async () => {
      const file = join(temporaryDir(), 'porchlight.db');
      const threshold = 100;
      const { store, writeBatch, checkpoints } = await openWithCheckpoints(file, { truncateAboveFrames: threshold });
      for (let round = 0; round < 3; round += 1) await writeBatch(100);
      // wal_autocheckpoint is off on the main connection, so only the worker copies and truncates.
      await vi.waitFor(() => expect(checkpoints.some((c) => c.mode === 'TRUNCATE' && c.busy === 0)).toBe(true), { timeout: 8000, interval: 20 });
      expect(checkpoints.some((c) => c.mode === 'PASSIVE' && c.checkpointed > 0 && c.checkpointed === c.log)).toBe(true);
      // Once writes stop, the file is either truncated or below the threshold: it never grows without bound.
      // (Whether it ends at 0 depends on where SQLite last reset the WAL, so the bound is what is asserted.)
      const frameBytes = 4096 + 24;
      await vi.waitFor(() => expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(32 + threshold * frameBytes), { timeout: 8000, interval: 20 });
      await store.close();
    });

    it('[SQ1] a WAL below the truncation threshold is checkpointed but left for writers to reuse', async () => {
      const file = join(temporaryDir(), 'porchlight.db');
      const { store, writeBatch, untilCheckpoint } = await openWithCheckpoints(file, { truncateAboveFrames: 1_000_000 });
      await writeBatch(20);
      const size = statSync(`${file}-wal`).size;
      const result = await untilCheckpoint((c) => c.busy === 0 && c.log > 0 && c.checkpointed === c.log);
      expect(result.mode).toBe('PASSIVE');
      expect(statSync(`${file}-wal`).size).toBe(size);
      await store.close();
    });

    it('[SQ2] close truncates the WAL, stops the worker and removes the WAL file', async () => {
      const file = join(temporaryDir(), 'porchlight.db');
      const { store, checkpoints, writeBatch } = await openWithCheckpoints(file);
      await writeBatch(50);
      await store.close();
      expect(checkpoints.at(-1)).toMatchObject({ mode: 'TRUNCATE', busy: 0 });
      expect(existsSync(`${file}-wal`)).toBe(false);
    });

    it('[SQ2] stop() leaves no running worker thread', async () => {
      const file = join(temporaryDir(), 'porchlight.db');
      const store = await openSqlite(file, { walCheckpoint: 'auto' });
      await store.migrate();
      const checkpointer = startWalCheckpointer(file, { intervalMs: 10 });
      expect(checkpointer.isRunning).toBe(true);
      await checkpointer.stop();
      expect(checkpointer.isRunning).toBe(false);
      await checkpointer.stop();
      await store.close();
    });

    it('[SQ3] a worker that cannot open the database reports it and exits without crashing the process', async () => {
      const errors: string[] = [];
      const checkpointer = startWalCheckpointer(join(temporaryDir(), 'missing.db'), { intervalMs: 10, onError: (m) => errors.push(m) });
      await vi.waitFor(() => expect(checkpointer.isRunning).toBe(false), { timeout: 5000 });
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/WAL checkpoint worker start failed/);
      await checkpointer.stop();
    });
  });
});

/** Every migration in code, by name: each applied exactly once, whatever order they were added in. */
async function everyMigration(): Promise<Array<{ name: string }>> {
  return Object.keys(await migrationProvider.getMigrations())
    .sort()
    .map((name) => ({ name }));
}
