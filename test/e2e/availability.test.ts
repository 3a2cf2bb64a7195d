import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Availability, SiteSettings } from '../../shared/index.ts';
import { login, newOperator } from '../helpers/clients.ts';
import { useE2e } from '../helpers/e2e.ts';

const e2e = useE2e({ env: { PRESENCE_GRACE_SECONDS: '0.2' } });

/** A visitor's browser with its own time zone and language. */
async function visit(options: { timezoneId: string; locale: string } = { timezoneId: 'America/New_York', locale: 'en-US' }): Promise<Page> {
  const context = await e2e.newContext(options);
  const page = await context.newPage();
  await page.goto(`${e2e.server.url}/`);
  return page;
}

/** Visible launchers, by their accessible names in either mode (hidden elements have no role). */
const launcherCount = (page: Page) => page.getByRole('button', { name: /^(Leave us a message|Chat with us)/ }).count();

describe('when nobody is online', () => {
  it('the widget is a message form stating the reply time in the visitor\'s own time zone', async () => {
    // The reply-by time may follow the clock (a target in minutes from now): the widget's own look-up lies
    // between these two, so it states one of their minutes.
    const replyTimes = async () => {
      const availability = (await (await fetch(`${e2e.server.url}/api/v1/sites/demo/availability`)).json()) as Availability;
      return new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' }).format(new Date(availability.replyBy!));
    };
    const before = await replyTimes();
    const page = await visit();
    await page.getByRole('button', { name: 'Leave us a message' }).click();
    await page.getByRole('dialog', { name: 'Leave us a message' }).waitFor();
    const statement = (await page.locator('porchlight-widget').locator('#pl-reply').textContent()) ?? '';
    const after = await replyTimes();
    expect(statement).toContain("We'll reply");
    expect([before, after].some((time) => statement.includes(time)), `"${statement}" states ${before} or ${after}`).toBe(true);
    expect(statement).toContain('(your time)');
    // The owner's other channels, with whether each is open now.
    const channels = page.getByRole('region', { name: 'Other ways to reach us' });
    expect(await channels.getByRole('link', { name: 'caj@example.com' }).getAttribute('href')).toBe('mailto:caj@example.com');
  });

  it('sending shows the message and a personal acknowledgement, and the thread stays open for follow-ups', async () => {
    const page = await visit({ timezoneId: 'Europe/Prague', locale: 'cs-CZ' });
    await page.getByRole('button', { name: 'Leave us a message' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Máte sypaný Earl Grey?');
    await page.getByRole('textbox', { name: 'Name (optional)' }).fill('Anna');
    await page.getByRole('textbox', { name: 'E-mail' }).fill('anna@example.com');
    await page.getByRole('button', { name: 'Send message' }).click();
    const ack = page.getByRole('listitem').filter({ hasText: 'Thanks, Anna! Jana will reply' });
    await ack.waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Máte sypaný Earl Grey?' }).waitFor();

    await page.getByRole('textbox', { name: 'Message' }).fill('A ještě: máte i zelený?');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.getByRole('listitem').filter({ hasText: 'A ještě: máte i zelený?' }).getByText(/(^|· )Sent$/).waitFor();

    const site = (await e2e.server.store.getSiteByKey('demo'))!;
    const conversations = await e2e.server.store.listConversations([site.id], { limit: 5 });
    expect(conversations).toHaveLength(1);
    const { messages } = await e2e.server.store.listMessages(conversations[0]!.id, { afterSeq: 0, limit: 10 });
    expect(messages.map((m) => m.author)).toEqual(['visitor', 'system', 'visitor']);
    expect(conversations[0]!.visitorName).toBe('Anna');
  });

  it('an operator signing in switches the open widget to live chat without a reload, history intact', async () => {
    const page = await visit();
    await page.getByRole('button', { name: 'Leave us a message' }).click();
    await page.getByRole('textbox', { name: 'Message' }).fill('Anyone there later?');
    await page.getByRole('textbox', { name: 'E-mail' }).fill('bob@example.com');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('listitem').filter({ hasText: 'will reply' }).waitFor();

    await newOperator(e2e.server.url);
    await page.getByRole('dialog', { name: 'Chat with us' }).waitFor({ timeout: 5000 });
    await page.getByText(/Typically replies in/).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Anyone there later?' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'will reply' }).waitFor();
  });
});

describe('when the owner hides the chat while nobody is online', () => {
  it('shows no launcher to a new visitor, but keeps it for a visitor still waiting for an answer', async () => {
    const cookie = await login(e2e.server.url);
    const settings = (await (await fetch(`${e2e.server.url}/api/v1/sites/demo/settings`, { headers: { cookie } })).json()) as SiteSettings;
    const response = await fetch(`${e2e.server.url}/api/v1/sites/demo/settings`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ ...settings, availability: { ...settings.availability, nobodyOnline: 'hide' } }),
    });
    expect(response.status).toBe(200);

    // While someone is online, a visitor asks a question that nobody answers before the team leaves.
    const operator = await newOperator(e2e.server.url);
    const waiting = await visit();
    await waiting.getByRole('button', { name: 'Chat with us' }).click();
    await waiting.getByRole('textbox', { name: 'Message' }).fill('Is my order on its way?');
    await waiting.getByRole('button', { name: 'Send' }).click();
    await waiting.getByText(/(^|· )Sent$/).waitFor();
    operator.socket.disconnect();
    await expect.poll(async () => ((await (await fetch(`${e2e.server.url}/api/v1/sites/demo/availability`)).json()) as Availability).mode).toBe('hidden');

    const context = await e2e.newContext();
    const stranger = await context.newPage();
    const answered = stranger.waitForResponse((r) => r.url().includes('/api/v1/sites/demo/availability'));
    await stranger.goto(`${e2e.server.url}/`);
    expect(((await (await answered).json()) as Availability).mode).toBe('hidden');
    await new Promise((r) => setTimeout(r, 500));
    expect(await launcherCount(stranger)).toBe(0);

    await waiting.reload();
    await expect.poll(() => launcherCount(waiting), { timeout: 10_000 }).toBe(1);
  });
});
