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
 * First-start setup: the demo site (key `demo`) with its settings and saved replies and, when there is no
 * operator yet, the first one from ADMIN_EMAIL / ADMIN_PASSWORD (or a generated password), as the demo site's
 * owner. Later starts change nothing, except that a demo site without any saved reply gets the three again.
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
  // Checked on its own, so a demo database from before saved replies existed gets them too.
  if ((await store.listSavedReplies(site.id)).length === 0) {
    for (const reply of DEMO_SAVED_REPLIES) await store.createSavedReply({ siteId: site.id, ...reply, now });
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

/** Answers the demo tea shop gives every day; `/` in the console's composer finds them. */
export const DEMO_SAVED_REPLIES = [
  {
    shortcut: 'hello',
    title: 'Greeting',
    body: 'Hi {{firstName|there}}, thank you for writing to us! How can I help you today?',
  },
  {
    shortcut: 'shipping',
    title: 'Shipping and delivery times',
    body:
      'We send orders within one working day. Within the Czech Republic they arrive in 1–2 working days ' +
      '(free from 1,000 CZK), elsewhere in the EU in 3–5 working days. You will get a tracking link by e-mail ' +
      'as soon as your parcel leaves us.',
  },
  {
    shortcut: 'brewing-green',
    title: 'How to brew green tea',
    body:
      'For most green teas: water at about 80 °C (boiled water left to stand for 3 minutes), one teaspoon ' +
      'per cup, 2 minutes of steeping. The same leaves give two or three more cups, each steeped a little ' +
      'longer. Too hot or too long makes it bitter.',
  },
] as const;

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

/** The key of the demo's second site: a workshop booking desk that hides the chat outside its hours. */
export const DEMO_HOURS_SITE_KEY = 'demo-hours';

/**
 * The demo's second site, for demo-site/hours.html: open Monday to Friday 9:00–17:00 in Prague and hidden
 * outside those hours, so the page shows a site that only offers chat while it is staffed. Created once,
 * with the demo site's owners as its owners so the demo operator answers both; later starts change nothing.
 */
export async function seedDemoPages(store: Store, clock: Clock): Promise<void> {
  const now = clock.now().toISOString();
  const demo = await store.ensureSite({ key: 'demo', name: 'Demo tea shop', now });
  const existing = await store.getSiteByKey(DEMO_HOURS_SITE_KEY);
  if (existing && (await store.getSiteSettings(existing.id)) !== undefined) return;
  const site = existing ?? (await store.ensureSite({ key: DEMO_HOURS_SITE_KEY, name: 'Demo tea tastings (office hours)', now }));
  // Owners first: the settings row marks the site as done, so a start interrupted here repeats this part.
  for (const member of await store.listSiteTeam(demo.id)) {
    if (member.role === 'owner') await store.addOperatorToSite({ operatorId: member.id, siteId: site.id, role: 'owner' });
  }
  const office = [{ start: '09:00', end: '17:00' }];
  await store.putSiteSettings({
    siteId: site.id,
    now,
    settings: {
      ...DEFAULT_SITE_SETTINGS,
      teamName: 'Tasting bookings',
      schedule: {
        timeZone: 'Europe/Prague',
        weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
        exceptions: [],
        holidays: { country: 'CZ', keepOpen: [] },
      },
      availability: { basis: 'scheduleAndPresence', outsideHours: 'hide', nobodyOnline: 'form' },
      replyTargets: { chatMinutes: 5, form: { kind: 'working', minutes: 240 } },
    },
  });
}
