import type { Language } from '../../shared/index.ts';

/**
 * The automatic reply posted into a thread when a visitor leaves a message outside live chat: who answers and
 * by when, in the visitor's language and time zone, written as a person would write it — never a ticket number.
 */
export const DEFAULT_ACKNOWLEDGEMENTS: Record<Language, string> = {
  en: 'Thanks, {name}! {agent} will reply {replyBy}. You can add anything here in the meantime.',
  cs: 'Děkujeme, {name}! {agent} vám odpoví {replyBy}. Mezitím sem můžete cokoli doplnit.',
  sk: 'Ďakujeme, {name}! {agent} vám odpovie {replyBy}. Medzitým sem môžete čokoľvek doplniť.',
  pl: 'Dziękujemy, {name}! {agent} odpowie {replyBy}. W międzyczasie możesz tu coś dopisać.',
  hr: 'Hvala, {name}! {agent} će vam odgovoriti {replyBy}. U međuvremenu ovdje možete bilo što dopisati.',
  de: 'Danke, {name}! {agent} antwortet Ihnen {replyBy}. Bis dahin können Sie hier gern etwas ergänzen.',
};

interface Phrases {
  today: string;
  tomorrow: string;
  /** "by <weekday> <time>" — the weekday in the case the preposition takes, Monday first. */
  weekday: readonly [string, string, string, string, string, string, string];
  date: string;
  unknown: string;
  yourTime: string;
}

// Hand-written because the preposition governs the case ("do pondělí", "do středy", "do poniedziałku"), which
// Intl does not give; Intl still writes every time and date.
const PHRASES: Record<Language, Phrases> = {
  en: {
    today: 'today by {time}',
    tomorrow: 'tomorrow by {time}',
    weekday: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((d) => `by ${d} {time}`) as never,
    date: 'by {date}, {time}',
    unknown: 'as soon as possible',
    yourTime: ' (your time)',
  },
  cs: {
    today: 'dnes do {time}',
    tomorrow: 'zítra do {time}',
    weekday: ['pondělí', 'úterý', 'středy', 'čtvrtka', 'pátku', 'soboty', 'neděle'].map((d) => `do ${d} {time}`) as never,
    date: 'do {date} {time}',
    unknown: 'co nejdříve',
    yourTime: ' (podle vašeho času)',
  },
  sk: {
    today: 'dnes do {time}',
    tomorrow: 'zajtra do {time}',
    weekday: ['pondelka', 'utorka', 'stredy', 'štvrtka', 'piatka', 'soboty', 'nedele'].map((d) => `do ${d} {time}`) as never,
    date: 'do {date} {time}',
    unknown: 'čo najskôr',
    yourTime: ' (podľa vášho času)',
  },
  pl: {
    today: 'dziś do {time}',
    tomorrow: 'jutro do {time}',
    weekday: ['poniedziałku', 'wtorku', 'środy', 'czwartku', 'piątku', 'soboty', 'niedzieli'].map((d) => `do ${d} {time}`) as never,
    date: 'do {date}, {time}',
    unknown: 'jak najszybciej',
    yourTime: ' (według Twojego czasu)',
  },
  hr: {
    today: 'danas do {time}',
    tomorrow: 'sutra do {time}',
    weekday: ['ponedjeljka', 'utorka', 'srijede', 'četvrtka', 'petka', 'subote', 'nedjelje'].map((d) => `do ${d} {time}`) as never,
    date: 'do {date} u {time}',
    unknown: 'što prije',
    yourTime: ' (po vašem vremenu)',
  },
  de: {
    today: 'heute bis {time}',
    tomorrow: 'morgen bis {time}',
    weekday: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'].map((d) => `bis ${d} {time}`) as never,
    date: 'bis {date}, {time}',
    unknown: 'so bald wie möglich',
    yourTime: ' (Ihre Zeit)',
  },
};

/** The local calendar date of an instant in a zone, as YYYY-MM-DD, plus the ISO weekday (1 = Monday). */
function localDay(instant: Date, timeZone: string): { date: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, p) => ({ ...all, [p.type]: p.value }), {});
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday };
}

function daysBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

/**
 * "today by 16:40", "tomorrow by 9:30", "by Monday 9:30", "by 12/28/2026, 9:30" — when `replyBy` falls, seen
 * from `now`, in the reader's zone and language. `markZone` adds "(your time)" for a reader whose zone differs
 * from the business's.
 * @example describeReplyBy(new Date('2026-11-30T08:30:00Z'), { now: new Date('2026-11-27T19:00:00Z'), language: 'cs', timeZone: 'Europe/Prague' }) // 'do pondělí 9:30'
 */
export function describeReplyBy(
  replyBy: Date | null,
  options: { now: Date; language: Language; timeZone: string; markZone?: boolean },
): string {
  const phrases = PHRASES[options.language];
  if (replyBy === null) return phrases.unknown;
  const time = new Intl.DateTimeFormat(options.language, { timeZone: options.timeZone, hour: 'numeric', minute: '2-digit' }).format(replyBy);
  const target = localDay(replyBy, options.timeZone);
  const days = daysBetween(localDay(options.now, options.timeZone).date, target.date);
  let text: string;
  if (days <= 0) text = phrases.today;
  else if (days === 1) text = phrases.tomorrow;
  else if (days < 7) text = phrases.weekday[target.weekday - 1]!;
  else {
    const date = new Intl.DateTimeFormat(options.language, { timeZone: options.timeZone, day: 'numeric', month: 'numeric', year: 'numeric' }).format(replyBy);
    text = phrases.date.replace('{date}', date);
  }
  return text.replace('{time}', time) + (options.markZone ? phrases.yourTime : '');
}

/**
 * Fills an acknowledgement template. Without a name, "{name}" and the comma or space before it disappear
 * ("Thanks, {name}!" → "Thanks!").
 */
export function renderAcknowledgement(template: string, values: { name: string | null; agent: string; replyBy: string }): string {
  const withName = values.name ? template.replaceAll('{name}', values.name) : template.replace(/[,\s]*\{name\}/g, '');
  return withName.replaceAll('{agent}', values.agent).replaceAll('{replyBy}', values.replyBy);
}

/** The visitor's language from a browser locale ("cs-CZ" → "cs"), else the site's default. */
export function languageOf(locale: string | null | undefined, fallback: Language): Language {
  const code = (locale ?? '').slice(0, 2).toLowerCase();
  return (Object.hasOwn(PHRASES, code) ? code : fallback) as Language;
}
