import { z } from 'zod';
import { Availability } from './availability.ts';
import type { Result } from './result.ts';
import { LIMITS } from './limits.ts';
import {
  ClientId,
  ConversationEvent,
  ConversationSummary,
  Id,
  Message,
  MessageBody,
  RatingValue,
  Seq,
  Text,
  Timestamp,
  VisitorConversation,
  VisitorDetails,
} from './schemas.ts';

/**
 * Every Socket.IO event, declared once. Client-to-server events name a payload schema and, when the client
 * expects an answer, a result schema (the ack carries `Result<result>`). Server-to-client events name the
 * payload schema. The Socket.IO event maps below are derived from these tables, and the server validates
 * every inbound payload with the same schema. Names are `resource:verb`; broadcasts use the past tense.
 */

// ---- Handshake (socket.io `auth`) -------------------------------------------------------------------

/**
 * Who the host page says the visitor is (docs/identity.md). `hash` is HMAC-SHA256(site secret, id) in hex,
 * computed by the host site's server: with it the identity is verified, without it (or with a wrong one) it
 * is only a claim, which never reaches a verified visitor's history.
 */
export const VisitorIdentity = z.object({
  id: Text.check(z.minLength(1, { error: 'A user id cannot be empty.' }), z.maxLength(255, { error: 'A user id can be at most 255 characters long.' })),
  name: Text.check(z.trim(), z.maxLength(80, { error: 'A name can be at most 80 characters long.' }))
    .refine((s) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(s), { error: 'A name must be on one line, without control characters.' })
    .optional(),
  email: z.email({ error: 'Please enter a valid e-mail address.' }).max(254).optional(),
  hash: z.string().max(128).optional(),
});
export type VisitorIdentity = z.infer<typeof VisitorIdentity>;

/** Visitor namespace handshake; `token` is absent on the very first visit. */
export const VisitorHandshake = z.object({
  v: z.int(),
  siteKey: z.string().min(1).max(64),
  token: z.string().min(22).max(128).optional(),
  /** The visitor's IANA time zone and language, so times the server writes (an acknowledgement) are theirs. */
  timeZone: z.string().max(64).optional(),
  locale: z.string().max(35).optional(),
  /**
   * Where the visitor is, for operators: the page the widget runs on (sent again on every reconnect) and
   * the page that sent them. Loose on purpose: a page's odd title must never stop its chat; the server keeps
   * only http(s) URLs and cleans the title.
   */
  page: z.object({ url: z.string().max(4096), title: z.string().max(1024) }).optional(),
  referrer: z.string().max(4096).optional(),
  /** The signed-in user of the host site, when it knows one (see VisitorIdentity). */
  identity: VisitorIdentity.optional(),
});
export type VisitorHandshake = z.infer<typeof VisitorHandshake>;

/** Operator namespace handshake; the operator is known from the session cookie. */
export const OperatorHandshake = z.object({ v: z.int() });
export type OperatorHandshake = z.infer<typeof OperatorHandshake>;

// ---- Visitor namespace `/visitor` -------------------------------------------------------------------

export const VisitorSyncRequest = z.object({ afterSeq: Seq });
export const VisitorSyncResult = z.object({
  visitorId: Id,
  /** Set only when the server has just issued a token for this browser: store it and send it next time. */
  token: z.string().nullable(),
  conversation: VisitorConversation.nullable(),
  /** Messages with seq > afterSeq, oldest first, at most LIMITS.syncPageSize. */
  messages: z.array(Message),
  hasMore: z.boolean(),
});
export type VisitorSyncResult = z.infer<typeof VisitorSyncResult>;

export const VisitorSendRequest = z.object({ clientId: ClientId, body: MessageBody });
export const SendResult = z.object({ message: Message });
export type SendResult = z.infer<typeof SendResult>;

export const VisitorTypingRequest = z.object({ isTyping: z.boolean() });

/**
 * The message form shown when nobody can chat. `website` is a honeypot: people never see it, bots fill it.
 * `email` is required unless the visitor gave one before.
 */
export const FormSubmitRequest = z.object({
  clientId: ClientId,
  body: MessageBody,
  // One line: a name travels into mails, where a line break could otherwise begin a header of its own.
  name: Text.check(z.maxLength(80, { error: 'A name can be at most 80 characters long.' }))
    .refine((s) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(s), { error: 'A name must be on one line, without control characters.' })
    .optional(),
  email: z.email({ error: 'Please enter a valid e-mail address.' }).max(254).optional(),
  website: z.string().max(200).optional(),
});
export const FormSubmitResult = z.object({
  message: Message,
  /** The automatic reply posted into the thread: who answers and by when, in the visitor's language and zone. */
  acknowledgement: Message,
});
export type FormSubmitResult = z.infer<typeof FormSubmitResult>;
export const SeenRequest = z.object({ upToSeq: Seq });
export const SeenResult = z.object({ upToSeq: Seq });

