import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres } from './postgres.ts';
import { migrationProvider } from './migrations.ts';
import type { Store } from './store.ts';
import { describeStoreContract, type StoreFixture } from './store-contract.ts';

// Never skipped: when Postgres is unreachable every test fails (start it with
// `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`).
const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5000 });
afterAll(() => admin.end());

/** A fresh schema per fixture, so tests (and test files running in parallel) never see each other's rows. */
async function makeStore(): Promise<StoreFixture & { schema: string }> {
  const schema = `porchlight_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  const stores: Store[] = [];
  const databases: Kysely<any>[] = [];
  const open = async () => {
    const store = await openPostgres(url, { schema });
    stores.push(store);
    return store;
  };
  return {
    schema,
    store: await open(),
    reopen: open,
    openDatabase: async () => {
      const pool = new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` });
      const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
      databases.push(db);
      return { db, migrationTableSchema: schema };
    },
    cleanup: async () => {
      await Promise.all(databases.map((db) => db.destroy()));
      await Promise.all(stores.map((store) => store.close()));
      await admin.query(`drop schema ${schema} cascade`);
    },
  };
}

describeStoreContract('postgres', makeStore);

describe('Postgres', () => {
  it('[ST2] migrate is safe when several processes start at once', async () => {
    const fixture = await makeStore();
    try {
      // Separate pools stand in for separate processes: kysely's advisory lock serialises them.
      const others = await Promise.all([fixture.reopen(), fixture.reopen()]);
      await Promise.all([fixture.store.migrate(), ...others.map((store) => store.migrate())]);
      const migrations = await admin.query(`select name from ${fixture.schema}.kysely_migration order by name`);
      expect(migrations.rows).toEqual(await everyMigration());
      expect(await fixture.store.countOperators()).toBe(0);
    } finally {
      await fixture.cleanup();
    }
  });

  it('[ST12] appends from two nodes to one conversation get gap-free seqs', async () => {
    const fixture = await makeStore();
    try {
      const a = fixture.store;
      await a.migrate();
      const b = await fixture.reopen();
      const now = '2025-03-01T09:00:00.000Z';
      const site = await a.ensureSite({ key: 'shop', name: 'Shop', now });
      const visitor = await a.createVisitor({ siteId: site.id, tokenHash: 't', displayName: 'V', now });
      const conversation = await b.ensureVisitorConversation({ siteId: site.id, visitorId: visitor.id, now });
      // Every clientId is sent once to each node, as a client retrying against another node would.
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          [a, b].map((store) =>
            store.appendMessage({ conversationId: conversation.id, clientId: `client-${i}-x`, author: 'visitor', operatorId: null, body: `${i}`, now }),
          ),
        ).flat(),
      );
      expect(results.filter((r) => r.created)).toHaveLength(40);
      const page = await a.listMessages(conversation.id, { afterSeq: 0, limit: 100 });
      expect(page.messages.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await fixture.cleanup();
    }
  });
});

/** Every migration in code, by name: each applied exactly once, whatever order they were added in. */
async function everyMigration(): Promise<Array<{ name: string }>> {
  return Object.keys(await migrationProvider.getMigrations())
    .sort()
    .map((name) => ({ name }));
}
