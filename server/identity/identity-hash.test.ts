import { describe, expect, it } from 'vitest';
import { createIdentitySecret, identityHash, isValidIdentityHash } from './identity-hash.ts';

/** The same vectors are printed in docs/identity.md: change both together. */
const VECTORS = [
  { secret: 'test-secret-1', userId: '42', hash: '5cf132cee4bafbd6dfd0b7ae958eec39ed9ce53e9c8ebd765e02aabd19666b08' },
  { secret: 'test-secret-1', userId: 'user@example.com', hash: '309f82bd125f5ada07c266932a288ae759873a056cb934a87496d1cf5ab0677b' },
  { secret: 'test-secret-2', userId: 'Žluťoučký-kůň-🐴', hash: 'ca7950bb9a3224816d1ed81a0f691be9f8625aaa68f9a7b59c9410cc606b3bc2' },
];

describe('identity hash', () => {
  it.each(VECTORS)('signs $userId with $secret as the documented lowercase hex', ({ secret, userId, hash }) => {
    expect(identityHash(secret, userId)).toBe(hash);
    expect(isValidIdentityHash(secret, userId, hash)).toBe(true);
  });

  it('accepts upper-case hex of the right hash', () => {
    expect(isValidIdentityHash('test-secret-1', '42', identityHash('test-secret-1', '42').toUpperCase())).toBe(true);
  });

  it('refuses another user id, another secret, a truncated, padded or empty hash', () => {
    const hash = identityHash('test-secret-1', '42');
    expect(isValidIdentityHash('test-secret-1', '43', hash)).toBe(false);
    expect(isValidIdentityHash('test-secret-2', '42', hash)).toBe(false);
    expect(isValidIdentityHash('test-secret-1', '42', hash.slice(0, 63))).toBe(false);
    expect(isValidIdentityHash('test-secret-1', '42', `${hash}0`)).toBe(false);
    expect(isValidIdentityHash('test-secret-1', '42', '')).toBe(false);
  });

  it('does not confuse a unicode id with its NFD spelling', () => {
    const composed = 'Žluťoučký';
    expect(identityHash('s', composed)).not.toBe(identityHash('s', composed.normalize('NFD')));
  });

  it('makes a new 43-character base64url secret each time', () => {
    const a = createIdentitySecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createIdentitySecret()).not.toBe(a);
  });
});
