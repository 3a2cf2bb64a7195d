import type { BrowserContext, Page } from 'playwright-core';
import type { SiteSettings } from '../../shared/index.ts';
import { sessionCookie, type TestServer } from './server.ts';

/**
 * A host page on the test server's own origin, made up by the test: `body` is its HTML after `<body>`
 * (usually a script tag for the widget). Served by the browser's request interception, so each test writes
 * exactly the page a site owner would.
 */
export async function openHostPage(
  context: BrowserContext,
  server: TestServer,
  body: string,
  options: { lang?: string; path?: string } = {},
): Promise<Page> {
  const path = options.path ?? '/host.html';
  await context.route(`${server.url}${path}`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html${options.lang === undefined ? '' : ` lang="${options.lang}"`}><head><title>Shop</title></head><body>${body}</body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

/** The widget's script tag as the embedding guide has it, with any further attributes. */
export function widgetScript(server: TestServer, attributes = ''): string {
  return `<script src="${server.url}/widget.js" data-site="demo" ${attributes} async></script>`;
}

/** Changes the demo site's settings as its owner would in the console (read, change, write back whole). */
export async function updateSettings(server: TestServer, change: (settings: SiteSettings) => SiteSettings): Promise<SiteSettings> {
  const cookie = await sessionCookie(server);
  const url = `${server.url}/api/v1/sites/demo/settings`;
  const current = (await (await fetch(url, { headers: { cookie } })).json()) as SiteSettings;
  const next = change(current);
  const response = await fetch(url, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(next) });
  if (response.status !== 200) throw new Error(`settings refused: ${response.status} ${await response.text()}`);
  return next;
}
