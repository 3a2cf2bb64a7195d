import type { FastifyInstance } from 'fastify';
import { IANAZone, DateTime } from 'luxon';
import { z } from 'zod';
import { Language } from '../../shared/index.ts';
import type { AppContext } from '../context.ts';
import { ownedSiteByKey } from './owned-site-by-key.ts';
import { sendError } from './send-error.ts';

/** `GET /preview?site=&at=&lang=&tz=`: every parameter checked here, with a sentence for the owner. */
export const PreviewQuery = z.strictObject({
  site: z.string({ error: 'site must be the site key.' }).min(1, { error: 'site must be the site key.' }).max(64, { error: 'site must be the site key.' }),
  at: z.iso.datetime({ offset: true, error: 'at must be an ISO-8601 instant, e.g. 2026-12-24T09:30:00Z.' }),
  lang: Language.optional(),
  tz: z
    .string()
    .max(64)
    .refine((zone) => IANAZone.isValidZone(zone), { error: 'tz must be an IANA time zone, e.g. Europe/Prague.' })
    .optional(),
});

/**
 * The preview page may load only our widget, talk only to our server, and be framed only by our own pages
 * (the console's Hours screen); helmet's X-Frame-Options: SAMEORIGIN says the same to older browsers.
 */
export const PREVIEW_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML attribute value in double quotes and for element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The widget as a visitor would see it at another moment: a minimal page with the real loader in preview
 * mode (`data-preview-at`: it asks availability `?at=`, opens its panel at once and opens no socket) and a
 * line naming the moment. Owners only: 401 without a session, 404 for a site that is not theirs to own.
 */
export async function previewRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/preview', async (request, reply) => {
    const query = PreviewQuery.safeParse(request.query);
    if (!query.success) {
      const issue = query.error.issues[0]!;
      const message = issue.code === 'unrecognized_keys' ? `Unknown parameter: ${issue.keys.join(', ')}.` : issue.message;
      return sendError(reply, 400, { code: 'invalid_payload', message });
    }
    const owned = await ownedSiteByKey(ctx, request, query.data.site, 404);
    if (!owned.ok) return sendError(reply, owned.status, { code: owned.code });
    const settings = await ctx.availability.settings(owned.site.id);
    const lang = query.data.lang ?? settings.defaultLanguage;
    const timeZone = query.data.tz ?? settings.schedule.timeZone;
    const moment = DateTime.fromISO(query.data.at, { setZone: true }).setZone(timeZone).setLocale(lang);
    const at = moment.toUTC().toISO({ suppressMilliseconds: true }) ?? query.data.at;
    const caption = `${moment.toLocaleString(DateTime.DATETIME_FULL)} · ${timeZone} · ${lang}`;
    const html = `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Preview: ${escapeHtml(owned.site.name)}</title>
<style>body{margin:0;padding:12px;font:14px/1.4 system-ui,sans-serif;color:#333;background:#f4f4f5;min-height:100vh;box-sizing:border-box}</style>
</head>
<body>
<p class="preview-moment" data-at="${escapeHtml(at)}">${escapeHtml(caption)}</p>
<script src="/widget.js" data-site="${escapeHtml(owned.site.key)}" data-preview-at="${escapeHtml(at)}" data-lang="${escapeHtml(lang)}" data-time-zone="${escapeHtml(timeZone)}" async></script>
</body>
</html>
`;
    reply.header('Content-Security-Policy', PREVIEW_CSP);
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Robots-Tag', 'noindex');
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
