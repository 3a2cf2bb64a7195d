import { describe, expect, it } from 'vitest';
import { isSameIdentity, readIdentity } from './host-commands.ts';

describe('readIdentity', () => {
  it('takes a full identity as given', () => {
    expect(readIdentity({ id: '42', name: 'Anna', email: 'anna@example.com', hash: 'ab12' })).toEqual({
      ok: true,
      data: { id: '42', name: 'Anna', email: 'anna@example.com', hash: 'ab12' },
    });
  });
  it('turns a numeric id into the string the server compares', () => {
    expect(readIdentity({ id: 42 })).toEqual({ ok: true, data: { id: '42' } });
  });
  it('refuses a missing, empty or over-long id, and anything that is not an object', () => {
    for (const value of [undefined, null, 'anna', { name: 'Anna' }, { id: '' }, { id: 'x'.repeat(256) }, { id: {} }]) {
      const result = readIdentity(value);
      expect(result.ok, JSON.stringify(value)).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^identify/);
    }
  });
  it('leaves out a bad e-mail or name with a warning instead of losing the identity', () => {
    const result = readIdentity({ id: '7', name: 'x'.repeat(81), email: 'not-an-address' });
    expect(result).toMatchObject({ ok: true, data: { id: '7' } });
    expect(result.ok && result.warnings).toHaveLength(2);
    expect(result.ok && 'email' in result.data).toBe(false);
  });
  it('trims the name and e-mail, and ignores null fields', () => {
    expect(readIdentity({ id: '7', name: '  Anna ', email: ' a@b.cz ', hash: null })).toEqual({
      ok: true,
      data: { id: '7', name: 'Anna', email: 'a@b.cz' },
    });
  });
});

describe('isSameIdentity', () => {
  it('compares every field', () => {
    expect(isSameIdentity({ id: '1' }, { id: '1' })).toBe(true);
    expect(isSameIdentity({ id: '1' }, { id: '1', hash: 'h' })).toBe(false);
    expect(isSameIdentity(null, null)).toBe(true);
    expect(isSameIdentity({ id: '1' }, null)).toBe(false);
  });
});
