import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createKyselyStore } from './kysely-store.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';
import { type WalCheckpointer, type WalCheckpointerOptions, startWalCheckpointer } from './wal-checkpointer.ts';

export interface SqliteOptions {
  /**
   * 'worker' (default): checkpoints run in a worker thread (wal-checkpointer.ts). 'auto': SQLite's own
   * auto-checkpoint inside commits on the main thread; kept for comparison (bench/storage-append.ts).
   */
  walCheckpoint?: 'worker' | 'auto';
  checkpointer?: WalCheckpointerOptions;
}

/**
 * Opens (creating it and its directory when needed) the SQLite database at `file` as a Store.
 * Call `migrate()` before use.
 */
export async function openSqlite(file: string, options: SqliteOptions = {}): Promise<Store> {
  const isMemory = file === ':memory:';
  if (!isMemory) mkdirSync(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  let checkpointer: WalCheckpointer | undefined;
  try {
    database.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commits.
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    // better-sqlite3 waits synchronously; this only matters when another process holds the write lock.
    database.pragma('busy_timeout = 5000');
    if (!isMemory && options.walCheckpoint !== 'auto') {
      database.pragma('wal_autocheckpoint = 0');
      checkpointer = startWalCheckpointer(file, options.checkpointer);
    }
  } catch (error) {
    database.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return createKyselyStore(db, 'sqlite', {
    // After the main connection is closed, so the worker's TRUNCATE finds no readers and its close (as the
    // last connection) removes the WAL file.
    onClose: async () => checkpointer?.stop(),
  });
}
