import type { Channel, Language, SiteSettings } from '../../shared/index.ts';
import { fieldIdOf, placeIssues, type PlacedIssues, type SettingsIssue } from './schedule-issues.ts';
import type { ReplyTarget, WeeklyHours } from '../../shared/schedule/schema.ts';

/**
 * Pure helpers of the Settings screen's form: the document is edited as a whole `SiteSettings` value (the
 * shape the server takes back), and these say how one edit changes it, whether it differs from what was
 * loaded, and where each of the server's issues belongs.
 */

/** The visitor languages, in the order the screen lists them (typed against the shared list). */
export const VISITOR_LANGUAGES = ['en', 'cs', 'sk', 'pl', 'hr', 'de'] as const satisfies readonly Language[];

/** An owner's optional text: blank means "use the default" (null). */
export function textOrNull(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/** Moves the item at `index` one place up (-1) or down (+1); out of range leaves the list as it is. */
export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const moved = [...items];
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
}

export function replaceItem<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((current, i) => (i === index ? item : current));
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** The acknowledgement texts with one language's changed; an empty text removes it (the default applies). */
export function withAcknowledgement(texts: SiteSettings['acknowledgement'], lang: Language, text: string): SiteSettings['acknowledgement'] {
  const next = { ...texts };
  if (text.trim() === '') delete next[lang];
  else next[lang] = text;
  return next;
}

/**
 * A channel switched to "always open" (null hours) or to its own hours, which start as a copy of the site's
 * weekly hours (edited on the Hours screen); a channel that already has its own hours keeps them.
 */
export function withChannelHours(channel: Channel, ownHours: boolean, siteWeekly: WeeklyHours): Channel {
  if (!ownHours) return { ...channel, hours: null };
  if (channel.hours !== null) return channel;
  return { ...channel, hours: structuredClone(siteWeekly) };
}

export const NEW_CHANNEL: Channel = { kind: 'phone', label: '', value: '', hours: null, replyTarget: null };

/** The form's reply target with its kind changed, keeping the number of minutes the owner typed. */
export function withTargetKind(target: ReplyTarget, kind: ReplyTarget['kind']): ReplyTarget {
  const minutes = target.kind === 'nextOpening' ? target.plusMinutes : target.minutes;
  return kind === 'nextOpening' ? { kind, plusMinutes: minutes } : { kind, minutes };
}

export function targetMinutes(target: ReplyTarget): number {
  return target.kind === 'nextOpening' ? target.plusMinutes : target.minutes;
}

export function withTargetMinutes(target: ReplyTarget, minutes: number): ReplyTarget {
  return target.kind === 'nextOpening' ? { ...target, plusMinutes: minutes } : { ...target, minutes };
}

/** A whole number typed into a number field, or NaN (sent as is, so the server names the field). */
export function parseWholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** Structural equality of two JSON-like values (key order does not matter). */
export function isSameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => isSameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** The id of the control that edits the value at `path` (`['look', 'accentColor']` → `settings-look-accentColor`). */
export function settingsFieldId(path: readonly (string | number)[]): string {
  return fieldIdOf(['settings', ...path]);
}

/**
 * The ids of every control the screen renders for this document, so an issue is placed next to a field that
 * exists. A list has an id of its own (its heading) for issues about the whole list ("each origin once").
 */
export function renderedFieldIds(settings: SiteSettings): Set<string> {
  const ids: (string | number)[][] = [
    ['teamName'],
    ['look', 'accentColor'],
    ['look', 'position'],
    ['look', 'launcherLabel'],
    ['look', 'greeting'],
    ['look', 'avatarInitials'],
    ['availability', 'basis'],
    ['availability', 'outsideHours'],
    ['availability', 'nobodyOnline'],
    ['replyTargets', 'chatMinutes'],
    ['replyTargets', 'form'],
    ['replyTargets', 'form', 'minutes'],
    ['replyTargets', 'form', 'plusMinutes'],
    ['acknowledgement'],
    ['channels'],
    ['faq'],
    ['defaultLanguage'],
    ['requireVerification'],
    ['allowedOrigins'],
    ['mail', 'senderName'],
    ['mail', 'senderAddress'],
  ];
  for (const lang of VISITOR_LANGUAGES) ids.push(['acknowledgement', lang]);
  settings.channels.forEach((_, i) => {
    for (const field of ['kind', 'label', 'value', 'replyTarget', 'hours']) ids.push(['channels', i, field]);
  });
  settings.faq.forEach((_, i) => {
    for (const field of ['question', 'answer', 'lang']) ids.push(['faq', i, field]);
  });
  settings.allowedOrigins.forEach((_, i) => ids.push(['allowedOrigins', i]));
  return new Set(ids.map(settingsFieldId));
}

/**
 * Places the server's issues (schedule-issues.ts does the placing): each next to the nearest rendered control
 * on its path (an issue deep inside a channel's hours goes to the channel's hours choice), and all of them in
 * the summary, where those with a field link to it. An issue with no rendered control on its path (e.g. the
 * schedule, edited on the Hours screen) is in the summary only, with its path so the owner knows what it is about.
 *
 * @example
 * placeSettingsIssues([{ path: ['look', 'accentColor'], message: 'Use a colour like #9a3412…' }], ids)
 * // → { byField: { 'settings-look-accentColor': 'Use a colour…' }, summary: [{ fieldId: 'settings-look-accentColor', message: 'Use a colour…' }] }
 */
export function placeSettingsIssues(issues: readonly SettingsIssue[], rendered: ReadonlySet<string>): PlacedIssues {
  const placed = placeIssues(issues.map((issue) => ({ path: ['settings', ...issue.path], message: issue.message })), rendered);
  const summary = placed.summary.map((entry, index) => {
    const path = issues[index]!.path;
    return entry.fieldId === null && path.length > 0 ? { ...entry, message: `${path.join(' › ')}: ${entry.message}` } : entry;
  });
  return { byField: placed.byField, summary };
}
