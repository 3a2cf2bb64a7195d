import type {
  ApiToken,
  Author,
  NotificationMode,
  ConversationEvent,
  ConversationSummary,
  Message,
  PageView,
  RatingValue,
  Role,
  SavedReply,
  SearchHit,
  Site,
  SiteMembership,
  TeamMember,
  VisitorConversation,
} from '../../shared/index.ts';

/** Which database a store talks to; also reported by `/healthz`. */
export type Dialect = 'sqlite' | 'postgres';

export interface OperatorRecord {
  id: string;
  email: string;
  name: string;
  /** scrypt hash in the form produced by server/auth/password.ts. */
  passwordHash: string;
  createdAt: string;
  /** Set when the operator was removed from their last site: they can no longer sign in. */
  removedAt: string | null;
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
  /** Whether the host site vouched for this identity (identity verification); false until then. */
  verified: boolean;
  /** The host site's user id, proven by its signature; unique per site. Null for anonymous visitors. */
  verifiedId: string | null;
  /** A user id the page named without a valid signature: for operators to read, never looked up. */
  claimedId: string | null;
  userAgent: string | null;
  referrer: string | null;
  /** Newest first, at most LIMITS.pagesKept. */
  pages: PageView[];
  lastSeenAt: string;
  visits: number;
}

/** A widget connecting: where the visitor is now. Undefined fields keep what is stored. */
export interface VisitInput {
  visitorId: string;
  now: string;
  /** A visit begins when the previous connection was at least this long ago (ms); it counts and takes the referrer. */
  newVisitAfterMs: number;
  userAgent?: string | undefined;
  /**
   * Replaces the stored referrer when a new visit begins (undefined there: a direct visit, stored as null);
   * within a visit only fills a missing one, so the first visit, recorded right after createVisitor, keeps its own.
   */
  referrer?: string | undefined;
  /** Prepended to `pages` unless it is the same URL as the newest one (then only its title and time change). */
  page?: { url: string; title: string } | undefined;
  timeZone?: string | undefined;
  locale?: string | undefined;
}

export interface VisitorProfileUpdate {
  visitorId: string;
  /** Fields left undefined keep their stored value. */
  name?: string | undefined;
  email?: string | undefined;
  timeZone?: string | undefined;
  locale?: string | undefined;
  /** An unverified user id (see VisitorRecord.claimedId). */
  claimedId?: string | undefined;
}

/** A site's identity-verification secret (docs/identity.md). */
export interface IdentitySecretRecord {
  secret: string;
  createdAt: string;
}

export interface NewVisitor {
  siteId: string;
  tokenHash: string;
  displayName: string;
  now: string;
  /** A verified user id: the visitor starts verified. StoreConflictError when the site already has one. */
  verifiedId?: string | undefined;
  /** An unverified user id. */
  claimedId?: string | undefined;
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
  /** A visitor message on a resolved conversation reopens it, in the same transaction; this is that event. */
  reopened: ConversationEvent | null;
}

/** The result of a change to a conversation's state: the new summary and the event recorded for it. */
export interface ConversationChange {
  conversation: ConversationSummary;
  event: ConversationEvent;
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
  /**
   * A new site with its first owner and its settings document, all or nothing (ST54). StoreConflictError when
   * the key is taken, StoreNotFoundError when the operator does not exist; either way nothing is created.
   */
  createSite(input: { key: string; name: string; ownerId: string; settings: unknown; now: string }): Promise<Site>;
  /** Gives the site a new name, keeping its key (ST56). StoreNotFoundError for an unknown site. */
  renameSite(input: { id: string; name: string }): Promise<Site>;

