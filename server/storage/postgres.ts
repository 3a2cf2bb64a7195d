import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createKyselyStore } from './kysely-store.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';

export interface PostgresOptions {
  /** Every connection works in this schema (search_path); tests use one schema each for isolation. */
  schema?: string;
  /** Pool size; 10 by default. */
  maxConnections?: number;
  /** Where errors of idle pooled connections are reported; stderr by default. */
  onError?: (message: string) => void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens a pool to the Postgres database at `url` as a Store. Call `migrate()` before use. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Store> {
  const { schema } = options;
  // The value goes into a libpq startup option, where quoting rules differ from SQL: allow plain names only.
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new RangeError(`Invalid Postgres schema name: ${schema}`);
  const onError = options.onError ?? ((message: string) => process.stderr.write(`${message}\n`));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // A pooled idle connection that the server drops emits 'error' on the pool; unhandled, it would crash the
  // process. The pool replaces the connection on next use.
  pool.on('error', (error) => onError(`porchlight: Postgres connection error: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return createKyselyStore(db, 'postgres');
}
