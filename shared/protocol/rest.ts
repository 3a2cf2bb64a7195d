import { z } from 'zod';
import { LIMITS } from './limits.ts';
import { NotificationMode, OperatorProfile, Role, SavedReply, SiteMembership, TeamMember, Text } from './schemas.ts';

/** `POST /api/v1/auth/login` body. */
export const LoginRequest = z.object({
  email: z.string().trim().min(1, { error: 'Enter your e-mail address.' }).max(320),
  password: z.string().min(1, { error: 'Enter your password.' }).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Answer to a successful login and to `GET /api/v1/auth/me`. */
export const SessionInfo = z.object({
  operator: OperatorProfile,
  sites: z.array(SiteMembership),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** `GET /healthz`. */
export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  storage: z.enum(['sqlite', 'postgres']),
  reason: z.string().optional(),
});
export type Health = z.infer<typeof Health>;

/** Body of every REST error response, sent with a 4xx or 5xx status. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

// ---- Sites: /api/v1/sites ------------------------------------------------------------------------------

/** `POST /api/v1/sites`: a new site, owned by the operator who makes it. */
export const CreateSiteRequest = z.object({
  name: Text.check(
    z.trim(),
    z.minLength(1, { error: "Enter the site's name, such as your shop's." }),
    z.maxLength(80, { error: "A site's name can be at most 80 characters long." }),
  ),
});
export type CreateSiteRequest = z.infer<typeof CreateSiteRequest>;
/** The new site with the creator's role on it (always owner); its key goes into the widget's script tag. */
export const CreatedSite = z.object({ site: SiteMembership });
/** `PUT /api/v1/sites/:siteId` (owners): a new name; the key stays. Answered with the site as `CreatedSite`. */
export const RenameSiteRequest = CreateSiteRequest;

// ---- Team (owner only): /api/v1/sites/:siteId/operators -------------------------------------------------

const Password = z
  .string()
  .min(10, { error: 'A password needs at least 10 characters.' })
  .max(1024, { error: 'A password can be at most 1,024 characters long.' });
const PersonName = Text.check(
  z.trim(),
  z.minLength(1, { error: 'Enter a name.' }),
  z.maxLength(80, { error: 'A name can be at most 80 characters long.' }),
);

/** `GET …/operators`. */
export const TeamList = z.object({ operators: z.array(TeamMember) });
/**
 * `POST …/operators`: a new operator account on this site. Without `password` the server generates one and
 * returns it once. An e-mail that already has an account adds that account to the site (its password is
 * unchanged and none is returned).
 */
export const CreateOperatorRequest = z.object({
  email: z.email({ error: 'Enter a valid e-mail address.' }).max(254),
  name: PersonName,
  role: Role.default('operator'),
  password: Password.optional(),
});
export const CreateOperatorResult = z.object({
  operator: TeamMember,
  /** The password to hand over, when the server generated it; shown once, never stored in clear. */
  generatedPassword: z.string().nullable(),
});
/** `PUT …/operators/:operatorId/password`: sets or (without `password`) generates a new one; ends their sessions. */
export const ResetPasswordRequest = z.object({ password: Password.optional() });
export const ResetPasswordResult = z.object({ generatedPassword: z.string().nullable() });
/** `DELETE …/operators/:operatorId`: removes them from the site, closes their sockets and ends their sessions. */

// ---- Saved replies (any member): /api/v1/sites/:siteId/saved-replies -------------------------------------

export const SavedReplyInput = z.object({
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'A shortcut uses letters, digits and "-" only, e.g. "opening-hours".' })
    .max(LIMITS.shortcutLength, { error: 'A shortcut can be at most 40 characters long.' }),
  title: Text.check(
    z.trim(),
    z.minLength(1, { error: 'Enter a title.' }),
    z.maxLength(LIMITS.savedReplyTitleLength, { error: 'A title can be at most 120 characters long.' }),
  ),
  body: Text.check(
    z.refine((s: string) => s.trim().length > 0, { error: 'A saved reply cannot be empty.' }),
    z.maxLength(LIMITS.messageLength, { error: 'A saved reply can be at most 4,000 characters long.' }),
  ),
});
export type SavedReplyInput = z.infer<typeof SavedReplyInput>;
export const SavedReplyList = z.object({ replies: z.array(SavedReply) });
export const SavedReplyResult = z.object({ reply: SavedReply });

