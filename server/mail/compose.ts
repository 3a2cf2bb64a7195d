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

/** Who a site's mails come from: its sender settings, else the team name and the server's MAIL_FROM. */
export function senderOf(settings: { teamName: string; mail: { senderName: string | null; senderAddress: string | null } }) {
  return { fromName: settings.mail.senderName ?? settings.teamName, fromAddress: settings.mail.senderAddress };
}

/** Mails to visitors: each carries an unsubscribe link and header, and none goes to an address that opted out. */
export const VISITOR_MAIL_KINDS: ReadonlySet<string> = new Set(['receipt', 'reply', 'continue']);

/** The page where the recipient of this mail stops mail from its site; the mail's random id is the key. */
export function unsubscribeUrl(publicUrl: string, mailId: string): string {
  return `${publicUrl}/unsubscribe/${encodeURIComponent(mailId)}`;
}

/** Why the visitor gets mail, and the way out: at the end of every mail to a visitor. */
const FOOTER: Record<Language, { why: string; label: string }> = {
  en: { why: 'You get this e-mail because you wrote to us. To get no more e-mails from us:', label: 'Unsubscribe' },
  cs: { why: 'Tento e-mail dostáváte, protože jste nám napsali. Nechcete-li od nás další e-maily:', label: 'Odhlásit odběr' },
  sk: { why: 'Tento e-mail dostávate, pretože ste nám napísali. Ak od nás nechcete ďalšie e-maily:', label: 'Odhlásiť odber' },
  pl: { why: 'Otrzymujesz tę wiadomość, ponieważ do nas napisałeś(-aś). Aby nie dostawać od nas więcej e-maili:', label: 'Wypisz się' },
  hr: { why: 'Ovu poruku primate jer ste nam pisali. Ako ne želite više primati poruke od nas:', label: 'Odjava' },
  de: { why: 'Sie erhalten diese E-Mail, weil Sie uns geschrieben haben. Wenn Sie keine weiteren E-Mails von uns möchten:', label: 'Abmelden' },
};

function footerText(language: Language, unsubscribeUrl: string): string {
  return `--\n${FOOTER[language].why} ${unsubscribeUrl}`;
}

function footerHtml(language: Language, unsubscribeUrl: string): string {
  const t = FOOTER[language];
  return `<p style="margin-top:2em;color:#6b7280;font-size:.85em">${escapeHtml(t.why)} <a href="${escapeHtml(unsubscribeUrl)}" style="color:#6b7280">${escapeHtml(t.label)}</a></p>`;
}

/** Text for HTML: every character that could start markup or end an attribute is replaced. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Paragraphs of escaped text, line breaks kept. */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The text quoted, as mail clients show a quote: "> " before each line. */
export function quote(text: string): string {
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
  unsubscribeUrl: string;
}): MailContent {
  const t = RECEIPT[input.language];
  const parts = [t.greeting(input.visitorName), t.received, t.promise(input.teamName, input.replyBy)];
  const text = [...parts.slice(0, 2), '', t.youWrote, quote(input.body), '', parts[2], '', t.signOff(input.teamName), '', footerText(input.language, input.unsubscribeUrl), ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">',
    paragraphs(`${parts[0]}\n${parts[1]}`),
    `<p>${escapeHtml(t.youWrote)}</p>`,
    `<blockquote style="margin:0 0 1em;padding:0 1em;border-left:3px solid #d1d5db;color:#374151">${paragraphs(input.body)}</blockquote>`,
    paragraphs(parts[2]!),
    paragraphs(t.signOff(input.teamName)),
    footerHtml(input.language, input.unsubscribeUrl),
    '</body></html>',
  ].join('\n');
  return { subject: t.subject(input.teamName), text, html };
}

interface ReplyTexts {
  subject: (team: string) => string;
  greeting: (name: string | null) => string;
  intro: (team: string, count: number) => string;
  continueLabel: string;
  linkNote: string;
  noLink: string;
  signOff: (team: string) => string;
}

