import type { Page } from 'playwright-core';
import { OPERATOR, sessionCookie, type TestServer } from './server.ts';

export interface ConsoleCredentials {
  email: string;
  password: string;
}

/** Resolves once the signed-in console shows its inbox (the "Conversations" heading). */
export async function inboxShown(page: Page): Promise<void> {
  // Exact: the inbox's group headings are named "…, 0 conversations" too.
  await page.getByRole('heading', { name: 'Conversations', exact: true }).waitFor();
}

/**
 * Opens the operator console at `baseUrl` and signs in through the form, as a person does; resolves once the
 * inbox is there. Defaults to the seeded operator, Jana.
 */
export async function signInToConsole(page: Page, baseUrl: string, who: ConsoleCredentials = OPERATOR): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByRole('textbox', { name: 'E-mail' }).fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await inboxShown(page);
}

/**
 * Opens the console already signed in, with a session made the way the login route makes one: for tests
 * about something else than signing in (quicker: no password hashing; and clear of the login rate limit).
 */
export async function openConsoleSignedIn(page: Page, server: TestServer, email: string = OPERATOR.email): Promise<void> {
  const [name, value] = (await sessionCookie(server, email)).split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
  await page.goto(`${server.url}/console/`);
  await inboxShown(page);
}

/** One of the inbox's sections by its heading: "Follow-up due", "Waiting for us", "Waiting for the visitor", "Resolved". */
export function inboxGroup(page: Page, heading: string) {
  // The group is named by its heading plus ", 2 conversations"; anchored, so "Waiting for" does not match both.
  return page.getByRole('group', { name: new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) });
}
