import type { Generated } from 'kysely';

/**
 * The tables as kysely sees them. Column names are snake_case as stored; the store maps rows to the
 * camelCase records of store.ts. Every timestamp is an ISO-8601 UTC string in a text column (the same in both
 * dialects, and it sorts lexicographically); every id is text.
 */
export interface Database {
  sites: SitesTable;
  operators: OperatorsTable;
  operator_sites: OperatorSitesTable;
  sessions: SessionsTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  site_settings: SiteSettingsTable;
  conversation_events: ConversationEventsTable;
  saved_replies: SavedRepliesTable;
  api_tokens: ApiTokensTable;
  mails: MailsTable;
  continue_links: ContinueLinksTable;
  mail_opt_outs: MailOptOutsTable;
  reply_addresses: ReplyAddressesTable;
  site_identity_secrets: SiteIdentitySecretsTable;
  visitor_tokens: VisitorTokensTable;
}

export interface SitesTable {
  id: string;
  /** Public key used by the embed snippet; unique. */
  key: string;
  name: string;
  created_at: string;
}

export interface OperatorsTable {
  id: string;
  /** Stored lowercased, unique: e-mails compare case-insensitively. */
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  /** Removed from their last site: cannot sign in; the row stays for the names on their messages. */
  removed_at: string | null;
  /** The operator's choice of mail about new visitor messages; null until they choose (migration 0008). */
  notify_mail: string | null;
}

export interface OperatorSitesTable {
  operator_id: string;
  site_id: string;
  role: 'owner' | 'operator';
}

export interface SessionsTable {
  token_hash: string;
  operator_id: string;
  created_at: string;
  expires_at: string;
}

export interface VisitorsTable {
  id: string;
  site_id: string;
  token_hash: string;
  display_name: string;
  created_at: string;
  name: string | null;
  email: string | null;
  time_zone: string | null;
  locale: string | null;
  /** 0 or 1. */
  verified: Generated<number>;
  user_agent: string | null;
  referrer: string | null;
  /** JSON array of PageView, newest first. */
  pages: Generated<string>;
  /** Null only in rows the migration has not filled; the store always writes it. */
  last_seen_at: string | null;
  visits: Generated<number>;
  /** normalizeForSearch of display name, name and e-mail. */
  search_text: string | null;
  /** The host site's user id, proven by its signature (identity verification); unique per site. */
  verified_id: string | null;
  /** A user id the page named without a valid signature: shown, never looked up. */
  claimed_id: string | null;
}

export interface ConversationsTable {
  id: string;
  site_id: string;
  /** Unique: the product keeps one thread per visitor. */
  visitor_id: string;
  last_seq: Generated<number>;
  visitor_seen_seq: Generated<number>;
  operator_seen_seq: Generated<number>;
  created_at: string;
  updated_at: string;
  reply_by: string | null;
  status: Generated<'open' | 'resolved'>;
  resolved_at: string | null;
  assignee_id: string | null;
  update_by: string | null;
  update_by_operator_id: string | null;
  update_by_note: string | null;
  update_by_set_at: string | null;
  follow_up_at: string | null;
  rating: 'good' | 'bad' | null;
  rating_comment: string | null;
  rated_at: string | null;
  last_visitor_message_at: string | null;
  last_operator_message_at: string | null;
}

export interface SiteSettingsTable {
  site_id: string;
  /** JSON text of SiteSettings. */
  settings: string;
  updated_at: string;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string;
  author: 'visitor' | 'operator' | 'system';
  operator_id: string | null;
  /** Set for system messages only; an operator's name comes from the operators table. */
  author_name: string | null;
  body: string;
  created_at: string;
  /** normalizeForSearch(body). */
  search_text: string | null;
}

export interface ConversationEventsTable {
  id: string;
  conversation_id: string;
  kind: 'note' | 'assigned' | 'resolved' | 'reopened' | 'update_promised' | 'follow_up_set' | 'rated';
  client_id: string | null;
  operator_id: string | null;
  target_operator_id: string | null;
  body: string | null;
  at: string | null;
  rating: 'good' | 'bad' | null;
  created_at: string;
}

export interface SavedRepliesTable {
  id: string;
  site_id: string;
  shortcut: string;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/** An owner's API token for one site (settings API); only its hash is stored. */
export interface ApiTokensTable {
  id: string;
  site_id: string;
  name: string;
  /** sha256 of the token, hex; unique. */
  token_hash: string;
  created_at: string;
  /** Null until a request uses it (migration 0006). */
  last_used_at: string | null;
}

export interface SiteIdentitySecretsTable {
  site_id: string;
  /** Kept in clear: the server computes HMACs with it. */
  secret: string;
  created_at: string;
}

/** Further tokens of a visitor (a verified user's other devices); the first one is visitors.token_hash. */
export interface VisitorTokensTable {
  token_hash: string;
  site_id: string;
  visitor_id: string;
  created_at: string;
}

/** The mail outbox: every mail, from queued to sent or failed (store.ts `MailRecord`). */
export interface MailsTable {
  id: string;
  site_id: string;
  conversation_id: string | null;
  kind: string;
  dedupe_key: string;
  from_name: string;
  from_address: string | null;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  covers_seq: number | null;
  reply_to: string | null;
}

export interface ReplyAddressesTable {
  token: string;
  site_id: string;
  conversation_id: string;
  created_at: string;
}

export interface ContinueLinksTable {
  token_hash: string;
  site_id: string;
  visitor_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface MailOptOutsTable {
  site_id: string;
  /** Lowercased. */
  email: string;
  created_at: string;
}