/** The mail that carries the team's replies to a visitor who was not there to read them. */
const REPLY: Record<Language, ReplyTexts> = {
  en: {
    subject: (team) => `${team} replied to your message`,
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (team, count) => (count === 1 ? `${team} has answered you in the chat:` : `${team} has answered you in the chat (${count} messages):`),
    continueLabel: 'Continue the conversation',
    linkNote: 'The link opens the chat on our website, on this same conversation. It works once and for 7 days.',
    noLink: 'You can answer in the chat on our website.',
    signOff: (team) => `Best regards,\n${team}`,
  },
  cs: {
    subject: (team) => `${team}: odpověď na vaši zprávu`,
    greeting: (name) => (name ? `Dobrý den, ${name},` : 'Dobrý den,'),
    intro: (team, count) => (count === 1 ? `${team} vám v chatu odpověděl(a):` : `${team} vám v chatu odpověděl(a) (zprávy: ${count}):`),
    continueLabel: 'Pokračovat v konverzaci',
    linkNote: 'Odkaz otevře chat na našem webu, v této konverzaci. Funguje jednou a 7 dní.',
    noLink: 'Odpovědět můžete v chatu na našem webu.',
    signOff: (team) => `S pozdravem\n${team}`,
  },
  sk: {
    subject: (team) => `${team}: odpoveď na vašu správu`,
    greeting: (name) => (name ? `Dobrý deň, ${name},` : 'Dobrý deň,'),
    intro: (team, count) => (count === 1 ? `${team} vám v chate odpovedal(a):` : `${team} vám v chate odpovedal(a) (správy: ${count}):`),
    continueLabel: 'Pokračovať v konverzácii',
    linkNote: 'Odkaz otvorí chat na našom webe, v tejto konverzácii. Funguje raz a 7 dní.',
    noLink: 'Odpovedať môžete v chate na našom webe.',
    signOff: (team) => `S pozdravom\n${team}`,
  },
  pl: {
    subject: (team) => `${team}: odpowiedź na Twoją wiadomość`,
    greeting: (name) => (name ? `Dzień dobry, ${name},` : 'Dzień dobry,'),
    intro: (team, count) => (count === 1 ? `${team} odpowiada na czacie:` : `${team} odpowiada na czacie (wiadomości: ${count}):`),
    continueLabel: 'Kontynuuj rozmowę',
    linkNote: 'Link otwiera czat na naszej stronie, w tej samej rozmowie. Działa jeden raz przez 7 dni.',
    noLink: 'Możesz odpowiedzieć na czacie na naszej stronie.',
    signOff: (team) => `Pozdrawiamy\n${team}`,
  },
  hr: {
    subject: (team) => `${team}: odgovor na vašu poruku`,
    greeting: (name) => (name ? `Poštovani/poštovana ${name},` : 'Dobar dan,'),
    intro: (team, count) => (count === 1 ? `${team} vam je odgovorio/la u chatu:` : `${team} vam je odgovorio/la u chatu (poruka: ${count}):`),
    continueLabel: 'Nastavite razgovor',
    linkNote: 'Poveznica otvara chat na našoj stranici, u istom razgovoru. Radi jednom, 7 dana.',
    noLink: 'Možete odgovoriti u chatu na našoj stranici.',
    signOff: (team) => `Srdačan pozdrav,\n${team}`,
  },
  de: {
    subject: (team) => `${team} hat auf Ihre Nachricht geantwortet`,
    greeting: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
    intro: (team, count) => (count === 1 ? `${team} hat Ihnen im Chat geantwortet:` : `${team} hat Ihnen im Chat geantwortet (${count} Nachrichten):`),
    continueLabel: 'Unterhaltung fortsetzen',
    linkNote: 'Der Link öffnet den Chat auf unserer Website, in derselben Unterhaltung. Er funktioniert einmal und 7 Tage lang.',
    noLink: 'Sie können im Chat auf unserer Website antworten.',
    signOff: (team) => `Viele Grüße\n${team}`,
  },
};

/** One reply as the mail shows it. */
export interface MailedReply {
  authorName: string | null;
  body: string;
  createdAt: string;
}

/**
 * The team's replies, grouped into one mail, each with who wrote it and when (in the visitor's language and
 * time zone), and the link that opens the widget on the same thread.
 */
