import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './browser.ts';
import { closeAllSockets, newOperator } from './clients.ts';
import { startSiteServer, type StartOptions, type TestServer } from './server.ts';

export interface E2e {
  readonly browser: Browser;
  /** This test's server; tests that restart it assign the new one back. */
  server: TestServer;
  /** A fresh browser profile, closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
}

/**
 * The browser-test set-up every e2e file shares: one Chromium per file; per test, a real server serving the
 * built bundles and the demo site (optionally with an operator's console connected, so the demo widget
 * offers live chat), and browser profiles that are closed afterwards, with every socket and the server.
 */
export function useE2e(options: Omit<StartOptions, 'withStatic'> & { operatorOnline?: boolean } = {}): E2e {
  const { operatorOnline, ...serverOptions } = options;
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startSiteServer(serverOptions);
    // Reconnecting, so the operator comes back online when a test restarts the server.
    if (operatorOnline) await newOperator(server.url, { reconnection: true });
  });
  afterEach(async () => {
    closeAllSockets();
    for (const context of contexts.splice(0)) await context.close();
    await server?.destroy();
  });

  return {
    get browser() {
      if (!browser) throw new Error('useE2e: the browser starts in beforeAll');
      return browser;
    },
    get server() {
      if (!server) throw new Error('useE2e: the server starts in beforeEach');
      return server;
    },
    set server(next) {
      server = next;
    },
    async newContext(contextOptions) {
      const context = await this.browser.newContext(contextOptions);
      contexts.push(context);
      return context;
    },
  };
}
