import { describe, expect, it } from 'vitest';
import type { Availability } from '../../shared/protocol/availability.ts';
import { DEFAULT_LOOK, initialsOf, readLook } from './look.ts';

const withLook = (look: unknown) => ({ mode: 'chat', look }) as unknown as Availability;

describe('readLook', () => {
  it('reads the defaults from a cache written before availability had a look', () => {
    expect(readLook({ mode: 'form' } as unknown as Availability)).toEqual(DEFAULT_LOOK);
    expect(readLook(null)).toEqual(DEFAULT_LOOK);
  });
  it('keeps what the owner set', () => {
    const look = { accentColor: '#1d4ed8', position: 'left', launcherLabel: 'Ask Jana', greeting: 'Ahoj!', avatarInitials: 'JN' };
    expect(readLook(withLook(look))).toEqual(look);
  });
  it('replaces each broken field by its default alone', () => {
    expect(readLook(withLook({ accentColor: 'red;}body{', position: 'top', launcherLabel: ' ', greeting: 'Hi', avatarInitials: 5 }))).toEqual({
      ...DEFAULT_LOOK,
      greeting: 'Hi',
    });
  });
});

describe('initialsOf', () => {
  it('takes the first letters of the first two words', () => {
    expect(initialsOf('Čajovna Lucerna')).toBe('ČL');
    expect(initialsOf('the tea team of Brno')).toBe('TT');
    expect(initialsOf('Jana')).toBe('J');
  });
  it('ignores punctuation and digits, and gives nothing for a name without letters', () => {
    expect(initialsOf('  „Lucerna“ & co.')).toBe('LC');
    expect(initialsOf('24/7')).toBe('');
  });
});