  /** Throws StoreConflictError when the e-mail (compared case-insensitively) is taken. */
  createOperator(input: { email: string; name: string; passwordHash: string; now: string }): Promise<OperatorRecord>;
  getOperatorByEmail(email: string): Promise<OperatorRecord | undefined>;
  getOperatorById(id: string): Promise<OperatorRecord | undefined>;
  countOperators(): Promise<number>;
  /**
   * Idempotent; an existing membership gets the given role. Refuses (StoreConflictError) to make the site's
   * last owner an operator.
   */
  addOperatorToSite(input: { operatorId: string; siteId: string; role: Role }): Promise<void>;
  /** The operator's sites with their role on each, by name. */
  listSitesOfOperator(operatorId: string): Promise<SiteMembership[]>;
  isOperatorOfSite(operatorId: string, siteId: string): Promise<boolean>;
  /** The operator's role on the site, or undefined when they do not belong to it. */
  getOperatorRole(operatorId: string, siteId: string): Promise<'owner' | 'operator' | undefined>;
  /** Operators of any of these sites, each once, by name. */
  listOperatorsOfSites(siteIds: string[]): Promise<Array<{ id: string; name: string; siteIds: string[] }>>;
  /** A site's team with roles, by name. */
  listSiteTeam(siteId: string): Promise<TeamMember[]>;
  /**
   * Removes the operator from the site and unassigns them from its conversations; when it was their last
   * site, marks them removed (`removedAt`) and deletes all their sessions. Throws StoreNotFoundError when they
   * are not a member. Refuses (StoreConflictError) to remove the site's last owner.
   */
  removeOperatorFromSite(input: { operatorId: string; siteId: string; now: string }): Promise<{ removedAccount: boolean }>;
  /** Gives a removed operator their account back with a new name and password (they are re-added by the caller). */
  restoreOperator(input: { operatorId: string; name: string; passwordHash: string }): Promise<OperatorRecord>;
  /** The operator's choice of mail about new visitor messages (ST59); null when they never chose. */
  getNotificationMode(operatorId: string): Promise<NotificationMode | null>;
  /** Stores the operator's choice (ST59); StoreNotFoundError for an unknown operator. */
  setNotificationMode(input: { operatorId: string; mode: NotificationMode }): Promise<void>;
  /** Replaces the password hash and deletes every session of the operator. */
  setOperatorPassword(input: { operatorId: string; passwordHash: string }): Promise<void>;

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
  /** Hashes of the operator's live sessions (their sockets are in rooms named after them). */
  listSessionsOfOperator(operatorId: string): Promise<string[]>;

  // Visitors and conversations
  createVisitor(input: NewVisitor): Promise<VisitorRecord>;
  /** The visitor whose first token (createVisitor) or added token (addVisitorToken) this is. */
  getVisitorByToken(siteId: string, tokenHash: string): Promise<VisitorRecord | undefined>;
  getVisitorById(visitorId: string): Promise<VisitorRecord | undefined>;
  /** Sets the given profile fields; throws StoreNotFoundError for an unknown visitor. */
  updateVisitorProfile(input: VisitorProfileUpdate): Promise<VisitorRecord>;
  /** Records a widget connecting (see VisitInput); throws StoreNotFoundError for an unknown visitor. */
  recordVisit(input: VisitInput): Promise<VisitorRecord>;
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
  /** Other conversations on the site whose visitor gave this e-mail (compared case-insensitively), newest first. */
  listConversationsByEmail(input: { siteId: string; email: string; excludeConversationId: string }): Promise<ConversationSummary[]>;
  /**
   * Conversations of these sites whose visitor's name, generated name or e-mail, or any message, contains the
   * query, compared as normalizeForSearch does (no diacritics, no case). Newest activity first; each
   * conversation once, with its newest matching message as the snippet.
   */
  searchConversations(siteIds: string[], query: string, options: { limit: number }): Promise<SearchHit[]>;

  // Conversation state (operators). Each records its event in the same transaction and returns both;
  // StoreNotFoundError for an unknown conversation.
  /** Operators' events, oldest first. */
  listConversationEvents(conversationId: string): Promise<ConversationEvent[]>;
  /** An internal note. A repeated (conversationId, clientId) returns the stored note and changes nothing. */
  addNote(input: { conversationId: string; operatorId: string; clientId: string; body: string; now: string }): Promise<ConversationChange>;
  /** Sets the assignee (null: the whole team); `note` is kept on the 'assigned' event. */
  assignConversation(input: {
    conversationId: string;
    operatorId: string;
    assigneeId: string | null;
    note: string | null;
    now: string;
  }): Promise<ConversationChange>;
  /**
   * Resolves: status 'resolved', clears the open reply and update promises and the rating (a new resolve asks
   * again), sets or clears the follow-up.
   */
  resolveConversation(input: { conversationId: string; operatorId: string; followUpAt: string | null; now: string }): Promise<ConversationChange>;
  /** Back to 'open' (operatorId null: the visitor wrote again). The assignee is kept unless `clearAssignee`. */
  reopenConversation(input: { conversationId: string; operatorId: string | null; clearAssignee: boolean; now: string }): Promise<ConversationChange>;
  /** Sets (or with null clears) the "update by" promise. */
  setUpdatePromise(input: { conversationId: string; operatorId: string; at: string | null; note: string | null; now: string }): Promise<ConversationChange>;
  /** Sets (or with null dismisses) the follow-up reminder. */
  setFollowUp(input: { conversationId: string; operatorId: string; at: string | null; now: string }): Promise<ConversationChange>;
  /** The visitor's rating; replaces an earlier one since the last resolve. StoreConflictError unless resolved. */
  rateConversation(input: { conversationId: string; rating: RatingValue; comment: string | null; now: string }): Promise<ConversationChange>;

