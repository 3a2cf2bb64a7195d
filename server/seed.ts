import type { Clock } from './clock.ts';
import { hashPassword } from './auth/password.ts';
import { createPassword } from './auth/tokens.ts';
import type { Store } from './storage/index.ts';

export interface SeedResult {
  /** Set only when this start created the first operator without ADMIN_PASSWORD: show it once. */
  generatedPassword: string | undefined;
  createdOperator: boolean;
}

/**
 * First-start setup: the demo site (key `demo`) and, when there is no operator yet, the first one from
 * ADMIN_EMAIL / ADMIN_PASSWORD (or a generated password). Later starts change nothing.
 */
export async function seed(
  store: Store,
  clock: Clock,
  admin: { email: string; password: string | undefined; name: string },
): Promise<SeedResult> {
  const now = clock.now().toISOString();
  const site = await store.ensureSite({ key: 'demo', name: 'Demo tea shop', now });
  if ((await store.countOperators()) > 0) return { generatedPassword: undefined, createdOperator: false };
  const password = admin.password ?? createPassword();
  const operator = await store.createOperator({
    email: admin.email,
    name: admin.name,
    passwordHash: await hashPassword(password),
    now,
  });
  await store.addOperatorToSite({ operatorId: operator.id, siteId: site.id, role: 'owner' });
  return { generatedPassword: admin.password ? undefined : password, createdOperator: true };
}
