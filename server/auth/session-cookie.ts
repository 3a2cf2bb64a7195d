import type { Store, SessionRecord } from '../storage/index.ts';
import type { Clock } from '../clock.ts';
import { hashToken } from './tokens.ts';

export const SESSION_COOKIE = 'porchlight_session';

/**
 * The session a cookie token stands for, sliding its expiry forward (an operator who keeps working stays
 * signed in; one who leaves the console idle for the session lifetime is signed out).
 */
export async function resumeSession(
  store: Store,
  clock: Clock,
  sessionTtlMs: number,
  token: string | undefined,
): Promise<SessionRecord | undefined> {
  if (!token || token.length > 200) return undefined;
  const tokenHash = hashToken(token);
  const now = clock.now();
  const session = await store.getSession(tokenHash, now.toISOString());
  if (!session) return undefined;
  const expiresAt = new Date(now.getTime() + sessionTtlMs).toISOString();
  await store.touchSession(tokenHash, expiresAt);
  return { ...session, expiresAt };
}