/** The visitor's quick rating, accepted while the conversation is resolved; a second one replaces the first. */
export const RateRequest = z.object({
  rating: RatingValue,
  comment: Text.check(
    z.maxLength(LIMITS.ratingCommentLength, { error: 'A comment can be at most 1,000 characters long.' }),
  ).optional(),
});
export const VisitorConversationResult = z.object({ conversation: VisitorConversation });

/** `visitor:identify`: the page learned who the visitor is after the widget connected (a sign-in). */
export const IdentifyResult = z.object({
  visitorId: Id,
  /**
   * Non-null when this socket now belongs to another visitor (the verified user's record, or a fresh one
   * when another verified user was signed in here): store it in place of the old token and sync from 0.
   */
  token: z.string().nullable(),
  verified: z.boolean(),
});
export type IdentifyResult = z.infer<typeof IdentifyResult>;

export const visitorClientEvents = {
  'conversation:sync': { payload: VisitorSyncRequest, result: VisitorSyncResult },
  'message:send': { payload: VisitorSendRequest, result: SendResult },
  'message:seen': { payload: SeenRequest, result: SeenResult },
  'typing:update': { payload: VisitorTypingRequest, result: null },
  'form:submit': { payload: FormSubmitRequest, result: FormSubmitResult },
  'conversation:rate': { payload: RateRequest, result: VisitorConversationResult },
  'visitor:identify': { payload: VisitorIdentity, result: IdentifyResult },
} as const;

export const VisitorTyping = z.object({ isTyping: z.boolean(), name: z.string().nullable() });
export const ConversationSeen = z.object({
  conversationId: Id,
  by: z.enum(['visitor', 'operator']),
  upToSeq: Seq,
});
export type ConversationSeen = z.infer<typeof ConversationSeen>;

export const visitorServerEvents = {
  'message:created': Message,
  'typing:updated': VisitorTyping,
  'conversation:seen': ConversationSeen,
  /** Sent to every connected widget of the site when what it should show changes (within 5 s). */
  'availability:changed': Availability,
  /** The conversation's state changed (resolved, reopened, an "update by" promise set, kept or cleared, rated). */
  'conversation:updated': VisitorConversation,
} as const;

// ---- Operator namespace `/operator` -----------------------------------------------------------------

export const ConversationListRequest = z.object({ siteId: Id.optional() });
export const ConversationListResult = z.object({ conversations: z.array(ConversationSummary) });

export const OperatorSyncRequest = z.object({ conversationId: Id, afterSeq: Seq });
export const OperatorSyncResult = z.object({
  conversation: ConversationSummary,
  messages: z.array(Message),
  hasMore: z.boolean(),
});
export type OperatorSyncResult = z.infer<typeof OperatorSyncResult>;

