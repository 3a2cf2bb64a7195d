import { createHash, randomBytes } from 'node:crypto';

/** A bearer token with 256 bits of randomness, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of a token: a leaked database does not hand out sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A readable random password for the first operator when ADMIN_PASSWORD is not set. */
export function createPassword(): string {
  return randomBytes(12).toString('base64url');
}
