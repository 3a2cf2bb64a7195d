import { instantIn } from './zoned-time.ts';

/** The languages the widget speaks, offered by the preview (the same list as the settings' `Language`). */
export const PREVIEW_LANGUAGES = ['en', 'cs', 'sk', 'pl', 'hr', 'de'] as const;
export type PreviewLanguage = (typeof PREVIEW_LANGUAGES)[number];

export interface PreviewControls {
  /** Local date and time of the moment, in the visitor's zone below. */
  date: string;
  time: string;
  timeZone: string;
  lang: PreviewLanguage;
}

/**
 * The URL of the preview page (server/http/preview-route.ts) for the controls, or null while they do not name
 * a moment (a half-typed date, an unknown zone): the frame keeps the last good preview meanwhile.
 */
export function previewUrl(siteKey: string, controls: PreviewControls): string | null {
  const at = instantIn(controls.date, controls.time, controls.timeZone);
  if (at === null) return null;
  const query = new URLSearchParams({
    site: siteKey,
    at: at.toISOString().replace('.000Z', 'Z'),
    lang: controls.lang,
    tz: controls.timeZone,
  });
  return `/preview?${query.toString()}`;
}