export const OperatorSendRequest = z.object({ conversationId: Id, clientId: ClientId, body: MessageBody });
export const PresenceStatus = z.enum(['online', 'away', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
/** `online` also counts as activity: the console sends it on user activity to stay clear of auto-away. */
export const PresenceUpdateRequest = z.object({ status: z.enum(['online', 'away']) });
export const OperatorPresence = z.object({
  operatorId: Id,
  name: z.string(),
  status: PresenceStatus,
  /** Why an away operator is away: they chose it, or the server set it after inactivity; null otherwise. */
  awayReason: z.enum(['chosen', 'idle']).nullable(),
});
export type OperatorPresence = z.infer<typeof OperatorPresence>;
export const PresenceListResult = z.object({ operators: z.array(OperatorPresence) });

export const OperatorTypingRequest = z.object({ conversationId: Id, isTyping: z.boolean() });
export const OperatorSeenRequest = z.object({ conversationId: Id, upToSeq: Seq });

/** Everything about a conversation besides its messages: the visitor, the operators' timeline, related threads. */
export const ConversationDetailsRequest = z.object({ conversationId: Id });
export const ConversationDetailsResult = z.object({
  conversation: ConversationSummary,
  visitor: VisitorDetails,
  /** Operators' events, oldest first (notes, handoffs, resolves, …). */
  events: z.array(ConversationEvent),
  /** The same person's other conversations on this site: other visitors who gave the same e-mail. */
  related: z.array(ConversationSummary),
});
export type ConversationDetailsResult = z.infer<typeof ConversationDetailsResult>;

/** An internal note: operators only, never a visitor. */
export const NoteAddRequest = z.object({ conversationId: Id, clientId: ClientId, body: MessageBody });
export const ConversationEventResult = z.object({ conversation: ConversationSummary, event: ConversationEvent });
export type ConversationEventResult = z.infer<typeof ConversationEventResult>;

/** Assign to an operator of the site, or hand back to the whole team (null), optionally with a note. */
export const AssignRequest = z.object({ conversationId: Id, operatorId: Id.nullable(), note: MessageBody.optional() });
/** Resolve, optionally asking to come back on `followUpAt` to check that all is well. */
export const ResolveRequest = z.object({ conversationId: Id, followUpAt: Timestamp.nullable() });
export const ReopenRequest = z.object({ conversationId: Id });
/** Set (or, with null, withdraw) "we'll update you by <at>"; `at` must be in the future. */
export const PromiseRequest = z.object({
  conversationId: Id,
  at: Timestamp.nullable(),
  note: Text.check(z.maxLength(300, { error: 'A note can be at most 300 characters long.' })).optional(),
});
/** Set, move or (null) dismiss the follow-up reminder. */
export const FollowUpRequest = z.object({ conversationId: Id, at: Timestamp.nullable() });
export const SearchRequest = z.object({
  query: z
    .string()
    .trim()
    .min(2, { error: 'Type at least 2 characters to search.' })
    .max(100, { error: 'A search can be at most 100 characters long.' }),
  siteId: Id.optional(),
});
export const SearchHit = z.object({
  conversation: ConversationSummary,
  /** The matching message's text (or null when the name or e-mail matched), for the result list. */
  snippet: z.string().nullable(),
  /** The matching message's seq, to scroll to; null when the name or e-mail matched. */
  seq: z.int().min(1).nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResult = z.object({ hits: z.array(SearchHit) });

export const operatorClientEvents = {
  'conversation:list': { payload: ConversationListRequest, result: ConversationListResult },
  'conversation:sync': { payload: OperatorSyncRequest, result: OperatorSyncResult },
  'message:send': { payload: OperatorSendRequest, result: SendResult },
  'message:seen': { payload: OperatorSeenRequest, result: SeenResult },
  'typing:update': { payload: OperatorTypingRequest, result: null },
  'presence:update': { payload: PresenceUpdateRequest, result: OperatorPresence },
  'presence:list': { payload: z.object({}), result: PresenceListResult },
  'conversation:details': { payload: ConversationDetailsRequest, result: ConversationDetailsResult },
  'note:add': { payload: NoteAddRequest, result: ConversationEventResult },
  'conversation:assign': { payload: AssignRequest, result: ConversationEventResult },
  'conversation:resolve': { payload: ResolveRequest, result: ConversationEventResult },
  'conversation:reopen': { payload: ReopenRequest, result: ConversationEventResult },
  'conversation:promise': { payload: PromiseRequest, result: ConversationEventResult },
  'conversation:follow-up': { payload: FollowUpRequest, result: ConversationEventResult },
  'conversation:search': { payload: SearchRequest, result: SearchResult },
} as const;

export const OperatorMessageCreated = z.object({ message: Message, conversation: ConversationSummary });
export const OperatorTyping = z.object({
  conversationId: Id,
  by: z.enum(['visitor', 'operator']),
  operatorId: Id.nullable(),
  name: z.string(),
  isTyping: z.boolean(),
});

export const operatorServerEvents = {
  'message:created': OperatorMessageCreated,
  'conversation:seen': ConversationSeen,
  'typing:updated': OperatorTyping,
  /** An operator of one of this operator's sites changed status (including this operator, from another tab). */
  'presence:changed': OperatorPresence,
  /**
   * A conversation's state changed (assigned, resolved, reopened, promised, follow-up, rated, a note added):
   * the new summary and the event that changed it, to every operator of the site (the actor's other tabs too).
   */
  'conversation:updated': ConversationEventResult,
} as const;

// ---- Derived Socket.IO event maps ---------------------------------------------------------------------

interface ClientEventSpec {
  payload: z.ZodType;
  result: z.ZodType | null;
}

/** Ack callback type for an event whose result schema is R. */
export type Ack<R extends z.ZodType> = (result: Result<z.infer<R>>) => void;

export type ClientEventMap<T extends Record<string, ClientEventSpec>> = {
  [K in keyof T]: T[K]['result'] extends z.ZodType
    ? (payload: z.infer<T[K]['payload']>, ack: Ack<T[K]['result']>) => void
    : (payload: z.infer<T[K]['payload']>) => void;
};

export type ServerEventMap<T extends Record<string, z.ZodType>> = {
  [K in keyof T]: (payload: z.infer<T[K]>) => void;
};

export type VisitorClientEvents = ClientEventMap<typeof visitorClientEvents>;
export type VisitorServerEvents = ServerEventMap<typeof visitorServerEvents>;
export type OperatorClientEvents = ClientEventMap<typeof operatorClientEvents>;
export type OperatorServerEvents = ServerEventMap<typeof operatorServerEvents>;

/** The data an acknowledged client event answers with, by event name. */
export type EventResult<T extends Record<string, ClientEventSpec>, K extends keyof T> =
  T[K]['result'] extends z.ZodType ? z.infer<T[K]['result']> : never;
export type VisitorResult<K extends keyof typeof visitorClientEvents> = EventResult<typeof visitorClientEvents, K>;
export type OperatorResult<K extends keyof typeof operatorClientEvents> = EventResult<typeof operatorClientEvents, K>;

export const NAMESPACES = { visitor: '/visitor', operator: '/operator' } as const;
