import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signature a host site's server computes for its signed-in user: HMAC-SHA256 keyed with the site's
 * identity secret (its UTF-8 bytes, exactly as shown to the owner) over the user id (UTF-8), as lowercase hex.
 * docs/identity.md has the same formula in PHP and Python, and test vectors.
 *
 * @example identityHash('test-secret-1', '42') // '…64 hex digits…'
 */
export function identityHash(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/**
 * Whether `hash` is the signature of `userId` under `secret`. Compared in constant time, so response times
 * do not reveal how much of a guess was right; upper-case hex is accepted too.
 */
export function isValidIdentityHash(secret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(identityHash(secret, userId), 'utf8');
  const given = Buffer.from(hash.toLowerCase(), 'utf8');
  // The length of a correct hash is public (64), so checking it first leaks nothing.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A new site secret: 32 random bytes, base64url (43 characters), used as the HMAC key as this text. */
export function createIdentitySecret(): string {
  return randomBytes(32).toString('base64url');
}
