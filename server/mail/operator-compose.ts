import type { MailContent } from './compose.ts';
import { escapeHtml, paragraphs, quote } from './compose.ts';

/*
 * Mails to operators. They are in English: the console keeps an operator's language in their browser only, so
 * the server does not know it. They carry no unsubscribe link of the visitor kind; instead each says where in
 * the console the choice of mails is changed.
 */

/** Where an operator opens a conversation, and where they change which mails they get (the Team screen). */
export function consoleUrls(publicUrl: string, conversationId?: string) {
  return {
    conversation: conversationId === undefined ? `${publicUrl}/console/` : `${publicUrl}/console/#/conversations/${encodeURIComponent(conversationId)}`,
    settings: `${publicUrl}/console/#/team`,
  };
}

const BODY_OPEN = '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">';
const BODY_CLOSE = '</body></html>';

function footer(reason: string, settingsUrl: string): { text: string; html: string } {
  const how = 'To change which e-mails you get, open the console → Team → Notifications:';
  return {
    text: `--\n${reason} ${how} ${settingsUrl}`,
    html: `<p style="margin-top:2em;color:#6b7280;font-size:.85em">${escapeHtml(reason)} ${escapeHtml(how)} <a href="${escapeHtml(settingsUrl)}" style="color:#6b7280">${escapeHtml(settingsUrl)}</a></p>`,
  };
}

function button(url: string, label: string): string {
  return `<p style="margin:1.5em 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:.6em 1.2em;background:#9a3412;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(label)}</a></p>`;
}

/** A time as the operator's site shows it, e.g. "5 Dec 2026, 09:30". */
function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** One visitor message as an operator mail shows it. */
export interface MailedVisitorMessage {
  body: string;
  createdAt: string;
}

/** The visitor's new messages in one conversation, sent to an operator who was not in the console. */
export function newMessagesMail(input: {
  siteName: string;
  visitorName: string;
  timeZone: string;
  messages: MailedVisitorMessage[];
  conversationUrl: string;
  settingsUrl: string;
}): MailContent {
  const count = input.messages.length;
  const subject = count === 1 ? `New message from ${input.visitorName} — ${input.siteName}` : `${count} new messages from ${input.visitorName} — ${input.siteName}`;
  const intro = `${input.visitorName} wrote on ${input.siteName} while you were not in the console:`;
  const reason = `You get this e-mail because you are an operator of ${input.siteName} and were away or offline.`;
  const end = footer(reason, input.settingsUrl);
  const text = [
    intro,
    '',
    ...input.messages.flatMap((m) => [`${formatTime(m.createdAt, input.timeZone)}:`, quote(m.body), '']),
    `Open the conversation: ${input.conversationUrl}`,
    '',
    end.text,
    '',
  ].join('\n');
  const html = [
    BODY_OPEN,
    paragraphs(intro),
    ...input.messages.map(
      (m) =>
        `<p style="margin:1em 0 0;color:#4b5563">${escapeHtml(formatTime(m.createdAt, input.timeZone))}</p>` +
        `<blockquote style="margin:0;padding:0 1em;border-left:3px solid #d1d5db">${paragraphs(m.body)}</blockquote>`,
    ),
    button(input.conversationUrl, 'Open the conversation'),
    end.html,
    BODY_CLOSE,
  ].join('\n');
  return { subject, text, html };
}

/** One conversation in a digest. */
export interface DigestEntry {
  visitorName: string;
  unreadCount: number;
  /** The newest visitor message, shortened. */
  preview: string;
  lastMessageAt: string;
  url: string;
}

/** Longer previews are cut here; the whole message is in the console. */
const PREVIEW_CHARS = 200;

export function preview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

/** The hourly digest: the conversations with unread visitor messages that came in during the last hour. */
export function digestMail(input: { siteName: string; timeZone: string; entries: DigestEntry[]; inboxUrl: string; settingsUrl: string }): MailContent {
  const count = input.entries.length;
  const subject = count === 1 ? `1 conversation with new messages — ${input.siteName}` : `${count} conversations with new messages — ${input.siteName}`;
  const intro = `New messages on ${input.siteName} in the last hour, not read yet:`;
  const reason = `You get this e-mail because you chose an hourly digest for ${input.siteName}.`;
  const end = footer(reason, input.settingsUrl);
  const line = (e: DigestEntry) => `${e.visitorName} (${e.unreadCount} unread, last at ${formatTime(e.lastMessageAt, input.timeZone)})`;
  const text = [
    intro,
    '',
    ...input.entries.flatMap((e) => [`• ${line(e)}`, quote(e.preview), `  ${e.url}`, '']),
    `Open the inbox: ${input.inboxUrl}`,
    '',
    end.text,
    '',
  ].join('\n');
  const html = [
    BODY_OPEN,
    paragraphs(intro),
    '<ul style="padding-left:1.2em">',
    ...input.entries.map(
      (e) => `<li style="margin-bottom:1em"><a href="${escapeHtml(e.url)}">${escapeHtml(line(e))}</a><br><span style="color:#4b5563">${escapeHtml(e.preview)}</span></li>`,
    ),
    '</ul>',
    button(input.inboxUrl, 'Open the inbox'),
    end.html,
    BODY_CLOSE,
  ].join('\n');
  return { subject, text, html };
}

/** A reminder that a promise to a visitor is about to pass with no answer from the team. */
export function reminderMail(input: {
  siteName: string;
  visitorName: string;
  timeZone: string;
  kind: 'reply' | 'update';
  promise: string;
  /** Who made an "update by" promise and what they said they would do. */
  promisedBy: string | null;
  note: string | null;
  assignedToYou: boolean;
  conversationUrl: string;
  settingsUrl: string;
}): MailContent {
  const when = formatTime(input.promise, input.timeZone);
  const subject =
    input.kind === 'reply' ? `Reminder: ${input.visitorName} was promised a reply by ${when} — ${input.siteName}` : `Reminder: ${input.visitorName} was promised an update by ${when} — ${input.siteName}`;
  const promise =
    input.kind === 'reply'
      ? `${input.visitorName} was told on ${input.siteName} that they would get a reply by ${when}, and nobody has answered yet.`
      : `${input.promisedBy ?? 'The team'} promised ${input.visitorName} an update by ${when}, and nobody has written to them since.`;
  const whose = input.assignedToYou ? 'The conversation is assigned to you.' : 'The conversation is not assigned to anyone, so the whole team is reminded.';
  const reason = `You get this e-mail because a promise to a visitor of ${input.siteName} is about to pass.`;
  const end = footer(reason, input.settingsUrl);
  const text = [
    promise,
    ...(input.note ? ['', 'What was promised:', quote(input.note)] : []),
    '',
    whose,
    '',
    `Open the conversation: ${input.conversationUrl}`,
    '',
    end.text,
    '',
  ].join('\n');
  const html = [
    BODY_OPEN,
    paragraphs(promise),
    ...(input.note ? [`<p>What was promised:</p><blockquote style="margin:0;padding:0 1em;border-left:3px solid #d1d5db">${paragraphs(input.note)}</blockquote>`] : []),
    paragraphs(whose),
    button(input.conversationUrl, 'Open the conversation'),
    end.html,
    BODY_CLOSE,
  ].join('\n');
  return { subject, text, html };
}
