import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { normalizeForSearch } from '../../shared/index.ts';

/**
 * Every migration, in order, written with kysely's schema builder so the same code runs on SQLite and
 * Postgres. Names sort lexicographically (the Migrator applies them in name order); never rename or edit
 * a migration that has shipped, add a new one.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('key', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('operators')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('email', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();

      await db.schema
        .createTable('operator_sites')
        .addColumn('operator_id', 'text', (col) => col.notNull().references('operators.id').onDelete('cascade'))
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('role', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('operator_sites_pk', ['operator_id', 'site_id'])
        .addCheckConstraint('operator_sites_role_check', sql`role in ('owner', 'operator')`)
        .execute();
      await db.schema.createIndex('operator_sites_site_idx').on('operator_sites').column('site_id').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (col) => col.primaryKey())
        .addColumn('operator_id', 'text', (col) => col.notNull().references('operators.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('sessions_operator_idx').on('sessions').column('operator_id').execute();

      await db.schema
        .createTable('visitors')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (col) => col.notNull())
        .addColumn('display_name', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addUniqueConstraint('visitors_site_token_unique', ['site_id', 'token_hash'])
        .execute();

      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('visitor_id', 'text', (col) => col.notNull().references('visitors.id').onDelete('cascade'))
        .addColumn('last_seq', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('visitor_seen_seq', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('operator_seen_seq', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
      // One thread per visitor (product principle 4); also what makes concurrent ensureVisitorConversation safe.
      await db.schema.createIndex('conversations_visitor_unique').on('conversations').column('visitor_id').unique().execute();
      // The inbox: a site's conversations, most recently updated first.
      await db.schema
        .createIndex('conversations_site_updated_idx')
        .on('conversations')
        .columns(['site_id', 'updated_at'])
        .execute();

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('conversation_id', 'text', (col) => col.notNull().references('conversations.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (col) => col.notNull())
        .addColumn('client_id', 'text', (col) => col.notNull())
        .addColumn('author', 'text', (col) => col.notNull())
        .addColumn('operator_id', 'text', (col) => col.references('operators.id').onDelete('set null'))
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        // The unique constraints double as the indexes for sync (conversation + seq) and retries (+ client id).
        .addUniqueConstraint('messages_conversation_seq_unique', ['conversation_id', 'seq'])
        .addUniqueConstraint('messages_conversation_client_unique', ['conversation_id', 'client_id'])
        // 'system': messages the server writes into a thread itself, such as the acknowledgement of a message
        // left outside hours.
        .addCheckConstraint('messages_author_check', sql`author in ('visitor', 'operator', 'system')`)
        .execute();
      await db.schema.createIndex('messages_operator_idx').on('messages').column('operator_id').execute();
    },
  },

  '0002_availability': {
    async up(db: Kysely<any>) {
      // A site's settings (schedule, behaviour, texts) as one JSON document, validated by the zod schema
      // whenever it is written or read, so an older shape is caught at the boundary.
      await db.schema
        .createTable('site_settings')
        .addColumn('site_id', 'text', (col) => col.primaryKey().references('sites.id').onDelete('cascade'))
        .addColumn('settings', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
      // What a visitor told us (the message form) and where they are, for replies in their language and zone.
      for (const column of ['name', 'email', 'time_zone', 'locale']) {
        await db.schema.alterTable('visitors').addColumn(column, 'text').execute();
      }
      // The promise made to the visitor: answered by this instant; cleared when an operator answers.
      await db.schema.alterTable('conversations').addColumn('reply_by', 'text').execute();
      // The name on a system message (the team's, when the acknowledgement was written).
      await db.schema.alterTable('messages').addColumn('author_name', 'text').execute();
    },
  },

  '0003_console': {
    async up(db: Kysely<any>) {
      // A removed operator keeps their row (their name stays on the messages they wrote) but cannot sign in.
      await db.schema.alterTable('operators').addColumn('removed_at', 'text').execute();

      // The visitor's context for operators (page, pages seen, referrer, browser, visits) and a search column.
      await db.schema.alterTable('visitors').addColumn('verified', 'integer', (col) => col.notNull().defaultTo(0)).execute();
      for (const column of ['user_agent', 'referrer', 'last_seen_at', 'search_text']) {
        await db.schema.alterTable('visitors').addColumn(column, 'text').execute();
      }
      // JSON array of { url, title, at }, newest first, capped by LIMITS.pagesKept.
      await db.schema.alterTable('visitors').addColumn('pages', 'text', (col) => col.notNull().defaultTo('[]')).execute();
      await db.schema.alterTable('visitors').addColumn('visits', 'integer', (col) => col.notNull().defaultTo(1)).execute();

      // The operators' state of a conversation. Resolving never closes anything for the visitor.
      await db.schema
        .alterTable('conversations')
        .addColumn('status', 'text', (col) => col.notNull().defaultTo('open').check(sql`status in ('open', 'resolved')`))
        .execute();
      await db.schema
        .alterTable('conversations')
        .addColumn('assignee_id', 'text', (col) => col.references('operators.id').onDelete('set null'))
        .execute();
      await db.schema
        .alterTable('conversations')
        .addColumn('update_by_operator_id', 'text', (col) => col.references('operators.id').onDelete('set null'))
        .execute();
      for (const column of [
        'resolved_at',
        'update_by',
        'update_by_note',
        'update_by_set_at',
        'follow_up_at',
        'rating',
        'rating_comment',
        'rated_at',
        'last_visitor_message_at',
        'last_operator_message_at',
      ]) {
        await db.schema.alterTable('conversations').addColumn(column, 'text').execute();
      }
      await db.schema.createIndex('conversations_assignee_idx').on('conversations').column('assignee_id').execute();

      await db.schema.alterTable('messages').addColumn('search_text', 'text').execute();

      // Operators' events: notes, handoffs, resolves, promises, ratings. Their own table, never a message, so no
      // visitor code path can select one.
      await db.schema
        .createTable('conversation_events')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('conversation_id', 'text', (col) => col.notNull().references('conversations.id').onDelete('cascade'))
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('client_id', 'text')
        .addColumn('operator_id', 'text', (col) => col.references('operators.id').onDelete('set null'))
        .addColumn('target_operator_id', 'text', (col) => col.references('operators.id').onDelete('set null'))
        .addColumn('body', 'text')
        .addColumn('at', 'text')
        .addColumn('rating', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        // NULL client ids never collide (both databases), so only notes are deduplicated.
        .addUniqueConstraint('conversation_events_client_unique', ['conversation_id', 'client_id'])
        .addCheckConstraint(
          'conversation_events_kind_check',
          sql`kind in ('note', 'assigned', 'resolved', 'reopened', 'update_promised', 'follow_up_set', 'rated')`,
        )
        .execute();
      await db.schema
        .createIndex('conversation_events_conversation_idx')
        .on('conversation_events')
        .columns(['conversation_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('saved_replies')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('shortcut', 'text', (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addUniqueConstraint('saved_replies_site_shortcut_unique', ['site_id', 'shortcut'])
        .execute();

      // Fill the new columns for rows written by earlier versions. The search columns use today's
      // normalizeForSearch; if it ever changes, a new migration must refill them.
      await db.updateTable('visitors').set({ last_seen_at: sql`created_at` }).execute();
      const visitors = await db.selectFrom('visitors').select(['id', 'display_name', 'name', 'email']).execute();
      for (const v of visitors) {
        const text = normalizeForSearch([v.display_name, v.name, v.email].filter(Boolean).join(' '));
        await db.updateTable('visitors').set({ search_text: text }).where('id', '=', v.id).execute();
      }
      const messages = await db.selectFrom('messages').select(['id', 'body']).execute();
      for (const m of messages) {
        await db.updateTable('messages').set({ search_text: normalizeForSearch(m.body) }).where('id', '=', m.id).execute();
      }
      for (const [column, author] of [
        ['last_visitor_message_at', 'visitor'],
        ['last_operator_message_at', 'operator'],
      ] as const) {
        await db
          .updateTable('conversations')
          .set({
            [column]: sql`(select max(m.created_at) from messages m where m.conversation_id = conversations.id and m.author = ${author})`,
          })
          .execute();
      }
    },
  },

  '0004_api_tokens': {
    async up(db: Kysely<any>) {
      // Owners' tokens for the settings API, per site; a token is looked up by its hash alone.
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('token_hash', 'text', (col) => col.notNull().unique())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('api_tokens_site_idx').on('api_tokens').column('site_id').execute();
    },
  },

  // Independent of every other migration (it touches only its own tables and new visitor columns), so it
  // may run before or after a neighbour numbered lower that shipped later (see allowUnorderedMigrations).
  '0005_identity': {
    async up(db: Kysely<any>) {
      // The per-site secret the host site signs user ids with. Stored in clear on purpose: the server must
      // compute the same HMAC to check a signature (docs/security.md).
      await db.schema
        .createTable('site_identity_secrets')
        .addColumn('site_id', 'text', (col) => col.primaryKey().references('sites.id').onDelete('cascade'))
        .addColumn('secret', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      // verified_id: the host site's user id, proven by a signature; one visitor per (site, user).
      // claimed_id: an id the page named without a valid signature; never looked up.
      await db.schema.alterTable('visitors').addColumn('verified_id', 'text').execute();
      await db.schema.alterTable('visitors').addColumn('claimed_id', 'text').execute();
      // NULLs never collide on either database, so only verified visitors are unique.
      await db.schema.createIndex('visitors_site_verified_id_unique').on('visitors').columns(['site_id', 'verified_id']).unique().execute();
      // A verified visitor on another device gets a token of its own; the visitors row keeps the first one.
      await db.schema
        .createTable('visitor_tokens')
        .addColumn('token_hash', 'text', (col) => col.notNull())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('visitor_id', 'text', (col) => col.notNull().references('visitors.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('visitor_tokens_pk', ['site_id', 'token_hash'])
        .execute();
      await db.schema.createIndex('visitor_tokens_visitor_idx').on('visitor_tokens').column('visitor_id').execute();
    },
  },

  // Independent of its neighbours: a table of its own.
  '0006_mail_outbox': {
    async up(db: Kysely<any>) {
      // Every mail Porchlight sends, written before it is sent and marked after: the worker claims a row for
      // a lease, sends it, and marks it sent, so a restart or an SMTP outage loses none.
      await db.schema
        .createTable('mails')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('conversation_id', 'text', (col) => col.references('conversations.id').onDelete('set null'))
        .addColumn('kind', 'text', (col) => col.notNull())
        // What makes a mail the same mail: a retried request enqueues nothing twice.
        .addColumn('dedupe_key', 'text', (col) => col.notNull().unique())
        .addColumn('from_name', 'text', (col) => col.notNull())
        // The site's own sender address; null: the server's MAIL_FROM.
        .addColumn('from_address', 'text')
        .addColumn('recipient', 'text', (col) => col.notNull())
        .addColumn('subject', 'text', (col) => col.notNull())
        .addColumn('text_body', 'text', (col) => col.notNull())
        .addColumn('html_body', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (col) => col.notNull())
        .addColumn('lease_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('sent_at', 'text')
        // For a mail of replies: the newest message it carries, so the next one starts after it.
        .addColumn('covers_seq', 'integer')
        // Where the recipient's answer goes: the conversation's reply address, when inbound mail is on.
        .addColumn('reply_to', 'text')
        .execute();
      // One reply address per conversation: reply+<token>@REPLY_DOMAIN; the token is the key.
      await db.schema
        .createTable('reply_addresses')
        .addColumn('token', 'text', (col) => col.primaryKey())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('conversation_id', 'text', (col) => col.notNull().unique().references('conversations.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('mails_conversation_idx').on('mails').columns(['conversation_id', 'kind']).execute();
      // The links in mails that open the widget on the visitor's thread; only the hash is kept.
      await db.schema
        .createTable('continue_links')
        .addColumn('token_hash', 'text', (col) => col.primaryKey())
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('visitor_id', 'text', (col) => col.notNull().references('visitors.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('used_at', 'text')
        .execute();
      // Addresses that asked for no more mail from a site (the unsubscribe link in every visitor mail).
      await db.schema
        .createTable('mail_opt_outs')
        .addColumn('site_id', 'text', (col) => col.notNull().references('sites.id').onDelete('cascade'))
        .addColumn('email', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('mail_opt_outs_pk', ['site_id', 'email'])
        .execute();
      await db.schema.createIndex('mails_due_idx').on('mails').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('mails_site_idx').on('mails').columns(['site_id', 'created_at']).execute();
    },
  },

  // Independent of its neighbours (one new nullable column), like 0004 and 0005.
  '0007_api_tokens_last_used': {
    async up(db: Kysely<any>) {
      // When a request last used the token, so owners can tell which tokens still matter before revoking one.
      await db.schema.alterTable('api_tokens').addColumn('last_used_at', 'text').execute();
    },
  },

  // Independent of its neighbours (one new nullable column), like 0004, 0005 and 0007.
  '0008_operator_notifications': {
    async up(db: Kysely<any>) {
      // What mail the operator wants about new visitor messages ('off', 'each', 'digest'); null: never chosen,
      // and the default follows their role (server/mail/operator-mails.ts).
      await db.schema.alterTable('operators').addColumn('notify_mail', 'text').execute();
    },
  },
};

/** The migrations kept in code, so nothing has to be found on disk at runtime. */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

/**
 * Applies pending migrations on `db` and throws when one fails.
 *
 * `migrationTableSchema` pins kysely's bookkeeping tables to one Postgres schema: kysely looks for them across
 * every schema of the database, so without it a second Porchlight schema in the same database would be
 * mistaken for this one.
 */
export async function migrateToLatest(db: Kysely<any>, options: { migrationTableSchema?: string } = {}): Promise<void> {
  // Unordered: migrations developed side by side (0004, 0005) may reach a database in either order; each is
  // written to be independent of its neighbours, and kysely still applies pending ones in name order.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true, ...options });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error');
    const name = failed === undefined ? '' : ` ${failed.migrationName}`;
    throw new Error(`Database migration${name} failed`, { cause: error });
  }
}