  // Identity verification (docs/identity.md)
  getIdentitySecret(siteId: string): Promise<IdentitySecretRecord | undefined>;
  /** Sets or replaces the site's secret (the old one is gone at once). StoreNotFoundError for an unknown site. */
  setIdentitySecret(input: { siteId: string; secret: string; now: string }): Promise<IdentitySecretRecord>;
  /** The site's visitor verified as this user id. */
  getVisitorByVerifiedId(siteId: string, verifiedId: string): Promise<VisitorRecord | undefined>;
  /**
   * Marks the visitor verified as this user id. StoreConflictError when another visitor of the site has it, or
   * when this visitor is already verified as another id; StoreNotFoundError for an unknown visitor.
   */
  verifyVisitor(input: { visitorId: string; verifiedId: string }): Promise<VisitorRecord>;
  /** Another token for the visitor (a verified user on another device). StoreNotFoundError for an unknown visitor. */
  addVisitorToken(input: { visitorId: string; tokenHash: string; now: string }): Promise<void>;

  // Saved replies (per site)
  /** By shortcut. */
  listSavedReplies(siteId: string): Promise<SavedReply[]>;
  /** StoreConflictError when the shortcut is taken on the site. */
  createSavedReply(input: { siteId: string; shortcut: string; title: string; body: string; now: string }): Promise<SavedReply>;
  /** StoreNotFoundError unless the reply belongs to the site; StoreConflictError when the shortcut is taken. */
  updateSavedReply(input: { id: string; siteId: string; shortcut: string; title: string; body: string; now: string }): Promise<SavedReply>;
  /** StoreNotFoundError unless the reply belongs to the site. */
  deleteSavedReply(input: { id: string; siteId: string }): Promise<void>;

  // API tokens (per site; only hashes are stored)
  /** StoreNotFoundError for an unknown site. The hash is unique (a collision is StoreConflictError). */
  createApiToken(input: { siteId: string; name: string; tokenHash: string; now: string }): Promise<ApiToken>;
  /** The site's tokens, oldest first, without hashes. */
  listApiTokens(siteId: string): Promise<ApiToken[]>;
  /** The token with this hash and the site it belongs to; a revoked token is not found. */
  getApiTokenByHash(tokenHash: string): Promise<(ApiToken & { siteId: string }) | undefined>;
  /** Revokes (deletes) it; StoreNotFoundError unless the token belongs to the site. */
  deleteApiToken(input: { id: string; siteId: string }): Promise<void>;
  /** Records that a request used the token now (ST55); a token revoked meanwhile is left alone. */
  markApiTokenUsed(input: { id: string; now: string }): Promise<void>;

