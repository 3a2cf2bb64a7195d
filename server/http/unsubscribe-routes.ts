import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Language } from '../../shared/index.ts';
import { languageOf } from '../availability/acknowledgement.ts';
import type { AppContext } from '../context.ts';
import { escapeHtml, VISITOR_MAIL_KINDS } from '../mail/compose.ts';

const Params = z.object({ mailId: z.string().min(1).max(100) });

const PAGE: Record<Language, { title: string; ask: (team: string, email: string) => string; button: string; done: (team: string, email: string) => string; invalid: string }> = {
  en: {
    title: 'E-mail from us',
    ask: (team, email) => `Stop e-mails from ${team} to ${email}?`,
    button: 'Unsubscribe',
    done: (team, email) => `Done: ${email} will get no more e-mails from ${team}. Your conversation stays in the chat on the website.`,
    invalid: 'This link is not valid. If you copied it from an e-mail, please check that it is complete.',
  },
  cs: {
    title: 'E-maily od nás',
    ask: (team, email) => `Přestat posílat e-maily od ${team} na ${email}?`,
    button: 'Odhlásit odběr',
    done: (team, email) => `Hotovo: na ${email} už od ${team} nepřijdou žádné e-maily. Vaše konverzace zůstává v chatu na webu.`,
    invalid: 'Tento odkaz není platný. Pokud jste ho kopírovali z e-mailu, zkontrolujte, že je celý.',
  },
  sk: {
    title: 'E-maily od nás',
    ask: (team, email) => `Prestať posielať e-maily od ${team} na ${email}?`,
    button: 'Odhlásiť odber',
    done: (team, email) => `Hotovo: na ${email} už od ${team} neprídu žiadne e-maily. Vaša konverzácia zostáva v chate na webe.`,
    invalid: 'Tento odkaz nie je platný. Ak ste ho kopírovali z e-mailu, skontrolujte, že je celý.',
  },
  pl: {
    title: 'E-maile od nas',
    ask: (team, email) => `Przestać wysyłać e-maile od ${team} na ${email}?`,
    button: 'Wypisz się',
    done: (team, email) => `Gotowe: ${email} nie dostanie już e-maili od ${team}. Rozmowa zostaje na czacie na stronie.`,
    invalid: 'Ten link jest nieprawidłowy. Jeśli skopiowano go z e-maila, sprawdź, czy jest kompletny.',
  },
  hr: {
    title: 'E-pošta od nas',
    ask: (team, email) => `Prestati slati e-poštu od ${team} na ${email}?`,
    button: 'Odjava',
    done: (team, email) => `Gotovo: ${email} više neće primati e-poštu od ${team}. Vaš razgovor ostaje u chatu na stranici.`,
    invalid: 'Ova poveznica nije valjana. Ako ste je kopirali iz e-pošte, provjerite je li potpuna.',
  },
  de: {
    title: 'E-Mails von uns',
    ask: (team, email) => `Keine E-Mails mehr von ${team} an ${email}?`,
    button: 'Abmelden',
    done: (team, email) => `Erledigt: ${email} erhält keine E-Mails mehr von ${team}. Ihre Unterhaltung bleibt im Chat auf der Website.`,
    invalid: 'Dieser Link ist ungültig. Wenn Sie ihn aus einer E-Mail kopiert haben, prüfen Sie bitte, ob er vollständig ist.',
  },
};

function page(language: Language, title: string, body: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2937"><main><h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/**
 * The unsubscribe link of every mail to a visitor (`/unsubscribe/<mail id>`; the id is random and only in that
 * mail). GET asks first, because mail scanners open links; POST (the button, or a mail client's one-click
 * unsubscribe of RFC 8058) stops all further mail from the site to that address, answering in the reader's
 * language. Outside /api/: a page for people, not part of the REST API.
 */
export async function unsubscribeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, clock, availability } = ctx;
  // One-click unsubscribe posts a form body ("List-Unsubscribe=One-Click"); its content is not needed.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  async function find(request: FastifyRequest) {
    const language = languageOf(request.headers['accept-language'], 'en');
    const params = Params.safeParse(request.params);
    const mail = params.success ? await store.getMail(params.data.mailId) : undefined;
    if (!mail || !VISITOR_MAIL_KINDS.has(mail.kind)) return { language, mail: undefined };
    const { teamName } = await availability.settings(mail.siteId);
    return { language, mail, teamName };
  }

  const send = (reply: FastifyReply, status: number, html: string) =>
    reply.code(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').header('Referrer-Policy', 'no-referrer').send(html);
  const limit = { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } };

  app.get('/unsubscribe/:mailId', limit, async (request, reply) => {
    const { language, mail, teamName } = await find(request);
    const t = PAGE[language];
    if (!mail) return send(reply, 404, page(language, t.title, `<p>${escapeHtml(t.invalid)}</p>`));
    const form = `<form method="post"><p>${escapeHtml(t.ask(teamName, mail.recipient))}</p><button type="submit" style="font:inherit;padding:.5rem 1rem">${escapeHtml(t.button)}</button></form>`;
    return send(reply, 200, page(language, t.title, form));
  });

  app.post('/unsubscribe/:mailId', limit, async (request, reply) => {
    const { language, mail, teamName } = await find(request);
    const t = PAGE[language];
    if (!mail) return send(reply, 404, page(language, t.title, `<p>${escapeHtml(t.invalid)}</p>`));
    await store.optOutOfMail({ siteId: mail.siteId, email: mail.recipient, now: clock.now().toISOString() });
    request.log.info({ siteId: mail.siteId, mailId: mail.id }, 'a visitor unsubscribed from mail');
    return send(reply, 200, page(language, t.title, `<p role="status">${escapeHtml(t.done(teamName, mail.recipient))}</p>`));
  });
}
