import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Availability } from '../../shared/index.ts';
import { newOperator } from '../helpers/clients.ts';
import { useE2e } from '../helpers/e2e.ts';
import { openHostPage, updateSettings, widgetScript } from '../helpers/host-page.ts';

/**
 * The owner's preview (issue 5): the console's page embeds widget.js with data-preview-at, data-lang and
 * data-time-zone, and the widget shows what a visitor would see at that moment without being a visitor.
 */
const e2e = useE2e({ env: { PRESENCE_GRACE_SECONDS: '0.2' } });

/** Saturday 5 December 2026, 23:00 in Prague: outside the office hours set below. */
const SATURDAY_NIGHT = '2026-12-05T22:00:00.000Z';
/** Tuesday 8 December 2026, 10:30 in Prague: inside them. */
const TUESDAY_MORNING = '2026-12-08T09:30:00.000Z';

async function officeHours(outsideHours: 'form' | 'hide' = 'form', greeting?: string) {
  const office = [{ start: '09:00', end: '17:00' }];
  await updateSettings(e2e.server, (s) => ({
    ...s,
    schedule: { ...s.schedule, weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] } },
    availability: { ...s.availability, outsideHours },
    look: {
      accentColor: '#1d4ed8',
      position: 'left',
      launcherLabel: 'Ask the tea team',
      greeting: greeting ?? 'Ahoj! Ask us anything about tea.',
      avatarInitials: 'ČL',
    },
  }));
}

/** The preview page in a browser whose own zone and language differ from the preview's. */
async function preview(at: string, lang: string, timeZone: string) {
  const context = await e2e.newContext({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  const requests: string[] = [];
  const sockets: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('page', (page) => page.on('websocket', (ws) => sockets.push(ws.url())));
  const page = await openHostPage(
    context,
    e2e.server,
    widgetScript(e2e.server, `data-preview-at="${at}" data-lang="${lang}" data-time-zone="${timeZone}"`),
    { lang: 'en' },
  );
  return { page, requests, sockets };
}

async function assertNothingVisitorLike(page: Page, requests: string[], sockets: string[]) {
  // Give a socket the time it would need to show up, had one been asked for.
  await page.waitForTimeout(500);
  expect(sockets).toEqual([]);
  expect(requests.filter((url) => url.includes('/socket.io'))).toEqual([]);
  expect(requests.filter((url) => url.includes('/availability'))).toHaveLength(1);
  expect(await page.evaluate('Object.keys(localStorage).filter((k) => k.startsWith("porchlight:"))')).toEqual([]);
  const site = (await e2e.server.store.getSiteByKey('demo'))!;
  expect(await e2e.server.store.listConversations([site.id], { limit: 5 })).toEqual([]);
}

describe('the owner\'s preview of a moment', () => {
  it('outside hours shows the message form with the reply time in the given zone and language, and sends nothing', async () => {
    await officeHours('form');
    const { page, requests, sockets } = await preview(SATURDAY_NIGHT, 'de', 'America/New_York');
    const availability = (await (
      await fetch(`${e2e.server.url}/api/v1/sites/demo/availability?at=${encodeURIComponent(SATURDAY_NIGHT)}`)
    ).json()) as Availability;
    expect(availability.mode).toBe('form');

    // Opened at once, in German (data-lang beats <html lang="en"> and the en-US browser).
    const dialog = page.getByRole('dialog', { name: 'Hinterlassen Sie uns eine Nachricht' });
    await dialog.waitFor();
    const statement = (await page.locator('porchlight-widget').locator('#pl-reply').textContent()) ?? '';
    const time = new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York' }).format(
      new Date(availability.replyBy!),
    );
    expect(statement).toContain(time);
    // Not the visitor's browser zone (Tokyo) nor the site's (Prague).
    const tokyo = new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(new Date(availability.replyBy!));
    expect(statement).not.toContain(tokyo);
    // The reply promise as read on the preview's Saturday night in New York: Monday is "Later" (a weekday).
    expect(statement).toContain('Montag');

    await page.getByRole('textbox', { name: 'Nachricht' }).fill('Test');
    const send = page.getByRole('button', { name: 'Nachricht senden' });
    expect(await send.isDisabled()).toBe(true);
    await page.getByText('Vorschau — Nachrichten werden nicht gesendet.').waitFor();
    await page.getByText('Ahoj! Ask us anything about tea.').waitFor();
    await assertNothingVisitorLike(page, requests, sockets);
  });

  it('inside hours with someone online shows the live chat with the greeting, the initials and a disabled Send', async () => {
    await officeHours('form', 'Ahoj! <img src=x onerror="window.__owned=1"> <b>tea</b>');
    await newOperator(e2e.server.url);
    const { page, requests, sockets } = await preview(TUESDAY_MORNING, 'cs', 'Europe/Prague');
    await page.getByRole('dialog', { name: 'Napište nám' }).waitFor();
    expect(await page.locator('porchlight-widget').locator('.avatar').textContent()).toBe('ČL');
    // The owner's greeting is text, never markup.
    expect(await page.locator('porchlight-widget').locator('.greeting b, .greeting img').count()).toBe(0);
    await page.getByText('<img src=x onerror="window.__owned=1"> <b>tea</b>').waitFor();
    expect(await page.evaluate('window.__owned')).toBeUndefined();
    await page.getByRole('textbox', { name: 'Zpráva' }).fill('Dobrý den');
    expect(await page.getByRole('button', { name: 'Odeslat', exact: true }).isDisabled()).toBe(true);
    await page.getByText('Náhled — zprávy se neodesílají.').waitFor();
    // The owner's look: launcher on the left in the accent colour, named by the owner's label.
    const launcher = page.getByRole('button', { name: 'Ask the tea team' });
    expect(await launcher.evaluate((el) => getComputedStyle(el).left)).toBe('20px');
    expect(await launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(29, 78, 216)');
    // The panel follows: on the left, its header in the accent colour.
    const dialog = page.getByRole('dialog', { name: 'Napište nám' });
    expect(await dialog.evaluate((el) => getComputedStyle(el).left)).toBe('16px');
    expect(await page.locator('porchlight-widget').locator('.head').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(29, 78, 216)');
    await assertNothingVisitorLike(page, requests, sockets);
  });

  it('when the owner hides the chat at that moment, nothing is shown', async () => {
    await officeHours('hide');
    const { page, requests, sockets } = await preview(SATURDAY_NIGHT, 'en', 'Europe/Prague');
    await expect.poll(() => requests.some((url) => url.includes('/availability?at='))).toBe(true);
    await page.waitForTimeout(800);
    expect(await page.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await assertNothingVisitorLike(page, requests, sockets);
  });
});
