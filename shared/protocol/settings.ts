import { z } from 'zod';
import { DEFAULT_SCHEDULE, ReplyTarget, Schedule, WeeklyHours } from '../schedule/schema.ts';
import { ChannelKind } from './availability.ts';

/** The languages Porchlight speaks to visitors. */
export const LANGUAGES = ['en', 'cs', 'sk', 'pl', 'hr', 'de'] as const;
export const Language = z.enum(LANGUAGES, { error: `Pick one of ${LANGUAGES.join(', ')}.` });
export type Language = z.infer<typeof Language>;

/** Placeholders an acknowledgement text may use. */
export const ACK_PLACEHOLDERS = ['name', 'agent', 'replyBy'] as const;

const AckTemplate = z
  .string()
  .trim()
  .min(1, { error: 'Write the text, or remove this language to use the default.' })
  .max(500, { error: 'Keep the text under 500 characters.' })
  .superRefine((text, ctx) => {
    for (const [, name] of text.matchAll(/\{([^{}]*)\}/g)) {
      if (!(ACK_PLACEHOLDERS as readonly string[]).includes(name ?? '')) {
        ctx.addIssue({
          code: 'custom',
          message: `{${name}} is not a placeholder we know; use ${ACK_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
        });
      }
    }
  });

/** One of the owner's other ways to be reached, with its own hours (in the site's time zone). */
export const Channel = z.strictObject({
  kind: ChannelKind,
  label: z.string().trim().min(1, { error: 'Give the channel a name, such as "Phone".' }).max(60, { error: 'Keep the name under 60 characters.' }),
  value: z.string().trim().min(1, { error: 'Enter the number, address or link.' }).max(200, { error: 'Keep it under 200 characters.' }),
  /** Null: always open (e.g. an e-mail address). Holidays and exceptions of the site's schedule apply too. */
  hours: WeeklyHours.nullable(),
  /** The promise for this channel in the owner's words, e.g. "within 8 hours". */
  replyTarget: z.string().trim().max(120, { error: 'Keep the reply target under 120 characters.' }).nullable(),
});
export type Channel = z.infer<typeof Channel>;

export const FaqEntry = z.strictObject({
  question: z
    .string()
    .trim()
    .min(1, { error: 'Write the question, or remove it.' })
    .max(200, { error: 'Keep the question under 200 characters.' }),
  answer: z
    .string()
    .trim()
    .min(1, { error: 'Write the answer, or remove the question.' })
    .max(2000, { error: 'Keep the answer under 2,000 characters.' }),
  /** Shown to visitors in this language only; every language when absent. */
  lang: Language.optional(),
});

/** A colour as `#rrggbb` (lowercased), the only form the widget's CSS takes from settings. */
export const HexColour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Use a colour like #9a3412 (a # and six hexadecimal digits).' })
  .overwrite((text) => text.toLowerCase());

/**
 * How the widget looks. The accent colour is the launcher's and the visitor's bubbles' background, with white
 * text on it: the console warns below WCAG's 4.5:1 contrast and the widget still uses it (the owner's brand).
 * Null texts use the translated defaults ("Chat with us", no greeting); null initials use the team name's.
 */
export const Look = z.strictObject({
  accentColor: HexColour,
  position: z.enum(['right', 'left']),
  /** The launcher's accessible name and tooltip, in the owner's words; null: the translated default. */
  launcherLabel: z.string().trim().min(1).max(40, { error: 'Keep the launcher label under 40 characters.' }).nullable(),
  /** The first line visitors read in an empty chat, e.g. "Ahoj! Ask us anything about tea." */
  greeting: z.string().trim().min(1).max(300, { error: 'Keep the greeting under 300 characters.' }).nullable(),
  /** One to three letters on the team's avatar; null: from the team name. */
  avatarInitials: z
    .string()
    .trim()
    .regex(/^\p{L}{1,3}$/u, { error: 'Use one to three letters, such as JN.' })
    .nullable(),
});
export type Look = z.infer<typeof Look>;

export const DEFAULT_LOOK: Look = {
  accentColor: '#9a3412',
  position: 'right',
  launcherLabel: null,
  greeting: null,
  avatarInitials: null,
};

/**
 * Who the site's mails to visitors come from (docs/mail.md). Null name: the team name; null address: the
 * server's MAIL_FROM. A name is one line: it becomes a header.
 */
export const MailSender = z.strictObject({
  senderName: z
    .string()
    .trim()
    .min(1)
    .max(80, { error: 'Keep the sender name under 80 characters.' })
    .refine((text) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(text), { error: 'The sender name must be one line, without control characters.' })
    .nullable(),
  senderAddress: z
    .email({ error: 'Enter an e-mail address such as chat@shop.example, or leave it empty.' })
    .max(254)
    .overwrite((text) => text.toLowerCase())
    .nullable(),
});
export type MailSender = z.infer<typeof MailSender>;

export const DEFAULT_MAIL_SENDER: MailSender = { senderName: null, senderAddress: null };

/** At most this many allowed origins per site. */
export const MAX_ALLOWED_ORIGINS = 20;

/**
 * A web origin, scheme + host + port (`https://shop.example`, `http://localhost:8080`), stored the way browsers
 * send it in the Origin header: lowercased host, no default port, no trailing slash. A path, query, fragment
 * or user name is refused rather than dropped, so the owner sees that `https://shop.example/cart` is not what
 * the list means.
 */
export const WebOrigin = z
  .string()
  .trim()
  .max(300, { error: 'An origin is at most 300 characters long.' })
  .refine((text) => toWebOrigin(text) !== undefined, {
    error: 'Enter an origin such as https://shop.example (scheme, host and port only; no path).',
  })
  .overwrite((text) => toWebOrigin(text) ?? text);

/** The normalised origin of `text` when it is exactly an http(s) origin, else undefined. */
export function toWebOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return undefined;
  // `new URL` turns "https://shop.example" into pathname "/": only that empty path is an origin.
  if (url.pathname !== '/' || /^[a-z]+:\/\/[^/]+\/./i.test(text)) return undefined;
  return url.origin;
}

/**
 * Everything a site owner sets. `GET`/`PUT /api/v1/sites/:siteKey/settings` read and replace it whole; a
 * body that fails this schema is refused with every bad field named, and nothing is stored.
 */
export const SiteSettings = z.strictObject({
  /** Who answers, as visitors read it ("Jana", "The Lucerna team"). */
  teamName: z.string().trim().min(1, { error: 'Give the name visitors see, such as your own or your team\'s.' }).max(80),
  schedule: Schedule,
  availability: z.strictObject({
    /** What makes the chat live: open hours and someone online (default), hours alone, or presence alone. */
    basis: z.enum(['scheduleAndPresence', 'scheduleOnly', 'presenceOnly']),
    /** What visitors see outside open hours. */
    outsideHours: z.enum(['hide', 'form']),
    /** What visitors see inside open hours when nobody is online. */
    nobodyOnline: z.enum(['hide', 'form']),
  }),
  replyTargets: z.strictObject({
    /** While live: "typically replies in N minutes". */
    chatMinutes: z.int().min(0, { error: "The reply time can't be negative." }).max(24 * 60),
    /** The promise for a message left in the form. */
    form: ReplyTarget,
  }),
  /** The automatic reply to a message left in the form, per language; a missing language uses our default. */
  acknowledgement: z.partialRecord(Language, AckTemplate),
  channels: z.array(Channel).max(10, { error: 'At most 10 channels.' }),
  faq: z.array(FaqEntry).max(50, { error: 'At most 50 questions.' }),
  defaultLanguage: Language,
  /**
   * Identity verification (docs/identity.md): when true, every visitor must present a signed identity (a
   * correct HMAC of their user id); unsigned or wrongly signed visitors are refused and nothing is stored.
   * Optional in a body, so settings written before it existed still parse.
   */
  requireVerification: z.boolean().default(false),
  /**
   * The websites the widget may run on: visitor sockets and the public per-site REST routes (availability,
   * faq) from any other Origin are refused with `origin_not_allowed`. Empty, the default: any origin, as
   * before this setting existed (settings stored before it parse with the default).
   */
  allowedOrigins: z
    .array(WebOrigin)
    .max(MAX_ALLOWED_ORIGINS, { error: `At most ${MAX_ALLOWED_ORIGINS} origins.` })
    .refine((origins) => new Set(origins).size === origins.length, { error: 'Each origin may be listed once.' })
    .default([]),
  /** How the widget looks; optional in a body, so settings written before it existed still parse. */
  look: Look.default(DEFAULT_LOOK),
  /** Who mails to visitors come from; optional in a body, so settings written before it existed still parse. */
  mail: MailSender.default(DEFAULT_MAIL_SENDER),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  teamName: 'Our team',
  schedule: DEFAULT_SCHEDULE,
  availability: { basis: 'scheduleAndPresence', outsideHours: 'form', nobodyOnline: 'form' },
  replyTargets: { chatMinutes: 5, form: { kind: 'working', minutes: 120 } },
  acknowledgement: {},
  channels: [],
  faq: [],
  defaultLanguage: 'en',
  requireVerification: false,
  allowedOrigins: [],
  look: DEFAULT_LOOK,
  mail: DEFAULT_MAIL_SENDER,
};
