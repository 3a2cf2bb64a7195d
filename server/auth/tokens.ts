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

/**
 * A new site's key: 128 random bits, URL-safe, so nobody finds a site by trying names. It is public (it sits in
 * the widget's script tag); what it prevents is enumerating the sites of an installation.
 */
export function createSiteKey(): string {
  return `s_${randomBytes(16).toString('base64url')}`;
}
