import type { Author, ConversationSummary, Message, Site, VisitorConversation } from '../../shared/index.ts';

/** Which database a store talks to; also reported by `/healthz`. */
export type Dialect = 'sqlite' | 'postgres';

export interface OperatorRecord {
  id: string;
  email: string;
  name: string;
  /** scrypt hash in the form produced by server/auth/password.ts. */
  passwordHash: string;
  createdAt: string;
}

export interface SessionRecord {
  /** sha256 of the cookie token, hex; the token itself is never stored. */
  tokenHash: string;
  operatorId: string;
  createdAt: string;
  /** Sliding expiry: moved forward by `touchSession`. */
  expiresAt: string;
}

export interface VisitorRecord {
  id: string;
  siteId: string;
  /** sha256 of the visitor token, hex. */
  tokenHash: string;
  /** Friendly generated name shown to operators until the visitor gives their own. */
  displayName: string;
  createdAt: string;
  /** What the visitor told us (the message form); null until they do. */
  name: string | null;
  email: string | null;
  /** The visitor's IANA zone and language, as their browser last reported them. */
  timeZone: string | null;
  locale: string | null;
}

export interface VisitorProfileUpdate {
  visitorId: string;
  /** Fields left undefined keep their stored value. */
  name?: string | undefined;
  email?: string | undefined;
  timeZone?: string | undefined;
  locale?: string | undefined;
}

export interface StoredSettings {
  /** Parsed JSON as stored; the caller validates it (it may come from an older version). */
  settings: unknown;
  updatedAt: string;
}

export interface NewMessage {
  conversationId: string;
  clientId: string;
  author: Author;
  /** Required when author is 'operator', null otherwise. */
  operatorId: string | null;
  /** The name shown on a system message (the team's); ignored for other authors. */
  authorName?: string | null;
  body: string;
  /** ISO-8601 UTC instant; the store never reads the clock. */
  now: string;
}

export interface AppendResult {
  message: Message;
  /** false when a message with the same clientId already existed in this conversation and was returned instead. */
  created: boolean;
}

export interface MessagePage {
  messages: Message[];
  hasMore: boolean;
}

/**
 * Everything the server keeps. Two implementations (SQLite and Postgres, both through kysely) pass the same
 * contract suite (server/storage/store-contract.ts). Every method is atomic: it either fully happens or
 * not at all. Times are ISO-8601 UTC strings passed in by the caller.
 */
export interface Store {
  readonly dialect: Dialect;

  /** Applies pending migrations. Safe to call on every start and from several processes. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Waits for running work to finish, then closes every connection. */
  close(): Promise<void>;

  // Sites and operators
  /** Returns the site with this key, creating it with `name` when it does not exist. */
  ensureSite(input: { key: string; name: string; now: string }): Promise<Site>;
  getSiteByKey(key: string): Promise<Site | undefined>;
  getSiteById(id: string): Promise<Site | undefined>;

  /** Throws StoreConflictError when the e-mail (compared case-insensitively) is taken. */
  createOperator(input: { email: string; name: string; passwordHash: string; now: string }): Promise<OperatorRecord>;
  getOperatorByEmail(email: string): Promise<OperatorRecord | undefined>;
  getOperatorById(id: string): Promise<OperatorRecord | undefined>;
  countOperators(): Promise<number>;
  /** Idempotent. */
  addOperatorToSite(input: { operatorId: string; siteId: string; role: 'owner' | 'operator' }): Promise<void>;
  listSitesOfOperator(operatorId: string): Promise<Site[]>;
  isOperatorOfSite(operatorId: string, siteId: string): Promise<boolean>;
  /** The operator's role on the site, or undefined when they do not belong to it. */
  getOperatorRole(operatorId: string, siteId: string): Promise<'owner' | 'operator' | undefined>;
  /** Operators of any of these sites, each once, by name. */
  listOperatorsOfSites(siteIds: string[]): Promise<Array<{ id: string; name: string; siteIds: string[] }>>;

  // Site settings (one JSON document per site)
  getSiteSettings(siteId: string): Promise<StoredSettings | undefined>;
  /** Replaces the whole document atomically. */
  putSiteSettings(input: { siteId: string; settings: unknown; now: string }): Promise<void>;

  // Operator sessions
  createSession(input: SessionRecord): Promise<void>;
  /** The session when it exists and `expiresAt > now`; expired sessions are never returned. */
  getSession(tokenHash: string, now: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, expiresAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;

  // Visitors and conversations
  createVisitor(input: { siteId: string; tokenHash: string; displayName: string; now: string }): Promise<VisitorRecord>;
  getVisitorByToken(siteId: string, tokenHash: string): Promise<VisitorRecord | undefined>;
  getVisitorById(visitorId: string): Promise<VisitorRecord | undefined>;
  /** Sets the given profile fields; throws StoreNotFoundError for an unknown visitor. */
  updateVisitorProfile(input: VisitorProfileUpdate): Promise<VisitorRecord>;
  /** The visitor's one conversation (the most recent when there are several), if any. */
  getVisitorConversation(visitorId: string): Promise<VisitorConversation | undefined>;
  /** The visitor's conversation, created when there is none yet. Concurrent calls create one conversation. */
  ensureVisitorConversation(input: { siteId: string; visitorId: string; now: string }): Promise<VisitorConversation>;
  getConversationSummary(conversationId: string): Promise<ConversationSummary | undefined>;
  /**
   * Records the reply promise made to the visitor. An earlier open promise is kept (a later message never
   * pushes a promise further out); null clears it. Operator messages clear it when appended.
   */
  setReplyBy(input: { conversationId: string; replyBy: string }): Promise<string>;
  /** The site's conversations, most recently updated first. */
  listConversations(siteIds: string[], options: { limit: number }): Promise<ConversationSummary[]>;

  // Messages
  /**
   * Stores a message, assigning the conversation's next sequence number in the same transaction, so
   * sequences are gap-free and commit in order. A repeated (conversationId, clientId) returns the stored
   * message with `created: false` and changes nothing. Throws StoreNotFoundError for an unknown conversation.
   * An operator message clears the conversation's reply promise (replyBy): it has been kept.
   */
  appendMessage(input: NewMessage): Promise<AppendResult>;
  /** Messages with seq > afterSeq, oldest first, at most `limit`. */
  listMessages(conversationId: string, options: { afterSeq: number; limit: number }): Promise<MessagePage>;
  /**
   * Raises the side's seen mark to `upToSeq` (never lowers it, never above the last sequence) and returns
   * the mark now stored.
   */
  markSeen(input: { conversationId: string; by: Author; upToSeq: number }): Promise<number>;
}

/** A unique value (operator e-mail, site key) is already taken. */
export class StoreConflictError extends Error {
  override name = 'StoreConflictError';
}

/** A row the operation depends on does not exist. */
export class StoreNotFoundError extends Error {
  override name = 'StoreNotFoundError';
}
