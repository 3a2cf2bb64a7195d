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
}
