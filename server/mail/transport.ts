import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailRecord } from '../storage/index.ts';
import { unsubscribeUrl, VISITOR_MAIL_KINDS } from './compose.ts';

/** Where queued mails go: an SMTP server (SMTP_URL), or .eml files under DATA_DIR/mail (the default). */
export interface MailTransport {
  /** For the log and the console: "smtp://mail.example.com:587" (no password) or the mail directory. */
  readonly description: string;
  /** Resolves once the mail is accepted; rejects with the SMTP error (its `responseCode`) otherwise. */
  send(mail: MailRecord): Promise<void>;
  close(): void;
}

export interface TransportOptions {
  /** smtp:// or smtps:// URL with credentials; undefined writes files. */
  smtpUrl: string | undefined;
  /** The envelope and From address, e.g. chat@shop.example; each site sets its own display name. */
  fromAddress: string;
  /** DATA_DIR/mail, for the file transport. */
  mailDir: string;
  /** PUBLIC_URL: mails to visitors name their unsubscribe page in a List-Unsubscribe header (RFC 8058). */
  publicUrl: string;
}

/**
 * The mail as nodemailer builds it. The Message-ID comes from the mail's own id, so a mail sent twice (a
 * crash between the server accepting it and our marking it sent) is recognisably the same message, and the
 * file transport writes the same file again rather than a second one.
 */
function message(mail: MailRecord, options: TransportOptions) {
  const { fromAddress } = options;
  const domain = fromAddress.split('@')[1] ?? 'porchlight.invalid';
  const listUnsubscribe = VISITOR_MAIL_KINDS.has(mail.kind)
    ? { 'List-Unsubscribe': `<${unsubscribeUrl(options.publicUrl, mail.id)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
    : {};
  return {
    from: { name: oneLine(mail.fromName), address: mail.fromAddress ?? fromAddress },
    to: mail.recipient,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: oneLine(mail.subject),
    text: mail.text,
    html: mail.html,
    messageId: `<${mail.id}@${domain}>`,
    date: new Date(mail.createdAt),
    headers: { 'Auto-Submitted': 'auto-generated', ...listUnsubscribe },
    // Refuse rather than guess when an address field holds something that is not one address.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

export function createMailTransport(options: TransportOptions): MailTransport {
  if (options.smtpUrl !== undefined) {
    // Short timeouts: an unreachable server fails the attempt (to be retried) instead of holding a shutdown.
    const transporter = nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    const url = new URL(options.smtpUrl);
    return {
      description: `${url.protocol}//${url.host}`,
      async send(mail) {
        await transporter.sendMail(message(mail, options));
      },
      close: () => transporter.close(),
    };
  }
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: options.mailDir,
    async send(mail) {
      const info = await transporter.sendMail(message(mail, options));
      mkdirSync(options.mailDir, { recursive: true });
      // Written whole, then renamed: a reader never sees half a mail, and a resend replaces the same file.
      const file = join(options.mailDir, `${mail.createdAt.replace(/[:.]/g, '-')}-${mail.id}.eml`);
      writeFileSync(`${file}.tmp`, info.message as Buffer);
      renameSync(`${file}.tmp`, file);
    },
    close: () => transporter.close(),
  };
}

/** A header value on one line: a line break in a name or subject can never start a header of its own. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}
