import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Availability, SiteSettings } from '../../shared/index.ts';
import { api } from '../helpers/clients.ts';
import { sessionCookie, startServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let owner: string;

beforeAll(async () => {
  server = await startServer();
  owner = await sessionCookie(server);
});
afterAll(async () => {
  await server.destroy();
});

const SETTINGS = '/api/v1/sites/demo/settings';
const readSettings = async () => (await api<SiteSettings>(server.url, 'GET', SETTINGS, { cookie: owner })).body;
type Refusal = { error: { code: string; message: string; issues: { path: (string | number)[]; message: string }[] } };

describe("the site's look in its settings", () => {
  it('refuses a bad colour, four initials and a too-long greeting, naming each field, and stores nothing of the document', async () => {
    const before = await readSettings();
    const body: SiteSettings = {
      ...before,
      // Good changes travel with the bad ones: none of them may be stored either.
      teamName: 'Half-saved team',
      look: { ...before.look, accentColor: 'orange', avatarInitials: 'ABCD', greeting: 'x'.repeat(301), launcherLabel: 'Ask us' },
    };
    const refused = await api<Refusal>(server.url, 'PUT', SETTINGS, { cookie: owner, body });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_payload');
    expect(refused.body.error.message).toBe('The settings were not saved: 3 fields need attention.');
    expect(refused.body.error.issues).toEqual(
      expect.arrayContaining([
        { path: ['look', 'accentColor'], message: 'Use a colour like #9a3412 (a # and six hexadecimal digits).' },
        { path: ['look', 'avatarInitials'], message: 'Use one to three letters, such as JN.' },
        { path: ['look', 'greeting'], message: 'Keep the greeting under 300 characters.' },
      ]),
    );
    expect(refused.body.error.issues).toHaveLength(3);
    expect(await readSettings()).toEqual(before);
  });

  it('refuses an unknown look field and a position that is neither side', async () => {
    const before = await readSettings();
    const refused = await api<Refusal>(server.url, 'PUT', SETTINGS, {
      cookie: owner,
      body: { ...before, look: { ...before.look, position: 'top', font: 'Comic Sans' } },
    });
    expect(refused.status).toBe(400);
    const paths = refused.body.error.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['look.position', 'look.font']));
    expect(await readSettings()).toEqual(before);
  });

  it('stores a good look (the colour lowercased) and the widget reads it from availability', async () => {
    const before = await readSettings();
    const look = { accentColor: '#1D4ED8', position: 'left' as const, launcherLabel: 'Ask the tea team', greeting: 'Ahoj! Ask us anything about tea.', avatarInitials: 'Čj' };
    const saved = await api<SiteSettings>(server.url, 'PUT', SETTINGS, { cookie: owner, body: { ...before, teamName: 'Tea team', look } });
    expect(saved.status).toBe(200);
    expect(saved.body.look).toEqual({ ...look, accentColor: '#1d4ed8' });
    expect((await readSettings()).look).toEqual({ ...look, accentColor: '#1d4ed8' });

    const availability = await api<Availability>(server.url, 'GET', '/api/v1/sites/demo/availability');
    expect(availability.status).toBe(200);
    expect(availability.body.look).toEqual({ ...look, accentColor: '#1d4ed8' });
    expect(availability.body.teamName).toBe('Tea team');
  });
});
