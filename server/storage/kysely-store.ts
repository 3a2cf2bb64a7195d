import { randomUUID } from 'node:crypto';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import {
  type ConversationEvent,
  type ConversationSummary,
  LIMITS,
  NotificationMode,
  type Message,
  PageView,
  type SavedReply,
  type Site,
  type VisitorConversation,
  normalizeForSearch,
} from '../../shared/index.ts';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors.ts';
import { migrateToLatest } from './migrations.ts';
import type { ConversationEventsTable, ConversationsTable, Database, MailsTable, OperatorsTable, SavedRepliesTable, VisitorsTable } from './schema.ts';
import {
  type AppendResult,
  type ConversationChange,
  type Dialect,
  type MailRecord,
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
 * (BEGIN IMMEDIATE on SQLite, row locks on Postgres), GREATEST/LEAST versus SQLite's scalar MAX/MIN, and where
 * kysely keeps its migration bookkeeping. Text search avoids the fourth (SQLite's lower() and LIKE know only
 * ASCII case) by comparing columns that already hold normalizeForSearch output.
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
      .leftJoin('operators as assignee', 'assignee.id', 'c.assignee_id')
      .leftJoin('operators as promiser', 'promiser.id', 'c.update_by_operator_id')
      .select((eb) => [
        'c.id',
        'c.site_id',
        'c.visitor_id',
        'v.display_name',
        'v.name as visitor_given_name',
        'v.email as visitor_email',
        'c.reply_by',
        'c.last_seq',
        'c.visitor_seen_seq',
        'c.operator_seen_seq',
        'c.created_at',
        'c.updated_at',
        'c.status',
        'c.resolved_at',
        'c.assignee_id',
        'assignee.name as assignee_name',
        'c.update_by',
        'c.update_by_operator_id',
        'promiser.name as update_by_operator_name',
        'c.update_by_note',
        'c.update_by_set_at',
        'c.follow_up_at',
        'c.rating',
        'c.rating_comment',
        'c.rated_at',
        'c.last_visitor_message_at',
        'c.last_operator_message_at',
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

  function selectEvents(q: Kysely<Database>) {
    return q
      .selectFrom('conversation_events as e')
      .leftJoin('operators as actor', 'actor.id', 'e.operator_id')
      .leftJoin('operators as target', 'target.id', 'e.target_operator_id')
      .select([
        'e.id',
        'e.conversation_id',
        'e.kind',
        'e.client_id',
        'e.operator_id',
        'actor.name as operator_name',
        'e.target_operator_id',
        'target.name as target_operator_name',
        'e.body',
        'e.at',
        'e.rating',
        'e.created_at',
      ]);
  }

  type MessageRow = Awaited<ReturnType<ReturnType<typeof selectMessages>['executeTakeFirstOrThrow']>>;
  type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['executeTakeFirstOrThrow']>>;
  type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['executeTakeFirstOrThrow']>>;

  function findMessageByClientId(q: Kysely<Database>, conversationId: string, clientId: string) {
    return selectMessages(q)
      .where('messages.conversation_id', '=', conversationId)
      .where('messages.client_id', '=', clientId)
      .executeTakeFirst();
  }

  /**
   * Reads a conversation inside a write transaction, locking its row on Postgres (SQLite's BEGIN IMMEDIATE
   * already holds the database's write lock), so concurrent changes to one conversation queue here and each
   * decides on what the previous one committed.
   */
  async function lockConversation(trx: Kysely<Database>, conversationId: string): Promise<Selectable<ConversationsTable>> {
    const row = await trx
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', conversationId)
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (row === undefined) throw new StoreNotFoundError(`Conversation ${conversationId} does not exist.`);
    return row;
  }

  /** Records an event and returns it as operators read it (with names). */
  async function recordEvent(
    trx: Kysely<Database>,
    event: Omit<Insertable<ConversationEventsTable>, 'id'>,
  ): Promise<ConversationEvent> {
    const id = newId();
    await trx.insertInto('conversation_events').values({ id, ...event }).execute();
    return toEvent(await selectEvents(trx).where('e.id', '=', id).executeTakeFirstOrThrow());
  }

  async function summaryIn(trx: Kysely<Database>, conversationId: string): Promise<ConversationSummary> {
    return toSummary(await selectSummaries(trx).where('c.id', '=', conversationId).executeTakeFirstOrThrow());
  }

  /**
   * Runs one state change of a conversation: locks its row, lets `change` update it and record its event,
   * and returns the new summary with that event, all in one write transaction.
   */
  async function changeConversation(
    conversationId: string,
    change: (trx: Kysely<Database>, row: Selectable<ConversationsTable>) => Promise<ConversationEvent>,
  ): Promise<ConversationChange> {
    try {
      return await inWriteTransaction(async (trx) => {
        const row = await lockConversation(trx, conversationId);
        const event = await change(trx, row);
        return { conversation: await summaryIn(trx, conversationId), event };
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new StoreNotFoundError('The operator does not exist.', { cause: error });
      throw error;
    }
  }

  async function appendInTransaction(trx: Kysely<Database>, input: NewMessage): Promise<AppendResult> {
    // The row lock makes concurrent appends to one conversation queue here, so each sees the previous one's
    // commit: seqs are assigned and committed in order, and a reader resuming from "seq > last" never skips.
    const conversation = await lockConversation(trx, input.conversationId);

    const existing = await findMessageByClientId(trx, input.conversationId, input.clientId);
    if (existing !== undefined) return { message: toMessage(existing), created: false, reopened: null };

    let authorName: string | null = input.author === 'system' ? (input.authorName ?? null) : null;
    if (input.operatorId !== null) {
      const operator = await trx.selectFrom('operators').select('name').where('id', '=', input.operatorId).executeTakeFirst();
      if (operator === undefined) throw new StoreNotFoundError(`Operator ${input.operatorId} does not exist.`);
      authorName = operator.name;
    }

    // Resolving never closes the thread for the visitor: writing again puts it back in the inbox.
    const reopens = input.author === 'visitor' && conversation.status === 'resolved';
    const followUpDue = conversation.follow_up_at !== null && conversation.follow_up_at <= input.now;
    const { last_seq: seq } = await trx
      .updateTable('conversations')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', 1),
        updated_at: input.now,
        ...(input.author === 'visitor' ? { last_visitor_message_at: input.now } : {}),
        // An answer keeps the promises made to the visitor, and is the check-in a due follow-up asked for.
        ...(input.author === 'operator'
          ? { last_operator_message_at: input.now, reply_by: null, ...NO_UPDATE_PROMISE, ...(followUpDue ? { follow_up_at: null } : {}) }
          : {}),
        ...(reopens ? { status: 'open' as const, resolved_at: null } : {}),
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
        search_text: normalizeForSearch(message.body),
      })
      .execute();
    const reopened = reopens
      ? await recordEvent(trx, { conversation_id: input.conversationId, kind: 'reopened', operator_id: null, created_at: input.now })
      : null;
    return { message, created: true, reopened };
  }

  async function getSiteByKey(key: string): Promise<Site | undefined> {
    return db.selectFrom('sites').select(['id', 'key', 'name']).where('key', '=', key).executeTakeFirst();
  }

  async function getVisitorConversation(visitorId: string, siteId?: string): Promise<VisitorConversation | undefined> {
    const row = await db
      .selectFrom('conversations as c')
      .leftJoin('operators as promiser', 'promiser.id', 'c.update_by_operator_id')
      .select([
        'c.id',
        'c.last_seq',
        'c.visitor_seen_seq',
        'c.operator_seen_seq',
        'c.status',
        'c.update_by',
        'c.update_by_note',
        'promiser.name as update_by_operator_name',
        'c.rating',
      ])
      .where('c.visitor_id', '=', visitorId)
      .$if(siteId !== undefined, (q) => q.where('c.site_id', '=', siteId as string))
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      id: row.id,
      lastSeq: row.last_seq,
      visitorSeenSeq: row.visitor_seen_seq,
      operatorSeenSeq: row.operator_seen_seq,
      status: row.status,
      updateBy:
        row.update_by === null || row.update_by_operator_name === null
          ? null
          : { at: row.update_by, operatorName: row.update_by_operator_name, note: row.update_by_note },
      // The widget asks for a rating while the conversation is resolved; once reopened there is nothing to rate.
      rating: row.status === 'resolved' ? row.rating : null,
    };
  }

  /** Reads a visitor inside a write transaction, locking the row on Postgres. */
  async function lockVisitor(trx: Kysely<Database>, visitorId: string): Promise<Selectable<VisitorsTable>> {
    const row = await trx
      .selectFrom('visitors')
      .selectAll()
      .where('id', '=', visitorId)
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (row === undefined) throw new StoreNotFoundError(`Visitor ${visitorId} does not exist.`);
    return row;
  }

  async function assertConversationExists(conversationId: string): Promise<void> {
    const row = await db.selectFrom('conversations').select('id').where('id', '=', conversationId).executeTakeFirst();
    if (row === undefined) throw new StoreNotFoundError(`Conversation ${conversationId} does not exist.`);
  }

  function assertPositiveInteger(value: number, name: string): void {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}.`);
  }

  /** A site's memberships, locked on Postgres: decisions about its last owner see every concurrent change. */
  function lockSiteMembers(trx: Kysely<Database>, siteId: string) {
    return trx
      .selectFrom('operator_sites')
      .select(['operator_id', 'role'])
      .where('site_id', '=', siteId)
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .execute();
  }

  function countOwners(members: Array<{ role: 'owner' | 'operator' }>): number {
    return members.filter((member) => member.role === 'owner').length;
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

    renameSite: tracked(async ({ id, name }) => {
      const site = await db.updateTable('sites').set({ name }).where('id', '=', id).returning(['id', 'key', 'name']).executeTakeFirst();
      if (site === undefined) throw new StoreNotFoundError(`Site ${id} does not exist.`);
      return site;
    }),

    createSite: tracked(async ({ key, name, ownerId, settings, now }) => {
      const site: Site = { id: newId(), key, name };
      try {
        await inWriteTransaction(async (trx) => {
          await trx.insertInto('sites').values({ id: site.id, key, name, created_at: now }).execute();
          await trx.insertInto('operator_sites').values({ operator_id: ownerId, site_id: site.id, role: 'owner' }).execute();
          await trx.insertInto('site_settings').values({ site_id: site.id, settings: JSON.stringify(settings), updated_at: now }).execute();
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError(`A site with the key ${key} exists.`, { cause: error });
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Operator ${ownerId} does not exist.`, { cause: error });
        throw error;
      }
      return site;
    }),

    getSiteById: tracked(async (id) =>
      db.selectFrom('sites').select(['id', 'key', 'name']).where('id', '=', id).executeTakeFirst(),
    ),

    createOperator: tracked(async ({ email, name, passwordHash, now }) => {
      const operator: OperatorRecord = { id: newId(), email: email.toLowerCase(), name, passwordHash, createdAt: now, removedAt: null };
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

    getNotificationMode: tracked(async (operatorId) => {
      const row = await db.selectFrom('operators').select('notify_mail').where('id', '=', operatorId).executeTakeFirst();
      // A value an older or newer version wrote that this one does not know counts as never chosen.
      const parsed = NotificationMode.safeParse(row?.notify_mail);
      return parsed.success ? parsed.data : null;
    }),

    setNotificationMode: tracked(async ({ operatorId, mode }) => {
      const result = await db.updateTable('operators').set({ notify_mail: mode }).where('id', '=', operatorId).executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new StoreNotFoundError(`Operator ${operatorId} does not exist.`);
    }),

    countOperators: tracked(async () => {
      const row = await db.selectFrom('operators').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    }),

    addOperatorToSite: tracked(async ({ operatorId, siteId, role }) => {
      try {
        await inWriteTransaction(async (trx) => {
          const members = await lockSiteMembers(trx, siteId);
          const current = members.find((member) => member.operator_id === operatorId);
          if (current?.role === 'owner' && role !== 'owner' && countOwners(members) === 1) {
            throw new StoreConflictError('A site needs at least one owner.');
          }
          await trx
            .insertInto('operator_sites')
            .values({ operator_id: operatorId, site_id: siteId, role })
            .onConflict((oc) => oc.columns(['operator_id', 'site_id']).doUpdateSet({ role }))
            .execute();
        });
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError('Unknown operator or site.', { cause: error });
        throw error;
      }
    }),

    listSitesOfOperator: tracked(async (operatorId) =>
      db
        .selectFrom('operator_sites')
        .innerJoin('sites', 'sites.id', 'operator_sites.site_id')
        .select(['sites.id', 'sites.key', 'sites.name', 'operator_sites.role'])
        .where('operator_sites.operator_id', '=', operatorId)
        .orderBy('sites.name')
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

    createVisitor: tracked(async ({ siteId, tokenHash, displayName, now, verifiedId, claimedId }) => {
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
        verified: verifiedId !== undefined,
        verifiedId: verifiedId ?? null,
        claimedId: claimedId ?? null,
        userAgent: null,
        referrer: null,
        pages: [],
        lastSeenAt: now,
        visits: 1,
      };
      try {
        await db
          .insertInto('visitors')
          .values({
            id: visitor.id,
            site_id: siteId,
            token_hash: tokenHash,
            display_name: displayName,
            created_at: now,
            last_seen_at: now,
            visits: 1,
            pages: '[]',
            search_text: visitorSearchText(visitor),
            verified: visitor.verified ? 1 : 0,
            verified_id: visitor.verifiedId,
            claimed_id: visitor.claimedId,
          })
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
      if (row !== undefined) return toVisitor(row);
      // A verified user's token on another device (addVisitorToken).
      const added = await db
        .selectFrom('visitor_tokens')
        .innerJoin('visitors', 'visitors.id', 'visitor_tokens.visitor_id')
        .selectAll('visitors')
        .where('visitor_tokens.site_id', '=', siteId)
        .where('visitor_tokens.token_hash', '=', tokenHash)
        .executeTakeFirst();
      return added === undefined ? undefined : toVisitor(added);
    }),

    getVisitorById: tracked(async (visitorId) => {
      const row = await db.selectFrom('visitors').selectAll().where('id', '=', visitorId).executeTakeFirst();
      return row === undefined ? undefined : toVisitor(row);
    }),

    updateVisitorProfile: tracked(async ({ visitorId, name, email, timeZone, locale, claimedId }) =>
      inWriteTransaction(async (trx) => {
        const row = await lockVisitor(trx, visitorId);
        const next = {
          name: name !== undefined ? name : row.name,
          email: email !== undefined ? email : row.email,
          time_zone: timeZone !== undefined ? timeZone : row.time_zone,
          locale: locale !== undefined ? locale : row.locale,
          claimed_id: claimedId !== undefined ? claimedId : row.claimed_id,
        };
        const search_text = visitorSearchText({ displayName: row.display_name, name: next.name, email: next.email });
        const updated = await trx
          .updateTable('visitors')
          .set({ ...next, search_text })
          .where('id', '=', visitorId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toVisitor(updated);
      }),
    ),

    recordVisit: tracked(async (input) =>
      inWriteTransaction(async (trx) => {
        const row = await lockVisitor(trx, input.visitorId);
        const lastSeenAt = row.last_seen_at ?? row.created_at;
        const isNewVisit = Date.parse(input.now) - Date.parse(lastSeenAt) >= input.newVisitAfterMs;
        // A new visit takes its own referrer (none: a direct visit). Within a visit the first one reported
        // stays; that is also how the very first visit, recorded right after createVisitor, gets its referrer.
        const referrer = isNewVisit ? (input.referrer ?? null) : (row.referrer ?? input.referrer ?? null);
        const pages = input.page === undefined ? parsePages(row.pages) : withPage(parsePages(row.pages), { ...input.page, at: input.now });
        const updated = await trx
          .updateTable('visitors')
          .set({
            // Nodes' clocks may differ slightly: the mark never moves back.
            last_seen_at: input.now > lastSeenAt ? input.now : lastSeenAt,
            visits: isNewVisit ? row.visits + 1 : row.visits,
            referrer,
            pages: JSON.stringify(pages),
            ...(input.userAgent !== undefined ? { user_agent: input.userAgent } : {}),
            ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
            ...(input.locale !== undefined ? { locale: input.locale } : {}),
          })
          .where('id', '=', input.visitorId)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toVisitor(updated);
      }),
    ),

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

    listSiteTeam: tracked(async (siteId) => {
      const rows = await db
        .selectFrom('operator_sites')
        .innerJoin('operators', 'operators.id', 'operator_sites.operator_id')
        .select(['operators.id', 'operators.email', 'operators.name', 'operator_sites.role', 'operators.created_at'])
        .where('operator_sites.site_id', '=', siteId)
        .orderBy('operators.name')
        .orderBy('operators.id')
        .execute();
      return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.created_at }));
    }),

    removeOperatorFromSite: tracked(async ({ operatorId, siteId, now }) =>
      inWriteTransaction(async (trx) => {
        // Lock order: the operator, then the site's memberships. The operator's lock makes two removals from
        // different sites agree on which one was the last; the memberships' lock makes two owners removing each
        // other agree on who is the last owner.
        await trx
          .selectFrom('operators')
          .select('id')
          .where('id', '=', operatorId)
          .$if(dialect === 'postgres', (q) => q.forUpdate())
          .executeTakeFirst();
        const members = await lockSiteMembers(trx, siteId);
        const membership = members.find((member) => member.operator_id === operatorId);
        if (membership === undefined) throw new StoreNotFoundError(`Operator ${operatorId} is not a member of site ${siteId}.`);
        if (membership.role === 'owner' && countOwners(members) === 1) throw new StoreConflictError('A site needs at least one owner.');

        await trx.deleteFrom('operator_sites').where('operator_id', '=', operatorId).where('site_id', '=', siteId).execute();
        await trx
          .updateTable('conversations')
          .set({ assignee_id: null })
          .where('site_id', '=', siteId)
          .where('assignee_id', '=', operatorId)
          .execute();
        const remaining = await trx
          .selectFrom('operator_sites')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('operator_id', '=', operatorId)
          .executeTakeFirstOrThrow();
        if (Number(remaining.n) > 0) return { removedAccount: false };
        await trx.updateTable('operators').set({ removed_at: now }).where('id', '=', operatorId).execute();
        await trx.deleteFrom('sessions').where('operator_id', '=', operatorId).execute();
        return { removedAccount: true };
      }),
    ),

    restoreOperator: tracked(async ({ operatorId, name, passwordHash }) => {
      const row = await db
        .updateTable('operators')
        .set({ name, password_hash: passwordHash, removed_at: null })
        .where('id', '=', operatorId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) throw new StoreNotFoundError(`Operator ${operatorId} does not exist.`);
      return toOperator(row);
    }),

    setOperatorPassword: tracked(async ({ operatorId, passwordHash }) =>
      inWriteTransaction(async (trx) => {
        const row = await trx
          .updateTable('operators')
          .set({ password_hash: passwordHash })
          .where('id', '=', operatorId)
          .returning('id')
          .executeTakeFirst();
        if (row === undefined) throw new StoreNotFoundError(`Operator ${operatorId} does not exist.`);
        await trx.deleteFrom('sessions').where('operator_id', '=', operatorId).execute();
      }),
    ),

    listSessionsOfOperator: tracked(async (operatorId) => {
      const rows = await db
        .selectFrom('sessions')
        .select('token_hash')
        .where('operator_id', '=', operatorId)
        .orderBy('created_at')
        .orderBy('token_hash')
        .execute();
      return rows.map((row) => row.token_hash);
    }),

    listConversationsByEmail: tracked(async ({ siteId, email, excludeConversationId }) => {
      // lower() on both sides, so the comparison is the database's own (ASCII-only on SQLite) either way.
      const rows = await selectSummaries(db)
        .where('c.site_id', '=', siteId)
        .where('c.id', '!=', excludeConversationId)
        .where(sql<boolean>`lower(v.email) = lower(${email})`)
        .orderBy('c.updated_at', 'desc')
        .orderBy('c.id', 'desc')
        .execute();
      return rows.map(toSummary);
    }),

    searchConversations: tracked(async (siteIds, query, { limit }) => {
      assertPositiveInteger(limit, 'limit');
      const normalized = normalizeForSearch(query);
      if (siteIds.length === 0 || normalized === '') return [];
      // Both sides are normalizeForSearch output (lowercase, no diacritics), so plain LIKE compares the same
      // way on SQLite and Postgres; the query's own wildcard characters are escaped to match literally.
      const pattern = `%${escapeLike(normalized)}%`;
      const matches = (column: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape ${sql.lit(LIKE_ESCAPE)}`;
      const rows = await selectSummaries(db)
        .select((eb) => [
          eb
            .selectFrom('messages as hit')
            .select('hit.seq')
            .whereRef('hit.conversation_id', '=', 'c.id')
            .where(matches('hit.search_text'))
            .orderBy('hit.seq', 'desc')
            .limit(1)
            .as('hit_seq'),
          eb
            .selectFrom('messages as hit')
            .select('hit.body')
            .whereRef('hit.conversation_id', '=', 'c.id')
            .where(matches('hit.search_text'))
            .orderBy('hit.seq', 'desc')
            .limit(1)
            .as('hit_body'),
        ])
        .where('c.site_id', 'in', siteIds)
        .where((eb) =>
          eb.or([
            matches('v.search_text'),
            eb.exists(
              eb
                .selectFrom('messages as any_hit')
                .select('any_hit.id')
                .whereRef('any_hit.conversation_id', '=', 'c.id')
                .where(matches('any_hit.search_text')),
            ),
          ]),
        )
        .orderBy('c.updated_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute();
      // A message hit is the more useful snippet; a conversation found only by name or e-mail has none.
      return rows.map((row) => ({
        conversation: toSummary(row),
        snippet: row.hit_seq == null ? null : (row.hit_body ?? null),
        seq: row.hit_seq == null ? null : Number(row.hit_seq),
      }));
    }),

    listConversationEvents: tracked(async (conversationId) => {
      const rows = await selectEvents(db)
        .where('e.conversation_id', '=', conversationId)
        .orderBy('e.created_at')
        .orderBy('e.id')
        .execute();
      if (rows.length === 0) await assertConversationExists(conversationId);
      return rows.map(toEvent);
    }),

    addNote: tracked(async ({ conversationId, operatorId, clientId, body, now }) => {
      const findNote = (q: Kysely<Database>) =>
        selectEvents(q).where('e.conversation_id', '=', conversationId).where('e.client_id', '=', clientId).executeTakeFirst();
      try {
        return await changeConversation(conversationId, async (trx) => {
          const existing = await findNote(trx);
          if (existing !== undefined) return toEvent(existing);
          await trx.updateTable('conversations').set({ updated_at: now }).where('id', '=', conversationId).execute();
          return recordEvent(trx, { conversation_id: conversationId, kind: 'note', client_id: clientId, operator_id: operatorId, body, created_at: now });
        });
      } catch (error) {
        // Only a writer that does not hold our lock could have stored the same clientId first: its note is the answer.
        if (!isUniqueViolation(error)) throw error;
        const stored = await findNote(db);
        if (stored === undefined) throw error;
        const conversation = await store.getConversationSummary(conversationId);
        if (conversation === undefined) throw new StoreNotFoundError(`Conversation ${conversationId} does not exist.`, { cause: error });
        return { conversation, event: toEvent(stored) };
      }
    }),

    assignConversation: tracked(async ({ conversationId, operatorId, assigneeId, note, now }) =>
      changeConversation(conversationId, async (trx) => {
        await trx.updateTable('conversations').set({ assignee_id: assigneeId, updated_at: now }).where('id', '=', conversationId).execute();
        return recordEvent(trx, {
          conversation_id: conversationId,
          kind: 'assigned',
          operator_id: operatorId,
          target_operator_id: assigneeId,
          body: note,
          created_at: now,
        });
      }),
    ),

    resolveConversation: tracked(async ({ conversationId, operatorId, followUpAt, now }) =>
      changeConversation(conversationId, async (trx) => {
        await trx
          .updateTable('conversations')
          .set({
            status: 'resolved',
            resolved_at: now,
            reply_by: null,
            ...NO_UPDATE_PROMISE,
            // A new resolve asks the visitor again.
            rating: null,
            rating_comment: null,
            rated_at: null,
            follow_up_at: followUpAt,
            updated_at: now,
          })
          .where('id', '=', conversationId)
          .execute();
        return recordEvent(trx, { conversation_id: conversationId, kind: 'resolved', operator_id: operatorId, at: followUpAt, created_at: now });
      }),
    ),

    reopenConversation: tracked(async ({ conversationId, operatorId, clearAssignee, now }) =>
      changeConversation(conversationId, async (trx) => {
        await trx
          .updateTable('conversations')
          .set({ status: 'open', resolved_at: null, updated_at: now, ...(clearAssignee ? { assignee_id: null } : {}) })
          .where('id', '=', conversationId)
          .execute();
        return recordEvent(trx, { conversation_id: conversationId, kind: 'reopened', operator_id: operatorId, created_at: now });
      }),
    ),

    setUpdatePromise: tracked(async ({ conversationId, operatorId, at, note, now }) =>
      changeConversation(conversationId, async (trx) => {
        await trx
          .updateTable('conversations')
          .set({
            ...(at === null
              ? NO_UPDATE_PROMISE
              : { update_by: at, update_by_operator_id: operatorId, update_by_note: note, update_by_set_at: now }),
            updated_at: now,
          })
          .where('id', '=', conversationId)
          .execute();
        return recordEvent(trx, { conversation_id: conversationId, kind: 'update_promised', operator_id: operatorId, at, body: note, created_at: now });
      }),
    ),

    setFollowUp: tracked(async ({ conversationId, operatorId, at, now }) =>
      changeConversation(conversationId, async (trx) => {
        await trx.updateTable('conversations').set({ follow_up_at: at, updated_at: now }).where('id', '=', conversationId).execute();
        return recordEvent(trx, { conversation_id: conversationId, kind: 'follow_up_set', operator_id: operatorId, at, created_at: now });
      }),
    ),

    rateConversation: tracked(async ({ conversationId, rating, comment, now }) =>
      changeConversation(conversationId, async (trx, row) => {
        if (row.status !== 'resolved') throw new StoreConflictError('Only a resolved conversation can be rated.');
        await trx
          .updateTable('conversations')
          .set({ rating, rating_comment: comment, rated_at: now, updated_at: now })
          .where('id', '=', conversationId)
          .execute();
        return recordEvent(trx, { conversation_id: conversationId, kind: 'rated', operator_id: null, rating, body: comment, created_at: now });
      }),
    ),

    getIdentitySecret: tracked(async (siteId) => {
      const row = await db.selectFrom('site_identity_secrets').selectAll().where('site_id', '=', siteId).executeTakeFirst();
      return row === undefined ? undefined : { secret: row.secret, createdAt: row.created_at };
    }),

    setIdentitySecret: tracked(async ({ siteId, secret, now }) => {
      try {
        await db
          .insertInto('site_identity_secrets')
          .values({ site_id: siteId, secret, created_at: now })
          .onConflict((oc) => oc.column('site_id').doUpdateSet({ secret, created_at: now }))
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Site ${siteId} does not exist.`, { cause: error });
        throw error;
      }
      return { secret, createdAt: now };
    }),

    getVisitorByVerifiedId: tracked(async (siteId, verifiedId) => {
      const row = await db
        .selectFrom('visitors')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('verified_id', '=', verifiedId)
        .executeTakeFirst();
      return row === undefined ? undefined : toVisitor(row);
    }),

    verifyVisitor: tracked(async ({ visitorId, verifiedId }) => {
      try {
        return await inWriteTransaction(async (trx) => {
          const row = await lockVisitor(trx, visitorId);
          if (row.verified_id !== null && row.verified_id !== verifiedId) {
            throw new StoreConflictError('This visitor is already verified as another user.');
          }
          const updated = await trx
            .updateTable('visitors')
            .set({ verified: 1, verified_id: verifiedId })
            .where('id', '=', visitorId)
            .returningAll()
            .executeTakeFirstOrThrow();
          return toVisitor(updated);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('Another visitor of this site is verified as this user.', { cause: error });
        throw error;
      }
    }),

    addVisitorToken: tracked(async ({ visitorId, tokenHash, now }) => {
      const visitor = await db.selectFrom('visitors').select('site_id').where('id', '=', visitorId).executeTakeFirst();
      if (visitor === undefined) throw new StoreNotFoundError(`Visitor ${visitorId} does not exist.`);
      try {
        await db
          .insertInto('visitor_tokens')
          .values({ token_hash: tokenHash, site_id: visitor.site_id, visitor_id: visitorId, created_at: now })
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Visitor ${visitorId} does not exist.`, { cause: error });
        if (isUniqueViolation(error)) throw new StoreConflictError('This visitor token already exists on the site.', { cause: error });
        throw error;
      }
    }),

    listSavedReplies: tracked(async (siteId) => {
      const rows = await db.selectFrom('saved_replies').selectAll().where('site_id', '=', siteId).execute();
      // Sorted here: the databases' collations order "-" differently, and shortcuts are plain ASCII.
      return rows.map(toSavedReply).sort((a, b) => (a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : 0));
    }),

    createSavedReply: tracked(async ({ siteId, shortcut, title, body, now }) => {
      const row = { id: newId(), site_id: siteId, shortcut, title, body, created_at: now, updated_at: now };
      try {
        await db.insertInto('saved_replies').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError(`A saved reply with the shortcut "${shortcut}" exists.`, { cause: error });
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Site ${siteId} does not exist.`, { cause: error });
        throw error;
      }
      return toSavedReply(row);
    }),

    updateSavedReply: tracked(async ({ id, siteId, shortcut, title, body, now }) => {
      let row: Selectable<SavedRepliesTable> | undefined;
      try {
        row = await db
          .updateTable('saved_replies')
          .set({ shortcut, title, body, updated_at: now })
          .where('id', '=', id)
          .where('site_id', '=', siteId)
          .returningAll()
          .executeTakeFirst();
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError(`A saved reply with the shortcut "${shortcut}" exists.`, { cause: error });
        throw error;
      }
      if (row === undefined) throw new StoreNotFoundError(`Saved reply ${id} does not exist on site ${siteId}.`);
      return toSavedReply(row);
    }),

    deleteSavedReply: tracked(async ({ id, siteId }) => {
      const result = await db.deleteFrom('saved_replies').where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new StoreNotFoundError(`Saved reply ${id} does not exist on site ${siteId}.`);
    }),

    createApiToken: tracked(async ({ siteId, name, tokenHash, now }) => {
      const row = { id: newId(), site_id: siteId, name, token_hash: tokenHash, created_at: now };
      try {
        await db.insertInto('api_tokens').values(row).execute();
      } catch (error) {
        if (isUniqueViolation(error)) throw new StoreConflictError('An API token with this hash exists.', { cause: error });
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Site ${siteId} does not exist.`, { cause: error });
        throw error;
      }
      return { id: row.id, name, createdAt: now, lastUsedAt: null };
    }),

    listApiTokens: tracked(async (siteId) => {
      const rows = await db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'created_at', 'last_used_at'])
        .where('site_id', '=', siteId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at }));
    }),

    getApiTokenByHash: tracked(async (tokenHash) => {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'site_id', 'name', 'created_at', 'last_used_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && { id: row.id, siteId: row.site_id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at };
    }),

    markApiTokenUsed: tracked(async ({ id, now }) => {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    }),

    deleteApiToken: tracked(async ({ id, siteId }) => {
      const result = await db.deleteFrom('api_tokens').where('id', '=', id).where('site_id', '=', siteId).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new StoreNotFoundError(`API token ${id} does not exist on site ${siteId}.`);
    }),

    enqueueMail: tracked(async (input) => {
      const row: Insertable<MailsTable> = {
        id: input.id ?? newId(),
        site_id: input.siteId,
        conversation_id: input.conversationId,
        kind: input.kind,
        dedupe_key: input.dedupeKey,
        from_name: input.fromName,
        from_address: input.fromAddress ?? null,
        recipient: input.recipient,
        subject: input.subject,
        text_body: input.text,
        html_body: input.html,
        status: 'queued',
        attempts: 0,
        next_attempt_at: input.dueAt ?? input.now,
        lease_until: null,
        last_error: null,
        created_at: input.now,
        sent_at: null,
        covers_seq: null,
        reply_to: input.replyTo ?? null,
      };
      try {
        await db.insertInto('mails').values(row).execute();
        return { mail: toMail(row as Selectable<MailsTable>), created: true };
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError('The site or conversation does not exist.', { cause: error });
        if (!isUniqueViolation(error)) throw error;
        const existing = await db.selectFrom('mails').selectAll().where('dedupe_key', '=', input.dedupeKey).executeTakeFirst();
        if (existing === undefined) throw error;
        return { mail: toMail(existing), created: false };
      }
    }),

    claimMails: tracked(async ({ now, leaseUntil, limit }) => {
      const due = await db
        .selectFrom('mails')
        .select(['id', 'status', 'lease_until'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      const claimed: MailRecord[] = [];
      for (const candidate of due) {
        // Conditional on what was read: of several claimers racing for one row, exactly one update matches.
        const result = await db
          .updateTable('mails')
          .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
          .where('id', '=', candidate.id)
          .where('status', '=', candidate.status)
          .where((eb) => (candidate.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', candidate.lease_until)))
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) continue;
        const row = await db.selectFrom('mails').selectAll().where('id', '=', candidate.id).executeTakeFirstOrThrow();
        claimed.push(toMail(row));
      }
      return claimed;
    }),

    markMailSent: tracked(async ({ id, now }) => {
      const result = await db
        .updateTable('mails')
        .set({ status: 'sent', sent_at: now, lease_until: null, last_error: null })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    }),

    retryMail: tracked(async ({ id, nextAttemptAt, error }) => {
      await db
        .updateTable('mails')
        .set({ status: 'queued', next_attempt_at: nextAttemptAt, lease_until: null, last_error: error })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    }),

    failMail: tracked(async ({ id, error }) => {
      await db
        .updateTable('mails')
        .set({ status: 'failed', lease_until: null, last_error: error })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    }),

    composeMail: tracked(async ({ id, subject, text, html, coversSeq }) => {
      await db
        .updateTable('mails')
        .set({ subject, text_body: text, html_body: html, covers_seq: coversSeq })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    }),

    cancelMail: tracked(async ({ id, reason }) => {
      await db
        .updateTable('mails')
        .set({ status: 'cancelled', lease_until: null, last_error: reason })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    }),

    lastCoveredSeq: tracked(async ({ conversationId, kind, recipient }) => {
      let query = db
        .selectFrom('mails')
        .select((eb) => eb.fn.max('covers_seq').as('seq'))
        .where('conversation_id', '=', conversationId)
        .where('kind', '=', kind)
        .where('status', '!=', 'cancelled');
      if (recipient !== undefined) query = query.where('recipient', '=', recipient);
      const row = await query.executeTakeFirst();
      return Number(row?.seq ?? 0);
    }),

    createContinueLink: tracked(async ({ tokenHash, siteId, visitorId, now, expiresAt }) => {
      try {
        await db
          .insertInto('continue_links')
          .values({ token_hash: tokenHash, site_id: siteId, visitor_id: visitorId, created_at: now, expires_at: expiresAt, used_at: null })
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError('The site or visitor does not exist.', { cause: error });
        throw error;
      }
    }),

    getContinueLink: tracked(async (tokenHash) => {
      const row = await db.selectFrom('continue_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && { siteId: row.site_id, visitorId: row.visitor_id, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at };
    }),

    useContinueLink: tracked(async ({ tokenHash, now }) => {
      const result = await db
        .updateTable('continue_links')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    }),

    optOutOfMail: tracked(async ({ siteId, email, now }) => {
      try {
        await db
          .insertInto('mail_opt_outs')
          .values({ site_id: siteId, email: email.toLowerCase(), created_at: now })
          .onConflict((oc) => oc.columns(['site_id', 'email']).doNothing())
          .execute();
      } catch (error) {
        if (isForeignKeyViolation(error)) throw new StoreNotFoundError(`Site ${siteId} does not exist.`, { cause: error });
        throw error;
      }
    }),

    isOptedOutOfMail: tracked(async ({ siteId, email }) => {
      const row = await db
        .selectFrom('mail_opt_outs')
        .select('site_id')
        .where('site_id', '=', siteId)
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row !== undefined;
    }),

    ensureReplyToken: tracked(async ({ conversationId, token, now }) => {
      const existing = await db.selectFrom('reply_addresses').select('token').where('conversation_id', '=', conversationId).executeTakeFirst();
      if (existing) return existing.token;
      const conversation = await db.selectFrom('conversations').select('site_id').where('id', '=', conversationId).executeTakeFirst();
      if (!conversation) throw new StoreNotFoundError(`Conversation ${conversationId} does not exist.`);
      await db
        .insertInto('reply_addresses')
        .values({ token, site_id: conversation.site_id, conversation_id: conversationId, created_at: now })
        .onConflict((oc) => oc.column('conversation_id').doNothing())
        .execute();
      // Two callers at once: the first insert wins, and both return its token.
      const stored = await db.selectFrom('reply_addresses').select('token').where('conversation_id', '=', conversationId).executeTakeFirstOrThrow();
      return stored.token;
    }),

    getReplyToken: tracked(async (token) => {
      const row = await db.selectFrom('reply_addresses').select(['site_id', 'conversation_id']).where('token', '=', token).executeTakeFirst();
      return row && { siteId: row.site_id, conversationId: row.conversation_id };
    }),

    getMail: tracked(async (id) => {
      const row = await db.selectFrom('mails').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toMail(row);
    }),

    listMails: tracked(async ({ siteId, limit, before, conversationId }) => {
      let query = db.selectFrom('mails').selectAll().where('site_id', '=', siteId);
      if (conversationId !== undefined) query = query.where('conversation_id', '=', conversationId);
      if (before !== undefined) {
        // Several mails can share a millisecond (a receipt and a notification): the id breaks the tie.
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toMail);
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
          if (stored !== undefined) return { message: toMessage(stored), created: false, reopened: null };
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
      verified: Number(row.verified) !== 0,
      verifiedId: row.verified_id,
      claimedId: row.claimed_id,
      userAgent: row.user_agent,
      referrer: row.referrer,
      pages: parsePages(row.pages),
      lastSeenAt: row.last_seen_at ?? row.created_at,
      visits: Number(row.visits),
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
      visitorEmail: row.visitor_email,
      status: row.status,
      resolvedAt: row.resolved_at,
      assigneeId: row.assignee_id,
      assigneeName: row.assignee_name,
      updateBy:
        row.update_by === null ||
        row.update_by_operator_id === null ||
        row.update_by_operator_name === null ||
        row.update_by_set_at === null
          ? null
          : {
              at: row.update_by,
              operatorId: row.update_by_operator_id,
              operatorName: row.update_by_operator_name,
              note: row.update_by_note,
              setAt: row.update_by_set_at,
            },
      followUpAt: row.follow_up_at,
      rating: row.rating === null || row.rated_at === null ? null : { value: row.rating, comment: row.rating_comment, at: row.rated_at },
      lastVisitorMessageAt: row.last_visitor_message_at,
      lastOperatorMessageAt: row.last_operator_message_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function toEvent(row: EventRow): ConversationEvent {
    return {
      id: row.id,
      conversationId: row.conversation_id,
      kind: row.kind,
      clientId: row.client_id,
      operatorId: row.operator_id,
      operatorName: row.operator_name,
      targetOperatorId: row.target_operator_id,
      targetOperatorName: row.target_operator_name,
      body: row.body,
      at: row.at,
      rating: row.rating,
      createdAt: row.created_at,
    };
  }
}

/** What operators' search compares a visitor by: generated name, given name and e-mail. */
function visitorSearchText(visitor: { displayName: string; name: string | null; email: string | null }): string {
  return normalizeForSearch([visitor.displayName, visitor.name, visitor.email].filter(Boolean).join(' '));
}

/** Clears an "update by" promise (kept by an answer, withdrawn, or ended by a resolve). */
const NO_UPDATE_PROMISE = { update_by: null, update_by_operator_id: null, update_by_note: null, update_by_set_at: null } as const;

/** Not a backslash: its meaning in string literals differs between the two databases' settings. */
const LIKE_ESCAPE = '!';

function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (ch) => `${LIKE_ESCAPE}${ch}`);
}

/**
 * The stored pages, validated: the row may have been written by an older version (or by hand), so anything
 * that is not a PageView is dropped rather than passed on to operators.
 */
function parsePages(json: string): VisitorRecord['pages'] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = PageView.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The pages with `page` as the newest: the same URL as the newest only refreshes its title and time. */
function withPage(pages: VisitorRecord['pages'], page: VisitorRecord['pages'][number]): VisitorRecord['pages'] {
  const rest = pages[0]?.url === page.url ? pages.slice(1) : pages;
  return [page, ...rest].slice(0, LIMITS.pagesKept);
}

function toSavedReply(row: Selectable<SavedRepliesTable>): SavedReply {
  return { id: row.id, siteId: row.site_id, shortcut: row.shortcut, title: row.title, body: row.body, updatedAt: row.updated_at };
}

function toOperator(row: Selectable<OperatorsTable>): OperatorRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    removedAt: row.removed_at,
  };
}

function toMail(row: Selectable<MailsTable>): MailRecord {
  return {
    id: row.id,
    siteId: row.site_id,
    conversationId: row.conversation_id,
    kind: row.kind,
    dedupeKey: row.dedupe_key,
    fromName: row.from_name,
    fromAddress: row.from_address,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    coversSeq: row.covers_seq === null ? null : Number(row.covers_seq),
    replyTo: row.reply_to,
  };
}
