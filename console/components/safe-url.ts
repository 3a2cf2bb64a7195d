/**
 * A URL a visitor's browser reported, as a link target only when it is http(s): anything else
 * (`javascript:`, `data:`, a relative path that would resolve against the console) is shown as text.
 * Returns the normalised href, or null.
 */
export function httpHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
