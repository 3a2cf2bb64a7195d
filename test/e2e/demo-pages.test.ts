import { describe, expect, it } from 'vitest';
import { seedDemoPages } from '../../server/seed.ts';
import { useE2e } from '../helpers/e2e.ts';
import { steerableClock } from '../helpers/server.ts';

/**
 * The demo site's pages as `npm start` serves them (demo-site/): the JS API page and the page whose site hides
 * the chat outside office hours. Real server, real sockets, Chromium.
 */
// Saturday 5 December 2026, 11:00 in Prague: the tastings desk (Monday to Friday 9–17) is closed.
const clock = steerableClock(new Date('2026-12-05T10:00:00Z'));
const e2e = useE2e({ clock, operatorOnline: true });

describe('the My account page (the JS API)', () => {
  it('tells the chat who signed in, opens it from its own button, reports events, and forgets the customer on sign-out', async () => {
    const context = await e2e.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/account.html`);
    await page.getByRole('button', { name: 'Sign in as Eva' }).click();
    await page.getByRole('button', { name: 'Open the chat' }).click();
    const composer = page.getByRole('textbox', { name: 'Message' });
    await composer.fill('Is the Dong Ding in stock?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('listitem').filter({ hasText: 'Is the Dong Ding in stock?' }).getByText(/(^|· )Sent$/).waitFor();
    await page.getByText(/the chat was opened/).waitFor();

    // The team sees the customer by the name the shop gave.
    const site = (await e2e.server.store.getSiteByKey('demo'))!;
    const [conversation] = await e2e.server.store.listConversations([site.id], { limit: 5 });
    expect(conversation).toMatchObject({ visitorName: 'Eva Nováková', lastMessage: expect.objectContaining({ body: 'Is the Dong Ding in stock?' }) });

    // Signing out forgets her: the next person at this computer sees an empty chat.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Open the chat' }).click();
    await composer.waitFor();
    await expect.poll(() => page.getByText('Is the Dong Ding in stock?').count()).toBe(0);
  });
});

describe('the tastings page (a site that hides the chat outside its hours)', () => {
  it('shows no chat on a Saturday, and the message form on a weekday morning with nobody of the desk online', async () => {
    await seedDemoPages(e2e.server.store, clock);
    const context = await e2e.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const answered = page.waitForResponse((response) => response.url().includes('/api/v1/sites/demo-hours/availability'));
    await page.goto(`${e2e.server.url}/tastings.html`);
    await page.getByRole('heading', { name: 'Book a seat at a tasting' }).waitFor();
    // The answer has come (the launcher is drawn hidden until it does): still nothing to click.
    expect((await (await answered).json()).mode).toBe('hidden');
    expect(await page.getByRole('button', { name: /chat|message/i }).count()).toBe(0);

    clock.advance(2 * 24 * 60 * 60_000); // Monday 7 December, 11:00 in Prague
    const monday = await (await e2e.newContext({ locale: 'en-GB' })).newPage();
    await monday.goto(`${e2e.server.url}/tastings.html`);
    // The operator connected before the desk's site existed, so the desk has nobody online: the form.
    await monday.getByRole('button', { name: 'Leave us a message' }).waitFor();
  });
});
