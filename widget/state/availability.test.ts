import { describe, expect, it } from 'vitest';
import type { Availability } from '../../shared/protocol/availability.ts';
import type { Message } from '../../shared/protocol/schemas.ts';
import { hasPendingAnswer, isAvailability, parseCachedAvailability, trustCached } from './availability.ts';
import { DEFAULT_LOOK, readLook } from './look.ts';

const availability = (over: Partial<Availability> = {}): Availability => ({
  mode: 'chat',
  open: true,
  operatorsOnline: 1,
  nextOpenAt: null,
  replyBy: '2025-05-12T07:30:00.000Z',
  chatReplyMinutes: 5,
  language: 'en',
  look: { accentColor: '#9a3412', position: 'right', launcherLabel: null, greeting: null, avatarInitials: null },
  teamName: 'Čajovna',
  channels: [
    { kind: 'phone', label: 'Phone', value: '+420 222 333 444', open: false, nextOpenAt: '2025-05-12T06:00:00.000Z', closesAt: null, replyTarget: null },
  ],
  changesAt: '2025-05-09T15:00:00.000Z',
  at: '2025-05-09T10:00:00.000Z',
  ...over,
});
const NOW = Date.parse('2025-05-09T12:00:00.000Z');

describe('the cached availability', () => {
  it('is trusted as it was until its changesAt', () => {
    expect(trustCached(availability(), NOW)?.mode).toBe('chat');
    expect(trustCached(availability({ mode: 'hidden' }), NOW)?.mode).toBe('hidden');
  });
  it('reads as the form once its changesAt has passed, whatever it said (chat or hidden)', () => {
    const later = Date.parse('2025-05-09T15:00:00.000Z');
    expect(trustCached(availability(), later)?.mode).toBe('form');
    expect(trustCached(availability({ mode: 'hidden' }), later)?.mode).toBe('form');
  });
  it('is trusted indefinitely when the schedule never changes it (changesAt null)', () => {
    expect(trustCached(availability({ changesAt: null }), Date.parse('2030-01-01T00:00:00Z'))?.mode).toBe('chat');
  });
  it('is none when missing, corrupt or of another shape', () => {
    expect(trustCached(null, NOW)).toBeNull();
    expect(parseCachedAvailability(null, NOW)).toBeNull();
    expect(parseCachedAvailability('{not json', NOW)).toBeNull();
    expect(parseCachedAvailability('{"mode":"maybe"}', NOW)).toBeNull();
    expect(parseCachedAvailability(JSON.stringify(availability()), NOW)).toEqual(availability());
  });
  it('is checked in full before the app renders it', () => {
    expect(isAvailability(availability())).toBe(true);
    expect(isAvailability({ ...availability(), replyBy: 'Monday' })).toBe(false);
    expect(isAvailability({ ...availability(), channels: [{ kind: 'phone' }] })).toBe(false);
    expect(isAvailability({ ...availability(), mode: 'away' })).toBe(false);
  });
});

const message = (seq: number, author: Message['author']): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: `client-${seq}-xyz`,
  author,
  operatorId: author === 'operator' ? 'op1' : null,
  authorName: author === 'visitor' ? null : 'Jana',
  body: `body ${seq}`,
  createdAt: '2025-05-01T10:00:00.000Z',
});

describe('a cache written before availability had a look and a language', () => {
  it('is still an availability to show, and reads as the default look', () => {
    const { look: _look, language: _language, ...older } = availability();
    const raw = JSON.stringify(older);
    const cached = parseCachedAvailability(raw, NOW);
    expect(cached?.mode).toBe('chat');
    expect(isAvailability(JSON.parse(raw))).toBe(true);
    expect(readLook(cached)).toEqual(DEFAULT_LOOK);
  });
});

describe('hasPendingAnswer (hidden mode shows the launcher only to a visitor waiting for an answer)', () => {
  it('is false for no conversation at all', () => {
    expect(hasPendingAnswer([], 0, 0)).toBe(false);
  });
  it('is true while the visitor wrote last and nobody answered', () => {
    expect(hasPendingAnswer([message(1, 'visitor')], 0, 0)).toBe(true);
  });
  it('is true when the only reply is the automatic acknowledgement (it answers nothing)', () => {
    expect(hasPendingAnswer([message(1, 'visitor'), message(2, 'system')], 2, 0)).toBe(true);
  });
  it('is true while a team answer is unread, false once it is seen', () => {
    const thread = [message(1, 'visitor'), message(2, 'operator')];
    expect(hasPendingAnswer(thread, 1, 0)).toBe(true);
    expect(hasPendingAnswer(thread, 2, 0)).toBe(false);
  });
  it('is true while something the visitor wrote is still in the outbox', () => {
    expect(hasPendingAnswer([message(1, 'visitor'), message(2, 'operator')], 2, 1)).toBe(true);
  });
});
