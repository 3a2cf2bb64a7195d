import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { inboxShown } from '../helpers/console.ts';
import { useE2e } from '../helpers/e2e.ts';
import { OPERATOR } from '../helpers/server.ts';

/**
 * The console speaks the operator's language: Czech when the browser prefers it, English otherwise, and the
 * header's "Language / Jazyk" select switches and is remembered in this browser.
 */
const e2e = useE2e();

let pageErrors: Error[] = [];
afterEach(() => {
  const errors = pageErrors;
  pageErrors = [];
  expect(errors).toEqual([]);
});

async function newPage(locale: string): Promise<Page> {
  const context = await e2e.newContext({ timezoneId: 'Europe/Prague', locale });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err));
  return page;
}

describe('the console language', () => {
  it('is Czech for a Czech browser, from the sign-in form to the inbox, and can be switched to English', async () => {
    const page = await newPage('cs-CZ');
    await page.goto(`${e2e.server.url}/console/`);
    await page.getByRole('heading', { name: 'Přihlášení do Porchlightu' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('cs');
    await page.getByRole('textbox', { name: 'E-mail' }).fill(OPERATOR.email);
    await page.getByLabel('Heslo').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Přihlásit se' }).click();

    await page.getByRole('heading', { name: 'Konverzace', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Odhlásit se' }).waitFor();
    expect(await page.locator('main').first().textContent()).toMatch(/Zobrazit konverzace.*Moje.*Všechny/);
    expect(await page.title()).toBe('Konzole Porchlight');

    // Switching reloads the console in English, and the choice outlives another reload.
    await Promise.all([page.waitForEvent('load'), page.getByLabel('Language / Jazyk').selectOption('en')]);
    await inboxShown(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await inboxShown(page);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  it('is English for a browser that prefers neither, and Czech once chosen on the sign-in screen', async () => {
    const page = await newPage('de-DE');
    await page.goto(`${e2e.server.url}/console/`);
    await page.getByRole('heading', { name: 'Sign in to Porchlight' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await Promise.all([page.waitForEvent('load'), page.getByLabel('Language / Jazyk').selectOption('cs')]);
    await page.getByRole('heading', { name: 'Přihlášení do Porchlightu' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('cs');
  });
});
