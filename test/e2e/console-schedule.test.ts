import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../shared/index.ts';
import { api } from '../helpers/clients.ts';
import { openConsoleSignedIn } from '../helpers/console.ts';
import { useE2e } from '../helpers/e2e.ts';
import { sessionCookie } from '../helpers/server.ts';

const e2e = useE2e();

/** A Wednesday in the demo shop's usual hours (it is open around the clock). */
const WEDNESDAY = '2027-03-10';

async function openHours(): Promise<Page> {
  const page = await (await e2e.newContext({ viewport: { width: 1100, height: 1400 } })).newPage();
  await openConsoleSignedIn(page, e2e.server);
  await page.getByRole('link', { name: 'Hours' }).click();
  await page.getByRole('heading', { name: 'Hours of Demo tea shop' }).waitFor();
  return page;
}

async function savedSettings(): Promise<SiteSettings> {
  return (await api<SiteSettings>(e2e.server.url, 'GET', '/api/v1/sites/demo/settings', { cookie: await sessionCookie(e2e.server) })).body;
}

const preview = (page: Page): FrameLocator => page.frameLocator('iframe[title="Preview of the widget"]');

describe('the Hours screen', () => {
  it('previews the real widget at a moment, and the preview follows a saved change of hours', async () => {
    const page = await openHours();
    await page.getByLabel('Date', { exact: true }).fill(WEDNESDAY);
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await page.getByRole('combobox', { name: "Visitor's time zone" }).fill('Europe/Prague');
    await page.getByRole('combobox', { name: "Visitor's language" }).selectOption('en');
    const frameUrl = () => page.locator('iframe[title="Preview of the widget"]').getAttribute('src');
    await expect.poll(frameUrl).toContain('at=2027-03-10T09%3A00%3A00Z');
    // Inside the hours and the owner's console is online: the preview opens at once on the live chat.
    await preview(page).getByRole('dialog', { name: 'Chat with us' }).waitFor();

    // The owner closes Wednesdays and saves: the preview reloads on the message form with its reply time.
    await page.getByRole('button', { name: 'Remove Wednesday, hours 1' }).first().click();
    await page.getByRole('group', { name: 'Wednesday' }).first().getByText('Closed').waitFor();
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Hours saved.' }).waitFor();
    expect((await savedSettings()).schedule.weekly.wed).toEqual([]);
    await preview(page).getByRole('dialog', { name: 'Leave us a message' }).waitFor();
    await preview(page).getByText(/We'll reply/).waitFor();
  });

  it('shows a refused interval next to its field and in a summary, and saves nothing', async () => {
    const page = await openHours();
    const before = await savedSettings();
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT') puts.push(request.url());
    });
    const end = page.locator('#schedule-weekly-thu-0-end');
    await page.locator('#schedule-weekly-thu-0-start').fill('18:00');
    await end.fill('09:00');
    await page.getByText('You have unsaved changes.').waitFor();
    await page.getByRole('button', { name: 'Save hours' }).click();

    // Checked in the console's language before anything is sent.
    const summary = page.getByRole('heading', { name: 'Nothing was saved: one thing needs correcting' });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const error = page.locator('#schedule-weekly-thu-0-end-error');
    expect(await error.textContent()).toContain('Thursday, hours 1: This ends before it starts');
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    expect(await end.getAttribute('aria-describedby')).toContain('schedule-weekly-thu-0-end-error');
    // The summary's link takes the focus to the field.
    await page.getByRole('link', { name: /Thursday, hours 1: This ends before it starts/ }).click();
    await expect.poll(() => end.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(puts).toEqual([]);
    expect(await end.inputValue()).toBe('09:00');

    // An overlap is for the server to find: its sentence lands at the field its path names.
    await page.locator('#schedule-weekly-thu-0-start').fill('00:00');
    await end.fill('24:00');
    await page.getByRole('button', { name: 'Add hours to Thursday' }).first().click();
    await page.getByRole('button', { name: 'Save hours' }).click();
    const overlap = page.locator('#schedule-weekly-thu-1-start-error');
    await overlap.waitFor();
    expect(await overlap.textContent()).toContain("Thursday's second interval (23:00–24:00) overlaps the first one");
    expect(await page.locator('#schedule-weekly-thu-1-start').getAttribute('aria-invalid')).toBe('true');
    expect(puts).toHaveLength(1);
    // Nothing was stored, and the draft is still there to correct.
    expect(await savedSettings()).toEqual(before);
    expect(await page.locator('#schedule-weekly-thu-1-end').inputValue()).toBe('24:00');
  });

  it('keeps a public holiday open with its switch, and the choice comes back after a reload', async () => {
    const page = await openHours();
    await page.getByRole('combobox', { name: 'Country' }).selectOption('CZ');
    const firstSwitch = page.getByRole('switch').first();
    await firstSwitch.waitFor();
    const name = (await firstSwitch.getAttribute('aria-label')) ?? '';
    expect(name).toMatch(/^Keep open on /);
    await firstSwitch.check();
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Hours saved.' }).waitFor();
    const holidays = (await savedSettings()).schedule.holidays;
    expect(holidays?.country).toBe('CZ');
    expect(holidays?.keepOpen).toHaveLength(1);

    await page.reload();
    await page.getByRole('heading', { name: 'Hours of Demo tea shop' }).waitFor();
    const again = page.getByRole('switch', { name });
    await again.waitFor();
    expect(await again.isChecked()).toBe(true);
    await again.uncheck();
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Hours saved.' }).waitFor();
    expect((await savedSettings()).schedule.holidays?.keepOpen).toEqual([]);
  });

  // The rule that the server's own Origin always passes is tested in test/integration/preview.test.ts; here the
  // whole preview is checked with a list set (its same-origin GETs carry no Origin header in Chromium).
  it("previews the widget even when the site allows only its shop's origin", async () => {
    const cookie = await sessionCookie(e2e.server);
    const settings = await savedSettings();
    const saved = await api(e2e.server.url, 'PUT', '/api/v1/sites/demo/settings', { cookie, body: { ...settings, allowedOrigins: ['https://shop.example'] } });
    expect(saved.status).toBe(200);
    const page = await openHours();
    await page.getByLabel('Date', { exact: true }).fill(WEDNESDAY);
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await preview(page).getByRole('dialog', { name: 'Chat with us' }).waitFor();
  });

  it('keeps unsaved changes when the owner leaves the screen through the menu and comes back', async () => {
    const page = await openHours();
    await page.locator('#schedule-weekly-sat-0-end').fill('12:00');
    await page.getByText('You have unsaved changes.').waitFor();
    // The week view's text alternative follows the draft.
    expect(await page.getByText(/^Saturday \d+ \w+: 00:00–12:00$/).count()).toBe(1);
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('heading', { name: 'Conversations', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Hours' }).click();
    await page.getByText('Your unsaved changes from before are still here.').waitFor();
    expect(await page.locator('#schedule-weekly-sat-0-end').inputValue()).toBe('12:00');
    // Discarding goes back to what is saved.
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.locator('#schedule-weekly-sat-0-end').inputValue()).toBe('24:00');
    expect(await page.getByText('You have unsaved changes.').count()).toBe(0);
  });
});