// ---- API tokens (owner only): /api/v1/sites/:siteId/api-tokens ------------------------------------------

/** An API token as listed: never the token itself, which is shown once when created. */
export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  /** When a request last used it (null: never). */
  lastUsedAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
/** `POST …/api-tokens`: a named token for this site's settings API. */
export const CreateApiTokenRequest = z.object({
  name: Text.check(
    z.trim(),
    z.minLength(1, { error: 'Name the token after what uses it, e.g. "Shop backend".' }),
    z.maxLength(80, { error: 'A token name can be at most 80 characters long.' }),
  ),
});
/** The new token, in clear this once: it is stored only as a hash. */
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
/** `GET …/api-tokens`, oldest first. `DELETE …/api-tokens/:tokenId` revokes one (204). */
export const ApiTokenList = z.object({ tokens: z.array(ApiToken) });

// ---- Identity verification (owner only): /api/v1/sites/:siteId/identity-secret --------------------------

/** `GET …/identity-secret`: whether the site has a secret and since when; the secret itself is never shown again. */
export const IdentitySecretStatus = z.object({ exists: z.boolean(), createdAt: z.string().nullable() });
export type IdentitySecretStatus = z.infer<typeof IdentitySecretStatus>;
/** `POST …/identity-secret`: a new secret, shown once; it replaces the previous one at once. */
export const IdentitySecretCreated = z.object({ secret: z.string(), createdAt: z.string() });
export type IdentitySecretCreated = z.infer<typeof IdentitySecretCreated>;

// ---- Sent mail: /api/v1/sites/:siteId/mails (owners) and …/conversations/:conversationId/mails (members) ---

/** Where a mail is in the outbox (docs/mail.md): waiting, being sent, done, given up on, or dropped. */
export const MailStatus = z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']);
export type MailStatus = z.infer<typeof MailStatus>;

/** One mail in a list: who it went to and how it fared, never its body. */
export const MailSummary = z.object({
  id: z.string(),
  /** What it is: 'receipt', 'reply', 'continue-link'…; the console names the ones it knows. */
  kind: z.string(),
  recipient: z.string(),
  subject: z.string(),
  status: MailStatus,
  /** Sending attempts started so far. */
  attempts: z.number().int().nonnegative(),
  /** The last refusal or error (the SMTP server's answer), or why a mail was cancelled. */
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  conversationId: z.string().nullable(),
});
export type MailSummary = z.infer<typeof MailSummary>;

/** `GET …/mails` query: a page of mails older than the `before` cursor (the previous page's `nextBefore`). */
export const MailListQuery = z.object({
  before: z.string().regex(/^[^~]{1,80}~[^~]{1,80}$/, { error: 'before is the nextBefore of the previous page.' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * `GET …/mails`: newest first. `nextBefore` asks for the next (older) page, null on the last one. `delivery`
 * tells how mail leaves this server: through SMTP_URL, or as .eml files under DATA_DIR/mail.
 */
export const MailList = z.object({
  mails: z.array(MailSummary),
  nextBefore: z.string().nullable(),
  delivery: z.enum(['smtp', 'files']),
});
export type MailList = z.infer<typeof MailList>;

/** `GET …/mails/:mailId`: the mail whole. The HTML part is the mail's own; show it only in a sandboxed frame. */
export const MailDetail = MailSummary.extend({ text: z.string(), html: z.string(), fromName: z.string() });
export type MailDetail = z.infer<typeof MailDetail>;

/** `GET …/conversations/:conversationId/mails`: the conversation's mails, newest first (any member of the site). */
export const ConversationMailList = z.object({ mails: z.array(MailSummary) });
export type ConversationMailList = z.infer<typeof ConversationMailList>;
// ---- The signed-in operator's own settings: /api/v1/me -----------------------------------------------------

/**
 * `GET`/`PUT /api/v1/me/notifications`: which mail the operator gets about new visitor messages while they are
 * away or offline. `mode` is null until they choose: then an owner of a site gets 'each' for it and an operator
 * 'off' (docs/mail.md).
 */
export const NotificationSetting = z.object({ mode: NotificationMode.nullable() });
export type NotificationSetting = z.infer<typeof NotificationSetting>;
/** `PUT /api/v1/me/notifications` body. */
export const NotificationSettingRequest = z.object({ mode: NotificationMode });
export type NotificationSettingRequest = z.infer<typeof NotificationSettingRequest>;
