import type { Language } from '../../shared/index.ts';

/** A composed mail: subject, plain text and HTML with every outside value escaped. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

interface ReceiptTexts {
  subject: (team: string) => string;
  greeting: (name: string | null) => string;
  received: string;
  youWrote: string;
  promise: (team: string, replyBy: string) => string;
  signOff: (team: string) => string;
}

/** The receipt a visitor gets for a message left in the form, in their language (PRODUCT.md principle 3). */
const RECEIPT: Record<Language, ReceiptTexts> = {
  en: {
    subject: (team) => `We have your message — ${team}`,
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    received: 'thank you for writing to us. Your message has reached us, and a person will read it.',
    youWrote: 'You wrote:',
    promise: (team, replyBy) => `${team} will reply ${replyBy}, to this e-mail address.`,
    signOff: (team) => `Best regards,\n${team}`,
  },
  cs: {
    subject: (team) => `Vaši zprávu máme — ${team}`,
    greeting: (name) => (name ? `Dobrý den, ${name},` : 'Dobrý den,'),
    received: 'děkujeme, že jste nám napsali. Vaše zpráva k nám dorazila a přečte ji člověk.',
    youWrote: 'Napsali jste:',
    promise: (team, replyBy) => `${team} vám odpoví ${replyBy}, na tuto e-mailovou adresu.`,
    signOff: (team) => `S pozdravem\n${team}`,
  },
  sk: {
    subject: (team) => `Vašu správu máme — ${team}`,
    greeting: (name) => (name ? `Dobrý deň, ${name},` : 'Dobrý deň,'),
    received: 'ďakujeme, že ste nám napísali. Vaša správa k nám dorazila a prečíta ju človek.',
    youWrote: 'Napísali ste:',
    promise: (team, replyBy) => `${team} vám odpovie ${replyBy}, na túto e-mailovú adresu.`,
    signOff: (team) => `S pozdravom\n${team}`,
  },
  pl: {
    subject: (team) => `Mamy Twoją wiadomość — ${team}`,
    greeting: (name) => (name ? `Dzień dobry, ${name},` : 'Dzień dobry,'),
    received: 'dziękujemy za wiadomość. Dotarła do nas i przeczyta ją człowiek.',
    youWrote: 'Napisałeś/napisałaś:',
    promise: (team, replyBy) => `${team} odpowie ${replyBy}, na ten adres e-mail.`,
    signOff: (team) => `Pozdrawiamy\n${team}`,
  },
  hr: {
    subject: (team) => `Primili smo vašu poruku — ${team}`,
    greeting: (name) => (name ? `Poštovani/poštovana ${name},` : 'Dobar dan,'),
    received: 'hvala što ste nam pisali. Vaša poruka je stigla i pročitat će je osoba.',
    youWrote: 'Napisali ste:',
    promise: (team, replyBy) => `${team} će vam odgovoriti ${replyBy}, na ovu adresu e-pošte.`,
    signOff: (team) => `Srdačan pozdrav,\n${team}`,
  },
  de: {
    subject: (team) => `Wir haben Ihre Nachricht — ${team}`,
    greeting: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
    received: 'vielen Dank für Ihre Nachricht. Sie ist bei uns angekommen, und ein Mensch wird sie lesen.',
    youWrote: 'Sie haben geschrieben:',
    promise: (team, replyBy) => `${team} antwortet Ihnen ${replyBy}, an diese E-Mail-Adresse.`,
    signOff: (team) => `Viele Grüße\n${team}`,
  },
};

/** Text for HTML: every character that could start markup or end an attribute is replaced. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Paragraphs of escaped text, line breaks kept. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The text quoted, as mail clients show a quote: "> " before each line. */
function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * The receipt for a message left in the form: what the visitor wrote, who will answer and by when (the same
 * words as the widget's acknowledgement, in the visitor's language and time zone).
 */
export function receiptMail(input: {
  language: Language;
  teamName: string;
  visitorName: string | null;
  body: string;
  /** From `describeReplyBy`, e.g. "tomorrow by 9:30". */
  replyBy: string;
}): MailContent {
  const t = RECEIPT[input.language];
  const parts = [t.greeting(input.visitorName), t.received, t.promise(input.teamName, input.replyBy)];
  const text = [...parts.slice(0, 2), '', t.youWrote, quote(input.body), '', parts[2], '', t.signOff(input.teamName), ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">',
    paragraphs(`${parts[0]}\n${parts[1]}`),
    `<p>${escapeHtml(t.youWrote)}</p>`,
    `<blockquote style="margin:0 0 1em;padding:0 1em;border-left:3px solid #d1d5db;color:#374151">${paragraphs(input.body)}</blockquote>`,
    paragraphs(parts[2]!),
    paragraphs(t.signOff(input.teamName)),
    '</body></html>',
  ].join('\n');
  return { subject: t.subject(input.teamName), text, html };
}
