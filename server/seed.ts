import type { Clock } from './clock.ts';
import { hashPassword } from './auth/password.ts';
import { createPassword } from './auth/tokens.ts';
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../shared/index.ts';
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
  if ((await store.getSiteSettings(site.id)) === undefined) {
    await store.putSiteSettings({ siteId: site.id, settings: demoSettings(admin.name), now });
  }
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

/**
 * The demo shop: open around the clock, so the chat is live exactly while an operator is signed in and the
 * message form shows otherwise; a phone line with office hours and an always-open e-mail address.
 */
export function demoSettings(teamName: string): SiteSettings {
  const allDay = [{ start: '00:00', end: '24:00' }];
  const office = [{ start: '09:00', end: '17:00' }];
  return {
    ...DEFAULT_SITE_SETTINGS,
    teamName,
    schedule: {
      timeZone: 'Europe/Prague',
      weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      exceptions: [],
      holidays: null,
    },
    channels: [
      {
        kind: 'phone',
        label: 'Phone',
        value: '+420 123 456 789',
        hours: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
        replyTarget: null,
      },
      { kind: 'email', label: 'E-mail', value: 'caj@example.com', hours: null, replyTarget: 'within 8 hours' },
    ],
  };
}
