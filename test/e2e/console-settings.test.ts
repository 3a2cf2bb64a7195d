import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Availability, SiteSettings } from '../../shared/index.ts';
import { openConsoleSignedIn } from '../helpers/console.ts';
import { useE2e } from '../helpers/e2e.ts';

/**
 * The owner's Settings screen in Chromium, against the real server serving the built console and the demo
 * site: saving the look, refusals shown next to their fields, the contrast warning, API tokens and new sites.
 */
const e2e = useE2e();

function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 10_000 });
}

let pageErrors: Error[] = [];
afterEach(() => {
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
});

async function openSettings(): Promise<Page> {
  const context = await e2e.newContext({ locale: 'en-US', timezoneId: 'Europe/Prague' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err));
  await openConsoleSignedIn(page, e2e.server);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings of Demo tea shop' }).waitFor();
  await page.getByRole('textbox', { name: 'Team name' }).waitFor();
  return page;
}

/** The text of the elements that describe a control (its error, help, contrast note), joined. */
async function descriptionOf(page: Page, label: string): Promise<string> {
  return page.getByRole('textbox', { name: label, exact: true }).evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' | '),
  );
}

describe('the Settings screen', () => {
  it('saves a new team name and accent colour, and the widget on the demo page receives them', async () => {
    const page = await openSettings();
    await page.getByRole('textbox', { name: 'Team name' }).fill('The Lucerna tea team');
    await page.getByRole('textbox', { name: 'Accent colour', exact: true }).fill('#1D4ED8');
    expect(await descriptionOf(page, 'Accent colour')).toMatch(/Contrast \d+\.\d:1 — good\./);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const visitor = await (await e2e.newContext()).newPage();
    const availability = visitor.waitForResponse((r) => r.url().includes('/api/v1/sites/demo/availability') && r.status() === 200);
    await visitor.goto(`${e2e.server.url}/`);
    const body = (await (await availability).json()) as Availability;
    expect(body.teamName).toBe('The Lucerna tea team');
    expect(body.look.accentColor).toBe('#1d4ed8');
  });

  it('shows a refused origin next to its field and in the summary, keeps the form, and a reload shows the stored settings', async () => {
    const page = await openSettings();
    await page.getByRole('textbox', { name: 'Team name' }).fill('Not saved');
    await page.getByRole('textbox', { name: 'New origin' }).fill('https://shop.example/cart');
    await page.getByRole('button', { name: 'Add origin' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'The settings were not saved: 1 field needs attention.' });
    await summary.waitFor();
    const origin = page.getByRole('textbox', { name: 'Origin 1' });
    expect(await origin.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page, 'Origin 1')).toContain('Enter an origin such as https://shop.example');
    // The summary links to the field and moves the focus there.
    await summary.getByRole('link', { name: /Enter an origin/ }).click();
    expect(await origin.evaluate((el) => el === document.activeElement)).toBe(true);
    // Nothing typed is lost.
    expect(await page.getByRole('textbox', { name: 'Team name' }).inputValue()).toBe('Not saved');
    expect(await origin.inputValue()).toBe('https://shop.example/cart');

    // Leaving with unsaved changes asks first; the test accepts, as a person who wants to drop them does.
    const questions: string[] = [];
    page.on('dialog', (dialog) => {
      questions.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    await page.getByRole('textbox', { name: 'Team name' }).waitFor();
    expect(questions).toEqual(['beforeunload']);
    expect(await page.getByRole('textbox', { name: 'Team name' }).inputValue()).not.toBe('Not saved');
    await page.getByText('No origins: the widget works on any website.').waitFor();
    const stored = await page.evaluate(async () => (await fetch('/api/v1/sites/demo/settings')).json() as Promise<SiteSettings>);
    expect(stored.allowedOrigins).toEqual([]);
  });

  it('asks before another screen replaces unsaved changes, and staying keeps them', async () => {
    const page = await openSettings();
    await page.getByRole('textbox', { name: 'Greeting' }).fill('Ahoj! Ask us anything about tea.');
    await page.getByRole('status').filter({ hasText: 'You have unsaved changes.' }).waitFor();
    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Team' }).click();
    await poll(() => questions).toEqual(['Your changes to the settings are not saved. Leave without saving?']);
    expect(await page.getByRole('textbox', { name: 'Greeting' }).inputValue()).toBe('Ahoj! Ask us anything about tea.');
    expect(new URL(page.url()).hash).toBe('#/settings');

    // Saved, nothing is held any more: the same link leaves without a question.
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team of Demo tea shop' }).waitFor();
    expect(questions).toHaveLength(1);
  });

  it('warns about a low-contrast accent colour, naming the problem', async () => {
    const page = await openSettings();
    await page.getByRole('textbox', { name: 'Accent colour', exact: true }).fill('#ffd700');
    const description = await descriptionOf(page, 'Accent colour');
    expect(description).toMatch(/Contrast 1\.\d:1 — too low\. White text on this colour is hard to read; WCAG asks for at least 4\.5:1/);
  });

  it('creates an API token shown once, which then works as a Bearer token for the settings', async () => {
    const page = await openSettings();
    await page.getByRole('textbox', { name: 'Token name' }).fill('Shop backend');
    await page.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('textbox', { name: 'New token: Shop backend' });
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^plt_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await poll(() => shown.count()).toBe(0);
    const row = page.getByRole('row', { name: /Shop backend/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Never');
    expect(await page.content()).not.toContain(token);

    const response = await fetch(`${e2e.server.url}/api/v1/sites/demo/settings`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as SiteSettings).teamName).toBeTruthy();
    // The list says it has been used now; revoking it (after a question) refuses it at once.
    await page.reload();
    await row.waitFor();
    expect(await row.textContent()).not.toContain('Never');
    await page.getByRole('button', { name: 'Revoke Shop backend' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'The token Shop backend was revoked.' }).waitFor();
    const refused = await fetch(`${e2e.server.url}/api/v1/sites/demo/settings`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });

  it('generates an identity secret shown once, and replaces it only after a warning', async () => {
    const page = await openSettings();
    const demo = (await e2e.server.store.getSiteByKey('demo'))!;
    await page.getByText('No secret yet.').waitFor();
    await page.getByRole('button', { name: 'Generate a secret' }).click();
    const first = page.getByRole('textbox', { name: 'The new identity secret' });
    await first.waitFor();
    const firstSecret = await first.inputValue();
    expect((await e2e.server.store.getIdentitySecret(demo.id))?.secret).toBe(firstSecret);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await poll(() => first.count()).toBe(0);

    await page.getByRole('button', { name: 'Make a new secret' }).click();
    const warning = page.getByRole('alertdialog', { name: /The old one stops working at once/ });
    await warning.getByRole('button', { name: 'Cancel' }).click();
    expect((await e2e.server.store.getIdentitySecret(demo.id))?.secret).toBe(firstSecret);

    await page.getByRole('button', { name: 'Make a new secret' }).click();
    await warning.getByRole('button', { name: 'Make a new secret' }).click();
    const second = page.getByRole('textbox', { name: 'The new identity secret' });
    await second.waitFor();
    const secondSecret = await second.inputValue();
    expect(secondSecret).not.toBe(firstSecret);
    expect((await e2e.server.store.getIdentitySecret(demo.id))?.secret).toBe(secondSecret);
  });

  it('adds a site, which is listed with its key, becomes the selected site and can be renamed', async () => {
    const page = await openSettings();
    await page.getByRole('textbox', { name: 'Name of the new site' }).fill('Bakery Novák');
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('heading', { name: 'Settings of Bakery Novák' }).waitFor();
    const chooser = page.getByRole('combobox', { name: 'Site' });
    expect(await chooser.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('Bakery Novák');
    const row = page.getByRole('row', { name: /Bakery Novák/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/s_[A-Za-z0-9_-]{22}/);
    // Its settings are the defaults, with Jana's name as the team name.
    expect(await page.getByRole('textbox', { name: 'Team name' }).inputValue()).toBe('Jana');
    // Renamed, it keeps its key; the heading and the site selector follow.
    const key = (await row.textContent())!.match(/s_[A-Za-z0-9_-]{22}/)![0];
    await page.getByRole('button', { name: 'Rename Bakery Novák' }).click();
    await page.getByRole('textbox', { name: 'New name for Bakery Novák' }).fill('Pekárna Novák');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByRole('status').filter({ hasText: 'The site is now called Pekárna Novák. Its key has not changed.' }).waitFor();
    await page.getByRole('heading', { name: 'Settings of Pekárna Novák' }).waitFor();
    expect(await chooser.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('Pekárna Novák');
    expect(await page.getByRole('row', { name: /Pekárna Novák/ }).textContent()).toContain(key);

    // Choosing another site with unsaved changes asks first, in the console's own dialog.
    await page.getByRole('textbox', { name: 'Team name' }).fill('Bakery team');
    await chooser.selectOption({ label: 'Demo tea shop' });
    const question = page.getByRole('alertdialog', { name: 'Your changes to the settings are not saved. Leave without saving?' });
    await question.getByRole('button', { name: 'Stay' }).click();
    expect(await page.getByRole('textbox', { name: 'Team name' }).inputValue()).toBe('Bakery team');
    expect(await chooser.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('Pekárna Novák');
    await chooser.selectOption({ label: 'Demo tea shop' });
    await question.getByRole('button', { name: 'Leave without saving' }).click();
    await page.getByRole('heading', { name: 'Settings of Demo tea shop' }).waitFor();
  });
});
