import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { ConversationSummary, Message, Site, VisitorConversation } from '../../shared/index.ts';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors.ts';
import { migrateToLatest } from './migrations.ts';
import type { Database, VisitorsTable } from './schema.ts';
import {
  type AppendResult,
  type Dialect,
  type NewMessage,
  type OperatorRecord,
  type SessionRecord,
  type Store,
  StoreConflictError,
  StoreNotFoundError,
  type VisitorRecord,
} from './store.ts';

export interface KyselyStoreOptions {
  /** Runs after the Kysely instance is destroyed (e.g. stops the SQLite checkpoint worker). */
  onClose?: () => Promise<void>;
  /** Makes row ids; crypto.randomUUID by default. */
  newId?: () => string;
}

/** How often a write that lost a race on a unique index is retried before the error is surfaced. */
const MAX_WRITE_ATTEMPTS = 3;

/**
 * The one Store implementation, over either dialect. SQL differs in three places only: write transactions
 * (BEGIN IMMEDIATE on SQLite, row lock on Postgres), GREATEST/LEAST versus SQLite's scalar MAX/MIN, and where
 * kysely keeps its migration bookkeeping.
 */
export function createKyselyStore(db: Kysely<Database>, dialect: Dialect, options: KyselyStoreOptions = {}): Store {
  const newId = options.newId ?? randomUUID;
  const running = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

  /** Remembers in-flight work so close() can wait for it (destroying SQLite mid-transaction would break it). */
  function tracked<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      const work = fn(...args);
      running.add(work);
      const forget = () => running.delete(work);
      work.then(forget, forget);
      return work;
    };
  }

  /**
   * Runs `fn` in a transaction that holds the write lock from its first statement.
   * SQLite: kysely opens transactions with a deferred BEGIN, which would take the write lock only at the first
   * write and could then fail with SQLITE_BUSY against another process; BEGIN IMMEDIATE waits (busy_timeout)
   * for the lock up front. Inside one process kysely's driver already serialises everything on its single
   * connection. Postgres: an ordinary transaction; callers lock the rows they depend on.
   */
  async function inWriteTransaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (dialect === 'postgres') return db.transaction().execute(fn);
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); the original error matters.
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  }

  function selectMessages(q: Kysely<Database>) {
    return q
      .selectFrom('messages')
      .leftJoin('operators', 'operators.id', 'messages.operator_id')
      .select([
        'messages.id',
        'messages.conversation_id',
        'messages.seq',
        'messages.client_id',
        'messages.author',
        'messages.operator_id',
        'messages.body',
        'messages.created_at',
        sql<string | null>`coalesce(operators.name, messages.author_name)`.as('author_name'),
      ]);
  }

  function selectSummaries(q: Kysely<Database>) {
    return q
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
      .leftJoin('messages as m', (join) => join.onRef('m.conversation_id', '=', 'c.id').onRef('m.seq', '=', 'c.last_seq'))
      .select((eb) => [
        'c.id',
        'c.site_id',
        'c.visitor_id',
        'v.display_name',
        'v.name as visitor_given_name',
        'c.reply_by',
        'c.last_seq',
        'c.visitor_seen_seq',
        'c.operator_seen_seq',
        'c.created_at',
        'c.updated_at',
        'm.author as last_author',
        'm.body as last_body',
        'm.created_at as last_created_at',
        eb
          .selectFrom('messages as u')
          .select((sub) => sub.fn.countAll().as('n'))
          .whereRef('u.conversation_id', '=', 'c.id')
          .where('u.author', '=', 'visitor')
          .whereRef('u.seq', '>', 'c.operator_seen_seq')
          .as('unread_count'),
      ]);
  }

  type MessageRow = Awaited<ReturnType<ReturnType<typeof selectMessages>['executeTakeFirstOrThrow']>>;
  type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['executeTakeFirstOrThrow']>>;

  function findMessageByClientId(q: Kysely<Database>, conversationId: string, clientId: string) {
    return selectMessages(q)
      .where('messages.conversation_id', '=', conversationId)
      .where('messages.client_id', '=', clientId)
      .executeTakeFirst();
  }

  async function appendInTransaction(trx: Kysely<Database>, input: NewMessage): Promise<AppendResult> {
    // The row lock makes concurrent appends to one conversation queue here, so each sees the previous one's
    // commit: seqs are assigned and committed in order, and a reader resuming from "seq > last" never skips.
    const conversation = await trx
      .selectFrom('conversations')
      .select(['id', 'last_seq'])
      .where('id', '=', input.conversationId)
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (conversation === undefined) throw new StoreNotFoundError(`Conversation ${input.conversationId} does not exist.`);

    const existing = await findMessageByClientId(trx, input.conversationId, input.clientId);
    if (existing !== undefined) return { message: toMessage(existing), created: false };

    let authorName: string | null = input.author === 'system' ? (input.authorName ?? null) : null;
    if (input.operatorId !== null) {
      const operator = await trx.selectFrom('operators').select('name').where('id', '=', input.operatorId).executeTakeFirst();
      if (operator === undefined) throw new StoreNotFoundError(`Operator ${input.operatorId} does not exist.`);
      authorName = operator.name;
    }

    const { last_seq: seq } = await trx
      .updateTable('conversations')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', 1),
        updated_at: input.now,
        // An answer keeps the promise made to the visitor.
        ...(input.author === 'operator' ? { reply_by: null } : {}),
      }))
      .where('id', '=', input.conversationId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    const message: Message = {
      id: newId(),
      conversationId: input.conversationId,
      seq,
      clientId: input.clientId,
      author: input.author,
      operatorId: input.operatorId,
      authorName,
      body: input.body,
      createdAt: input.now,
    };
    await trx
      .insertInto('messages')
      .values({
        id: message.id,
        conversation_id: message.conversationId,
        seq: message.seq,
        client_id: message.clientId,
        author: message.author,
        operator_id: message.operatorId,
        author_name: message.author === 'system' ? message.authorName : null,
        body: message.body,
        created_at: message.createdAt,
      })
      .execute();
    return { message, created: true };
  }

  async function getSiteByKey(key: string): Promise<Site | undefined> {
    return db.selectFrom('sites').select(['id', 'key', 'name']).where('key', '=', key).executeTakeFirst();
  }

  async function getVisitorConversation(visitorId: string, siteId?: string): Promise<VisitorConversation | undefined> {
    const row = await db
      .selectFrom('conversations')
      .select(['id', 'last_seq', 'visitor_seen_seq', 'operator_seen_seq'])
      .where('visitor_id', '=', visitorId)
      .$if(siteId !== undefined, (q) => q.where('site_id', '=', siteId as string))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : { id: row.id, lastSeq: row.last_seq, visitorSeenSeq: row.visitor_seen_seq, operatorSeenSeq: row.operator_seen_seq };
  }

  async function assertConversationExists(conversationId: string): Promise<void> {
    const row = await db.selectFrom('conversations').select('id').where('id', '=', conversationId).executeTakeFirst();
    if (row === undefined) throw new StoreNotFoundError(`Conversation ${conversationId} does not exist.`);
  }

  function assertPositiveInteger(value: number, name: string): void {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}.`);
  }

  const greatest = sql.raw(dialect === 'postgres' ? 'greatest' : 'max');
  const least = sql.raw(dialect === 'postgres' ? 'least' : 'min');

  const store: Store = {
    dialect,

    migrate: tracked(async () => {
      if (dialect === 'postgres') {
        const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
        const schema = rows[0]?.schema;
        if (schema == null) throw new Error('The Postgres search_path names no existing schema.');
        await migrateToLatest(db, { migrationTableSchema: schema });
      } else {
        // Kysely takes no migration lock on SQLite; the immediate transaction is the lock between processes.
        await inWriteTransaction((conn) => migrateToLatest(conn));
      }
    }),

    ping: tracked(async () => {
      await sql`select 1`.execute(db);
    }),

    close() {
      closing ??= (async () => {
        await Promise.allSettled([...running]);
        await db.destroy();
        await options.onClose?.();
      })();
      return closing;
    },

    ensureSite: tracked(async ({ key, name, now }) => {
      await db
        .insertInto('sites')
        .values({ id: newId(), key, name, created_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const site = await getSiteByKey(key);
      if (site === undefined) throw new Error(`Site ${key} vanished right after it was ensured.`);
      return site;
    }),

    getSiteByKey: tracked(getSiteByKey),

    getSiteById: tracked(async (id) =>
      db.selectFrom('sites').select(['id', 'key', 'name']).where('id', '=', id).executeTakeFirst(),
    ),

    createOperator: tracked(async ({ email, name, passwordHash, now }) => {
      const operator: OperatorRecord = { id: newId(), email: email.toLowerCase(), name, passwordHash, createdAt: now };
      try {
        await db
          .insertInto('operators')
          .values({ id: operator.id, email: operator.email, name, password_hash: passwordHash, created_at: now })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('An operator with this e-mail already exists.', { cause: error });
        throw error;
      }
      return operator;
    }),

    getOperatorByEmail: tracked(async (email) => {
      const row = await db.selectFrom('operators').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return row === undefined ? undefined : toOperator(row);
    }),

    getOperatorById: tracked(async (id) => {
      const row = await db.selectFrom('operators').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toOperator(row);
    }),

    countOperators: tracked(async () => {
      const row = await db.selectFrom('operators').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    }),

    addOperatorToSite: tracked(async ({ operatorId, siteId, role }) => {
      try {
        await db
          .insertInto('operator_sites')
          .values({ operator_id: operatorId, site_id: siteId, role })
          .onConflict((oc) => oc.columns(['operator_id', 'site_id']).doNothing())
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError('Unknown operator or site.', { cause: error });
        throw error;
      }
    }),

    listSitesOfOperator: tracked(async (operatorId) =>
      db
        .selectFrom('operator_sites')
        .innerJoin('sites', 'sites.id', 'operator_sites.site_id')
        .select(['sites.id', 'sites.key', 'sites.name'])
        .where('operator_sites.operator_id', '=', operatorId)
        .orderBy('sites.created_at')
        .orderBy('sites.id')
        .execute(),
    ),

    isOperatorOfSite: tracked(async (operatorId, siteId) => {
      const row = await db
        .selectFrom('operator_sites')
        .select('role')
        .where('operator_id', '=', operatorId)
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      return row !== undefined;
    }),

    createSession: tracked(async ({ tokenHash, operatorId, createdAt, expiresAt }) => {
      try {
        await db
          .insertInto('sessions')
          .values({ token_hash: tokenHash, operator_id: operatorId, created_at: createdAt, expires_at: expiresAt })
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Operator ${operatorId} does not exist.`, { cause: error });
        if (isUniqueViolation(error)) throw new StoreConflictError('This session token already exists.', { cause: error });
        throw error;
      }
    }),

    getSession: tracked(async (tokenHash, now): Promise<SessionRecord | undefined> => {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : { tokenHash: row.token_hash, operatorId: row.operator_id, createdAt: row.created_at, expiresAt: row.expires_at };
    }),

    touchSession: tracked(async (tokenHash, expiresAt) => {
      await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
    }),

    deleteSession: tracked(async (tokenHash) => {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    }),

    createVisitor: tracked(async ({ siteId, tokenHash, displayName, now }) => {
      const visitor: VisitorRecord = {
        id: newId(),
        siteId,
        tokenHash,
        displayName,
        createdAt: now,
        name: null,
        email: null,
        timeZone: null,
        locale: null,
      };
      try {
        await db
          .insertInto('visitors')
          .values({ id: visitor.id, site_id: siteId, token_hash: tokenHash, display_name: displayName, created_at: now })
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Site ${siteId} does not exist.`, { cause: error });
        if (isUniqueViolation(error)) throw new StoreConflictError('This visitor token already exists on the site.', { cause: error });
        throw error;
      }
      return visitor;
    }),

    getVisitorByToken: tracked(async (siteId, tokenHash) => {
      const row = await db
        .selectFrom('visitors')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row === undefined ? undefined : toVisitor(row);
    }),

    getVisitorById: tracked(async (visitorId) => {
      const row = await db.selectFrom('visitors').selectAll().where('id', '=', visitorId).executeTakeFirst();
      return row === undefined ? undefined : toVisitor(row);
    }),

    updateVisitorProfile: tracked(async ({ visitorId, name, email, timeZone, locale }) => {
      const changes = {
        ...(name !== undefined ? { name } : {}),
        ...(email !== undefined ? { email } : {}),
        ...(timeZone !== undefined ? { time_zone: timeZone } : {}),
        ...(locale !== undefined ? { locale } : {}),
      };
      if (Object.keys(changes).length > 0) await db.updateTable('visitors').set(changes).where('id', '=', visitorId).execute();
      const row = await db.selectFrom('visitors').selectAll().where('id', '=', visitorId).executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError(`Visitor ${visitorId} does not exist.`);
      return toVisitor(row);
    }),

    getOperatorRole: tracked(async (operatorId, siteId) => {
      const row = await db
        .selectFrom('operator_sites')
        .select('role')
        .where('operator_id', '=', operatorId)
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      return row?.role;
    }),

    listOperatorsOfSites: tracked(async (siteIds) => {
      if (siteIds.length === 0) return [];
      const rows = await db
        .selectFrom('operator_sites')
        .innerJoin('operators', 'operators.id', 'operator_sites.operator_id')
        .select(['operators.id', 'operators.name', 'operator_sites.site_id'])
        .where('operator_sites.site_id', 'in', siteIds)
        .orderBy('operators.name')
        .orderBy('operators.id')
        .execute();
      const byId = new Map<string, { id: string; name: string; siteIds: string[] }>();
      for (const row of rows) {
        const entry = byId.get(row.id) ?? { id: row.id, name: row.name, siteIds: [] };
        entry.siteIds.push(row.site_id);
        byId.set(row.id, entry);
      }
      return [...byId.values()];
    }),

    getSiteSettings: tracked(async (siteId) => {
      const row = await db.selectFrom('site_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst();
      if (row === undefined) return undefined;
      let settings: unknown;
      try {
        settings = JSON.parse(row.settings);
      } catch {
        settings = undefined;
      }
      return { settings, updatedAt: row.updated_at };
    }),

    putSiteSettings: tracked(async ({ siteId, settings, now }) => {
      const json = JSON.stringify(settings);
      try {
        await db
          .insertInto('site_settings')
          .values({ site_id: siteId, settings: json, updated_at: now })
          .onConflict((oc) => oc.column('site_id').doUpdateSet({ settings: json, updated_at: now }))
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Site ${siteId} does not exist.`, { cause: error });
        throw error;
      }
    }),

    setReplyBy: tracked(async ({ conversationId, replyBy }) => {
      // Keep an earlier open promise: ISO-8601 UTC strings compare in time order.
      const row = await db
        .updateTable('conversations')
        .set({ reply_by: sql<string>`case when reply_by is null or reply_by > ${replyBy} then ${replyBy} else reply_by end` })
        .where('id', '=', conversationId)
        .returning('reply_by')
        .executeTakeFirst();
      if (row === undefined || row.reply_by === null) throw new StoreNotFoundError(`Conversation ${conversationId} does not exist.`);
      return row.reply_by;
    }),

    getVisitorConversation: tracked((visitorId) => getVisitorConversation(visitorId)),

    ensureVisitorConversation: tracked(async ({ siteId, visitorId, now }) => {
      const existing = await getVisitorConversation(visitorId, siteId);
      if (existing !== undefined) return existing;
      const visitor = await db
        .selectFrom('visitors')
        .select('id')
        .where('id', '=', visitorId)
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      if (visitor === undefined) throw new StoreNotFoundError(`Visitor ${visitorId} does not exist on site ${siteId}.`);
      // The unique index on visitor_id turns a concurrent second insert into a no-op; both callers then read
      // the one row that won.
      await db
        .insertInto('conversations')
        .values({ id: newId(), site_id: siteId, visitor_id: visitorId, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('visitor_id').doNothing())
        .execute();
      const conversation = await getVisitorConversation(visitorId, siteId);
      if (conversation === undefined) throw new Error(`Conversation of visitor ${visitorId} vanished right after it was ensured.`);
      return conversation;
    }),

    getConversationSummary: tracked(async (conversationId) => {
      const row = await selectSummaries(db).where('c.id', '=', conversationId).executeTakeFirst();
      return row === undefined ? undefined : toSummary(row);
    }),

    listConversations: tracked(async (siteIds, { limit }) => {
      assertPositiveInteger(limit, 'limit');
      if (siteIds.length === 0) return [];
      const rows = await selectSummaries(db)
        .where('c.site_id', 'in', siteIds)
        .orderBy('c.updated_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toSummary);
    }),

    appendMessage: tracked(async (input) => {
      if ((input.author === 'operator') !== (input.operatorId !== null)) {
        throw new TypeError('operatorId is required for operator messages and must be null for visitor and system messages.');
      }
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await inWriteTransaction((trx) => appendInTransaction(trx, input));
        } catch (error) {
          if (!isUniqueViolation(error)) {
            if (isForeignKeyViolation(error)) throw new StoreNotFoundError('The conversation or operator does not exist.', { cause: error });
            throw error;
          }
          // Another writer (another process, or a lock we do not hold) stored the same clientId first:
          // its row is the answer. Anything else that collided is retried from a fresh read.
          const stored = await findMessageByClientId(db, input.conversationId, input.clientId);
          if (stored !== undefined) return { message: toMessage(stored), created: false };
          if (attempt >= MAX_WRITE_ATTEMPTS) throw error;
        }
      }
    }),

    listMessages: tracked(async (conversationId, { afterSeq, limit }) => {
      assertPositiveInteger(limit, 'limit');
      const rows = await selectMessages(db)
        .where('messages.conversation_id', '=', conversationId)
        .where('messages.seq', '>', afterSeq)
        .orderBy('messages.seq')
        .limit(limit + 1)
        .execute();
      if (rows.length === 0) await assertConversationExists(conversationId);
      return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit };
    }),

    markSeen: tracked(async ({ conversationId, by, upToSeq }) => {
      if (!Number.isSafeInteger(upToSeq)) throw new RangeError(`upToSeq must be an integer, got ${upToSeq}.`);
      const column = by === 'visitor' ? 'visitor_seen_seq' : 'operator_seen_seq';
      const row = await db
        .updateTable('conversations')
        .set({ [column]: sql<number>`${greatest}(${sql.ref(column)}, ${least}(${upToSeq}, last_seq))` })
        .where('id', '=', conversationId)
        .returning(column)
        .executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError(`Conversation ${conversationId} does not exist.`);
      return by === 'visitor' ? (row as { visitor_seen_seq: number }).visitor_seen_seq : (row as { operator_seen_seq: number }).operator_seen_seq;
    }),
  };
  return store;

  function toVisitor(row: Selectable<VisitorsTable>): VisitorRecord {
    return {
      id: row.id,
      siteId: row.site_id,
      tokenHash: row.token_hash,
      displayName: row.display_name,
      createdAt: row.created_at,
      name: row.name,
      email: row.email,
      timeZone: row.time_zone,
      locale: row.locale,
    };
  }

  function toMessage(row: MessageRow): Message {
    return {
      id: row.id,
      conversationId: row.conversation_id,
      seq: row.seq,
      clientId: row.client_id,
      author: row.author,
      operatorId: row.operator_id,
      authorName: row.author_name,
      body: row.body,
      createdAt: row.created_at,
    };
  }

  function toSummary(row: SummaryRow): ConversationSummary {
    return {
      id: row.id,
      siteId: row.site_id,
      visitorId: row.visitor_id,
      visitorName: row.visitor_given_name ?? row.display_name,
      lastSeq: row.last_seq,
      visitorSeenSeq: row.visitor_seen_seq,
      operatorSeenSeq: row.operator_seen_seq,
      unreadCount: Number(row.unread_count ?? 0),
      lastMessage:
        row.last_author === null || row.last_body === null || row.last_created_at === null
          ? null
          : { author: row.last_author, body: row.last_body, createdAt: row.last_created_at },
      replyBy: row.reply_by,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

function toOperator(row: { id: string; email: string; name: string; password_hash: string; created_at: string }): OperatorRecord {
  return { id: row.id, email: row.email, name: row.name, passwordHash: row.password_hash, createdAt: row.created_at };
}
