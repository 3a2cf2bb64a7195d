/** A local date ("YYYY-MM-DD") in words, e.g. "Thu 24 Dec"; formatted in UTC so no zone shifts the day. */
export function formatLocalDate(date: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The console's locale for dates in its language. */
export const localeOf = (language: string) => (language === 'cs' ? 'cs-CZ' : 'en-GB');
