import { join } from 'node:path';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';
import type { Store } from './store.ts';

export type {
  AppendResult,
  ConversationChange,
  ContinueLinkRecord,
  Dialect,
  MailCursor,
  MailRecord,
  MailStatus,
  MessagePage,
  NewMail,
  NewMessage,
  OperatorRecord,
  SessionRecord,
  Store,
  StoredSettings,
  VisitInput,
  VisitorProfileUpdate,
  VisitorRecord,
} from './store.ts';
export { StoreConflictError, StoreNotFoundError } from './store.ts';
export { openPostgres, type PostgresOptions } from './postgres.ts';
export { openSqlite, type SqliteOptions } from './sqlite.ts';

export interface StoreConfig {
  /** Directory of the embedded database, used when no databaseUrl is given. */
  dataDir: string;
  /** A postgres:// URL; when set, Postgres is used instead of SQLite. */
  databaseUrl?: string | undefined;
}

/**
 * Opens the configured database: Postgres when `databaseUrl` is set, else SQLite at
 * `${dataDir}/porchlight.db`. The store is not migrated yet: call `migrate()` on start.
 */
export async function createStore({ dataDir, databaseUrl }: StoreConfig): Promise<Store> {
  if (databaseUrl !== undefined && databaseUrl !== '') return openPostgres(databaseUrl);
  return openSqlite(join(dataDir, 'porchlight.db'));
}
