import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting Porchlight reads from the environment, parsed once. Only server/main.ts passes
 * `process.env` in; everything else receives the parsed Config.
 */
const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'a whole number between 0 and 65535' })
    .int({ error: 'a whole number between 0 and 65535' })
    .min(0, { error: 'a whole number between 0 and 65535' })
    .max(65535, { error: 'a whole number between 0 and 65535' })
    .default(3000),
  HOST: z.string().min(1, { error: 'a host name or IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' }).default('127.0.0.1'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'an absolute http(s) URL, e.g. https://chat.example.com' })
    .optional(),
  DATA_DIR: z.string().min(1, { error: 'a directory path' }).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'a postgres:// connection URL, or unset for the embedded SQLite database' })
    .optional(),
  ADMIN_EMAIL: z.email({ error: 'an e-mail address' }).default('admin@example.com'),
  ADMIN_NAME: z.string().trim().min(1, { error: 'the name visitors see on the first operator\'s replies' }).max(80, { error: 'a name of at most 80 characters' }).default('Support'),
  ADMIN_PASSWORD: z.string().min(10, { error: 'a password of at least 10 characters' }).optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number({ error: 'a number of hours' })
    .positive({ error: 'a positive number of hours' })
    .default(12),
  PRESENCE_GRACE_SECONDS: z.coerce
    .number({ error: 'a number of seconds' })
    .min(0, { error: 'a number of seconds, 0 or more' })
    .max(600, { error: 'at most 600 seconds' })
    .default(15),
  AWAY_AFTER_MINUTES: z.coerce
    .number({ error: 'a number of minutes' })
    .positive({ error: 'a positive number of minutes' })
    .default(15),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s]+/, { error: 'an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587, or unset to write mails as files under DATA_DIR/mail' })
    .optional(),
  MAIL_FROM: z.email({ error: 'the e-mail address mails are sent from, e.g. chat@shop.example' }).optional(),
  MAIL_RETRY_SECONDS: z.coerce
    .number({ error: 'a number of seconds' })
    .positive({ error: 'a positive number of seconds' })
    .max(3600, { error: 'at most 3600 seconds' })
    .default(30),
  MAIL_POLL_SECONDS: z.coerce
    .number({ error: 'a number of seconds' })
    .positive({ error: 'a positive number of seconds' })
    .max(300, { error: 'at most 300 seconds' })
    .default(5),
  INBOUND_SMTP_PORT: z.coerce
    .number({ error: 'a port number between 0 and 65535 for the inbound mail listener, or unset to turn it off' })
    .int({ error: 'a port number between 0 and 65535 for the inbound mail listener, or unset to turn it off' })
    .min(0, { error: 'a port number between 0 and 65535 for the inbound mail listener, or unset to turn it off' })
    .max(65535, { error: 'a port number between 0 and 65535 for the inbound mail listener, or unset to turn it off' })
    .optional(),
  REPLY_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, { error: 'a domain name such as reply.shop.example' })
    .optional(),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { error: 'true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export interface Config {
  port: number;
  host: string;
  /** Where browsers reach this server; used for links and the operator origin check. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string;
  adminPassword: string | undefined;
  adminName: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  /** An operator whose last console closed still counts as online this long (a reload must not flicker). */
  presenceGraceMs: number;
  /** An online operator without activity for this long is set away. */
  awayAfterMs: number;
  trustProxy: boolean;
  mail: {
    /** SMTP server with credentials; undefined: mails are written as .eml files under `dir`. */
    smtpUrl: string | undefined;
    /** The From address; each site sets the display name. */
    from: string;
    dir: string;
    /** First retry after a failed attempt; doubled each time, up to an hour. */
    retryBaseMs: number;
    pollMs: number;
    /** The inbound SMTP listener for replies by e-mail; undefined: off. */
    inboundPort: number | undefined;
    /** Replies go to reply+<token>@replyDomain. */
    replyDomain: string;
  };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** Empty strings count as unset, as they do in most shells' `VAR= command`. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

/**
 * Parses the environment. On failure the error is one line naming the variable and what it expects.
 * @example parseConfig({ PORT: 'abc' }) // { ok: false, error: 'PORT must be a whole number between 0 and 65535 (got "abc").' }
 */
export function parseConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): ConfigResult {
  const input = withoutEmpty(env);
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const got = input[name];
    const shown = name.includes('PASSWORD') || name === 'DATABASE_URL' || name === 'SMTP_URL' ? '' : got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
    return { ok: false, error: `${name} must be ${issue.message}${shown}.` };
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      publicUrl,
      dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(cwd, e.DATA_DIR),
      databaseUrl: e.DATABASE_URL,
      adminEmail: e.ADMIN_EMAIL.toLowerCase(),
      adminPassword: e.ADMIN_PASSWORD,
      adminName: e.ADMIN_NAME,
      logLevel: e.LOG_LEVEL,
      sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
      presenceGraceMs: e.PRESENCE_GRACE_SECONDS * 1000,
      awayAfterMs: e.AWAY_AFTER_MINUTES * 60_000,
      trustProxy: e.TRUST_PROXY,
      mail: {
        smtpUrl: e.SMTP_URL,
        from: (e.MAIL_FROM ?? `chat@${mailDomain(publicUrl)}`).toLowerCase(),
        dir: join(isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(cwd, e.DATA_DIR), 'mail'),
        retryBaseMs: e.MAIL_RETRY_SECONDS * 1000,
        pollMs: e.MAIL_POLL_SECONDS * 1000,
        inboundPort: e.INBOUND_SMTP_PORT,
        replyDomain: (e.REPLY_DOMAIN ?? (e.MAIL_FROM ?? `chat@${mailDomain(publicUrl)}`).split('@')[1]!).toLowerCase(),
      },
    },
  };
}

/** The host of PUBLIC_URL as a mail domain; "localhost" when it is an IP address (no mailbox lives there). */
function mailDomain(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  return /^[\d.]+$|:/.test(host) ? 'localhost' : host;
}