export function replyMail(input: {
  language: Language;
  timeZone: string;
  teamName: string;
  visitorName: string | null;
  replies: MailedReply[];
  continueUrl: string | null;
  unsubscribeUrl: string;
}): MailContent {
  const t = REPLY[input.language];
  const when = new Intl.DateTimeFormat(input.language, { timeZone: input.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const heading = (reply: MailedReply) => `${reply.authorName ?? input.teamName}, ${when.format(new Date(reply.createdAt))}`;
  const intro = t.intro(input.teamName, input.replies.length);
  const text = [
    t.greeting(input.visitorName),
    intro,
    '',
    ...input.replies.flatMap((reply) => [`${heading(reply)}:`, quote(reply.body), '']),
    ...(input.continueUrl ? [`${t.continueLabel}: ${input.continueUrl}`, t.linkNote] : [t.noLink]),
    '',
    t.signOff(input.teamName),
    '',
    footerText(input.language, input.unsubscribeUrl),
    '',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">',
    paragraphs(`${t.greeting(input.visitorName)}\n${intro}`),
    ...input.replies.map(
      (reply) =>
        `<p style="margin:1em 0 0;color:#4b5563">${escapeHtml(heading(reply))}</p>` +
        `<blockquote style="margin:0;padding:0 1em;border-left:3px solid #9a3412">${paragraphs(reply.body)}</blockquote>`,
    ),
    input.continueUrl
      ? `<p style="margin:1.5em 0"><a href="${escapeHtml(input.continueUrl)}" style="display:inline-block;padding:.6em 1.2em;background:#9a3412;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(t.continueLabel)}</a></p>` +
        `<p style="color:#4b5563;font-size:.9em">${escapeHtml(t.linkNote)}</p>`
      : paragraphs(t.noLink),
    paragraphs(t.signOff(input.teamName)),
    footerHtml(input.language, input.unsubscribeUrl),
    '</body></html>',
  ].join('\n');
  return { subject: t.subject(input.teamName), text, html };
}

const CONTINUE_LINK: Record<Language, { subject: (team: string) => string; body: string; label: string }> = {
  en: { subject: (team) => `Your link to the conversation — ${team}`, body: 'Here is a new link that opens the chat on our website, on your conversation with us. It works once and for 7 days.', label: 'Continue the conversation' },
  cs: { subject: (team) => `Odkaz na vaši konverzaci — ${team}`, body: 'Posíláme nový odkaz, který otevře chat na našem webu ve vaší konverzaci s námi. Funguje jednou a 7 dní.', label: 'Pokračovat v konverzaci' },
  sk: { subject: (team) => `Odkaz na vašu konverzáciu — ${team}`, body: 'Posielame nový odkaz, ktorý otvorí chat na našom webe vo vašej konverzácii s nami. Funguje raz a 7 dní.', label: 'Pokračovať v konverzácii' },
  pl: { subject: (team) => `Link do Twojej rozmowy — ${team}`, body: 'Oto nowy link, który otwiera czat na naszej stronie w Twojej rozmowie z nami. Działa jeden raz przez 7 dni.', label: 'Kontynuuj rozmowę' },
  hr: { subject: (team) => `Poveznica na vaš razgovor — ${team}`, body: 'Šaljemo novu poveznicu koja otvara chat na našoj stranici u vašem razgovoru s nama. Radi jednom, 7 dana.', label: 'Nastavite razgovor' },
  de: { subject: (team) => `Ihr Link zur Unterhaltung — ${team}`, body: 'Hier ist ein neuer Link, der den Chat auf unserer Website in Ihrer Unterhaltung mit uns öffnet. Er funktioniert einmal und 7 Tage lang.', label: 'Unterhaltung fortsetzen' },
};

/** A fresh continue link, asked for from the widget after an old one had expired or been used. */
export function continueLinkMail(input: { language: Language; teamName: string; visitorName: string | null; continueUrl: string; unsubscribeUrl: string }): MailContent {
  const t = CONTINUE_LINK[input.language];
  const greeting = RECEIPT[input.language].greeting(input.visitorName);
  const signOff = RECEIPT[input.language].signOff(input.teamName);
  const text = [greeting, t.body, '', `${t.label}: ${input.continueUrl}`, '', signOff, '', footerText(input.language, input.unsubscribeUrl), ''].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">',
    paragraphs(`${greeting}\n${t.body}`),
    `<p style="margin:1.5em 0"><a href="${escapeHtml(input.continueUrl)}" style="display:inline-block;padding:.6em 1.2em;background:#9a3412;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(t.label)}</a></p>`,
    paragraphs(signOff),
    footerHtml(input.language, input.unsubscribeUrl),
    '</body></html>',
  ].join('\n');
  return { subject: t.subject(input.teamName), text, html };
}
