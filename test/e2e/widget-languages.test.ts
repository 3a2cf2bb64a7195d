import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Availability } from '../../shared/index.ts';
import { cs } from '../../widget/i18n/cs.ts';
import { de } from '../../widget/i18n/de.ts';
import type { Dictionary } from '../../widget/i18n/dictionary.ts';
import { en } from '../../widget/i18n/en.ts';
import { hr } from '../../widget/i18n/hr.ts';
import { pl } from '../../widget/i18n/pl.ts';
import { sk } from '../../widget/i18n/sk.ts';
import { useE2e } from '../helpers/e2e.ts';
import { openHostPage, updateSettings, widgetScript } from '../helpers/host-page.ts';

/**
 * The widget in each of its six languages, in browsers set to that language and to zones around the world,
 * in form mode (nobody online). Expected times are computed here with Intl from the server's replyBy, in the
 * browser's locale and zone; plural forms are checked on the composer's counter for several counts.
 */
const e2e = useE2e();

const CASES: Array<{ lang: string; locale: string; timezoneId: string; dictionary: Dictionary }> = [
  { lang: 'cs', locale: 'cs-CZ', timezoneId: 'Europe/Prague', dictionary: cs },
  { lang: 'sk', locale: 'sk-SK', timezoneId: 'America/New_York', dictionary: sk },
  { lang: 'pl', locale: 'pl-PL', timezoneId: 'Asia/Tokyo', dictionary: pl },
  { lang: 'hr', locale: 'hr-HR', timezoneId: 'Europe/Zagreb', dictionary: hr },
  { lang: 'de', locale: 'de-DE', timezoneId: 'America/Los_Angeles', dictionary: de },
  { lang: 'en', locale: 'en-US', timezoneId: 'Australia/Sydney', dictionary: en },
];

const replyBy = async () =>
  new Date(((await (await fetch(`${e2e.server.url}/api/v1/sites/demo/availability`)).json()) as Availability).replyBy!);

/** `{name}` placeholders filled the way a reader expects: numbers in the language's own format. */
function fill(template: string, lang: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name]!;
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : value;
  });
}

function charactersLeft(dictionary: Dictionary, lang: string, count: number): string {
  const forms = dictionary.charactersLeft as unknown as Record<string, string>;
  return fill(forms[new Intl.PluralRules(lang).select(count)] ?? forms.other!, lang, { count, limit: 4000 });
}

const widget = (page: Page) => page.locator('porchlight-widget');

describe('the widget in the visitor\'s language and time zone', () => {
  for (const { lang, locale, timezoneId, dictionary } of CASES) {
    it(`${lang} (${locale}, ${timezoneId}): texts, the reply time and plural forms`, async () => {
      const before = await replyBy();
      const context = await e2e.newContext({ locale, timezoneId });
      const page = await openHostPage(context, e2e.server, widgetScript(e2e.server));
      await page.getByRole('button', { name: dictionary.away }).click();
      await page.getByRole('dialog', { name: dictionary.away }).waitFor();
      await page.getByText(dictionary.formIntro).waitFor();
      const after = await replyBy();

      // "We'll reply today by 16:40 (your time)." as Intl formats that moment in this locale and zone.
      const statement = (await widget(page).locator('#pl-reply').textContent()) ?? '';
      const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: timezoneId });
      const expected = [before, after].flatMap((at) =>
        [dictionary.replyToday, dictionary.replyTomorrow].map((template) => fill(template, lang, { time: time.format(at) })),
      );
      expect(expected, `"${statement}"`).toContain(statement);

      // Leave a message, then count down in the composer under the thread.
      await page.getByRole('textbox', { name: dictionary.messageLabel }).fill('Hello from the test');
      await page.getByRole('textbox', { name: dictionary.emailLabel }).fill('reader@example.com');
      await page.getByRole('button', { name: dictionary.sendForm }).click();
      const composer = page.getByRole('textbox', { name: dictionary.messageLabel });
      await page.getByRole('button', { name: dictionary.send, exact: true }).waitFor();
      for (const count of [1, 2, 5, 22]) {
        await composer.fill('a'.repeat(4000 - count));
        expect(await widget(page).locator('#pl-count').textContent(), `${lang} ${count}`).toBe(charactersLeft(dictionary, lang, count));
      }
      if (lang === 'cs') {
        await composer.fill('a'.repeat(3999));
        expect(await widget(page).locator('#pl-count').textContent()).toBe('Zbývá 1 znak z 4\u00a0000');
        await composer.fill('a'.repeat(3998));
        expect(await widget(page).locator('#pl-count').textContent()).toBe('Zbývají 2 znaky z 4\u00a0000');
        await composer.fill('a'.repeat(3995));
        expect(await widget(page).locator('#pl-count').textContent()).toBe('Zbývá 5 znaků z 4\u00a0000');
      }
      if (lang === 'pl') {
        await composer.fill('a'.repeat(3998));
        expect(await widget(page).locator('#pl-count').textContent()).toBe('Pozostały 2 znaki z 4000');
        await composer.fill('a'.repeat(3995));
        expect(await widget(page).locator('#pl-count').textContent()).toBe('Pozostało 5 znaków z 4000');
        await composer.fill('a'.repeat(3978));
        expect(await widget(page).locator('#pl-count').textContent()).toBe('Pozostały 22 znaki z 4000');
      }
    });
  }
});

describe('which language', () => {
  it("setLocale beats the page's <html lang>, before load and while the panel is open", async () => {
    const context = await e2e.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
    const page = await openHostPage(
      context,
      e2e.server,
      `<script>window.Porchlight=window.Porchlight||function(){(Porchlight.q=Porchlight.q||[]).push(arguments)};Porchlight('setLocale','de');</script>` +
        widgetScript(e2e.server),
      { lang: 'cs' },
    );
    await page.getByRole('button', { name: de.away }).click();
    await page.getByRole('dialog', { name: de.away }).waitFor();
    await page.getByRole('button', { name: de.sendForm }).waitFor();

    await page.evaluate("Porchlight('setLocale', 'pl')");
    await page.getByRole('dialog', { name: pl.away }).waitFor();
    await page.getByRole('button', { name: pl.sendForm }).waitFor();
    expect(await page.getByRole('button', { name: pl.away }).getAttribute('aria-expanded')).toBe('true');
  });

  it('<html lang="pl"> beats the browser\'s German, and times follow Polish', async () => {
    const context = await e2e.newContext({ locale: 'de-DE', timezoneId: 'Europe/Warsaw' });
    const page = await openHostPage(context, e2e.server, widgetScript(e2e.server), { lang: 'pl' });
    await page.getByRole('button', { name: pl.away }).click();
    await page.getByRole('dialog', { name: pl.away }).waitFor();
    expect(await widget(page).locator('#pl-reply').textContent()).toMatch(/^Odpowiemy (dziś|jutro) do \d{1,2}:\d{2} \(Twój czas\)\.$/);
  });

  it("data-lang beats <html lang>, and the site's default language is used when nothing else is ours", async () => {
    const context = await e2e.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const tagged = await openHostPage(context, e2e.server, widgetScript(e2e.server, 'data-lang="sk"'), { lang: 'cs' });
    await tagged.getByRole('button', { name: sk.away }).waitFor();

    await updateSettings(e2e.server, (s) => ({ ...s, defaultLanguage: 'hr' }));
    const french = await openHostPage(context, e2e.server, widgetScript(e2e.server), { lang: 'fr', path: '/fr.html' });
    await french.getByRole('button', { name: hr.away }).click();
    await french.getByRole('dialog', { name: hr.away }).waitFor();
  });
});