  // The mail outbox (server/mail/): queued in the database, claimed, sent, marked
  /**
   * Queues a mail due at `now`. A second call with the same `dedupeKey` creates nothing and returns the mail
   * already queued (`created: false`), so a retried request never sends twice. StoreNotFoundError for an
   * unknown site.
   */
  enqueueMail(input: NewMail): Promise<{ mail: MailRecord; created: boolean }>;
  /**
   * Claims up to `limit` mails that are due: queued with `nextAttemptAt <= now`, or still 'sending' after
   * their lease ran out (the process that claimed them stopped). Each is returned to exactly one caller, even
   * when several claim at once, as 'sending' with `leaseUntil` and one more attempt counted; oldest due first.
   */
  claimMails(input: { now: string; leaseUntil: string; limit: number }): Promise<MailRecord[]>;
  /** Marks a claimed mail sent; false (and no change) when it is not 'sending' any more. */
  markMailSent(input: { id: string; now: string }): Promise<boolean>;
  /** Puts a claimed mail back in the queue for `nextAttemptAt`, keeping the error for the console. */
  retryMail(input: { id: string; nextAttemptAt: string; error: string }): Promise<void>;
  /** Gives up on a claimed mail (address rejected, or out of attempts). */
  failMail(input: { id: string; error: string; now: string }): Promise<void>;
  /**
   * A site's mails, newest first (by `createdAt`, then `id`), at most `limit`; only those older than the
   * `before` cursor (a listed mail's `createdAt` and `id`) when given, and only one conversation's when
   * `conversationId` is given.
   */
  listMails(input: { siteId: string; limit: number; before?: MailCursor | undefined; conversationId?: string | undefined }): Promise<MailRecord[]>;
  /**
   * Fills in a claimed mail that is composed when due (a mail of replies): its content and the newest message
   * it carries. A retry sends that same content.
   */
  composeMail(input: { id: string; subject: string; text: string; html: string; coversSeq: number | null }): Promise<void>;
  /** Drops a claimed mail that has nothing left to say (the visitor has read the replies meanwhile). */
  cancelMail(input: { id: string; reason: string }): Promise<void>;
  /**
   * The newest message seq a mail of this kind for the conversation carried (cancelled ones excepted); 0 when
   * none. With `recipient`, only mails to that address count (ST58: each operator has their own).
   */
  lastCoveredSeq(input: { conversationId: string; kind: string; recipient?: string }): Promise<number>;

  // Continue links (a mail's link back to the thread); only the hash of a token is stored
  createContinueLink(input: { tokenHash: string; siteId: string; visitorId: string; now: string; expiresAt: string }): Promise<void>;
  getContinueLink(tokenHash: string): Promise<ContinueLinkRecord | undefined>;
  /** Marks it used at `now`; false when it was used already (a link works once), even under concurrent calls. */
  useContinueLink(input: { tokenHash: string; now: string }): Promise<boolean>;

  // Mail opt-outs: addresses (any case) that asked a site for no more mail
  /** Idempotent; the first time is kept. */
  optOutOfMail(input: { siteId: string; email: string; now: string }): Promise<void>;
  isOptedOutOfMail(input: { siteId: string; email: string }): Promise<boolean>;
  /** The mail with this id, whatever its site (the unsubscribe link names it). */
  getMail(id: string): Promise<MailRecord | undefined>;

  // Reply addresses (inbound mail): one per conversation
  /** The conversation's reply token: the stored one, or `token` stored now. StoreNotFoundError for an unknown conversation. */
  ensureReplyToken(input: { conversationId: string; token: string; now: string }): Promise<string>;
  /** The conversation a reply token belongs to. */
  getReplyToken(token: string): Promise<{ siteId: string; conversationId: string } | undefined>;

  // Messages
  /**
   * Stores a message, assigning the conversation's next sequence number in the same transaction, so
   * sequences are gap-free and commit in order. A repeated (conversationId, clientId) returns the stored
   * message with `created: false` and changes nothing. Throws StoreNotFoundError for an unknown conversation.
   * An operator message clears the conversation's reply promise (replyBy) and "update by" promise (updateBy):
   * they have been kept, and a follow-up that is due (followUpAt <= now). A visitor message on a resolved
   * conversation reopens it (status 'open', a 'reopened' event by the visitor, assignee kept) in the same
   * transaction. Each message moves its side's lastVisitorMessageAt / lastOperatorMessageAt.
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

/** A mail to queue (see `Store.enqueueMail`). */
export interface NewMail {
  /** Given when the content must name the mail (its unsubscribe link); a random id otherwise. */
  id?: string;
  siteId: string;
  conversationId: string | null;
  /** What it is, e.g. 'receipt' (a visitor's message was received). */
  kind: string;
  dedupeKey: string;
  /** The display name of the sender. */
  fromName: string;
  /** The site's sender address; null or absent: the server's MAIL_FROM. */
  fromAddress?: string | null;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** Reply-To: the conversation's reply address, when inbound mail is on. */
  replyTo?: string | null;
  now: string;
  /** When it may be sent; now when absent. A mail of replies waits a little, in case the visitor reads them. */
  dueAt?: string;
}

/** Where a page of `listMails` ends: the last listed mail's creation time and id. */
export interface MailCursor {
  createdAt: string;
  id: string;
}

export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface ContinueLinkRecord {
  siteId: string;
  visitorId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface MailRecord extends Omit<NewMail, 'now' | 'dueAt' | 'id'> {
  id: string;
  status: MailStatus;
  /** Sending attempts started so far (claims). */
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  coversSeq: number | null;
  replyTo: string | null;
}
