import { createToken } from './tokens.ts';

/** Marks our tokens, so a leaked one is recognisable (secret scanners, logs) and never taken for a session. */
const API_TOKEN_PREFIX = 'plt_';

/** A new API token: 256 random bits behind the prefix. Stored only as hashToken(token). */
export function createApiToken(): string {
  return `${API_TOKEN_PREFIX}${createToken()}`;
}

/** The token of an `Authorization: Bearer <token>` header, or undefined for any other header or none. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = authorization?.match(/^Bearer +([A-Za-z0-9_-]{1,200})\s*$/i);
  return match?.[1];
}
