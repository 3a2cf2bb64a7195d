import { defineConfig } from 'vitest/config';

/**
 * Test projects. The browser bundles are built by scripts/build.ts (three vite builds with their own
 * settings); this file only configures vitest.
 * - unit: files next to the code they test.
 * - integration: the real server on port 0, real sockets, a temporary SQLite file (and Postgres where the
 *   test is about it).
 * - e2e: real Chromium against the built bundles (`npm run test:e2e` builds first).
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'widget/**/*.test.{ts,tsx}', 'console/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Generous: the store contract, the WAL worker and the property tests run against real files and a
          // real Postgres on a 2-core machine that may be busy; a slow run must not read as a failure.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // One retry for browser tests: chat.test.ts "a message written while the server is down…" timed out
          // (60 s, in the server's stop or restart) in 2 of about 6 full runs and never alone; under
          // investigation (see the stop 10 note). A real failure fails its retry too.
          retry: 1,
        },
      },
    ],
  },
});
