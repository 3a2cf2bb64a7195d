// Types only and no imports with side effects: the app reads looks from any availability, old caches too.
import type { Availability } from '../../shared/protocol/availability.ts';

export type Look = Availability['look'];

/** The defaults (shared/protocol/settings.ts DEFAULT_LOOK): what a cache from before looks existed shows. */
export const DEFAULT_LOOK: Look = {
  accentColor: '#9a3412',
  position: 'right',
  launcherLabel: null,
  greeting: null,
  avatarInitials: null,
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * The look of an availability, each field checked on its own: a cache written by an older widget has no
 * look at all, and a broken field falls back to its default rather than dropping the rest.
 */
export function readLook(availability: Availability | null): Look {
  const look: Partial<Record<keyof Look, unknown>> =
    typeof availability?.look === 'object' && availability.look !== null ? availability.look : {};
  return {
    accentColor: typeof look.accentColor === 'string' && /^#[0-9a-f]{6}$/i.test(look.accentColor) ? look.accentColor : DEFAULT_LOOK.accentColor,
    position: look.position === 'left' ? 'left' : 'right',
    launcherLabel: text(look.launcherLabel),
    greeting: text(look.greeting),
    avatarInitials: text(look.avatarInitials),
  };
}

/**
 * The team avatar's letters when the owner set none: the first letters of the first two words of the team
 * name ("Čajovna Lucerna" → "ČL", "Jana" → "J"), upper-cased in the visitor's language.
 */
export function initialsOf(teamName: string, lang?: string): string {
  const words = teamName.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  return words
    .slice(0, 2)
    .map((word) => [...word][0])
    .join('')
    .toLocaleUpperCase(lang);
}
