import { defineConfig } from '@playwright/test';

/**
 * `npm run test:browser`: the web app in a real Chromium (Debian's `chromium` package: Playwright's
 * own browser download does not work here), against the real stack that global-setup.ts starts.
 * PLAYWRIGHT_CHROMIUM_PATH overrides the browser's path.
 */
export default defineConfig({
  testDir: '.',
  // `npm run bench:web` runs the measurements (*.bench.ts) instead of the tests.
  testMatch: process.env.AOC_WEB_BENCH ? '*.bench.ts' : '*.spec.ts',
  globalSetup: './global-setup.ts',
  // One stack, one browser: the journeys share the workflow's clock and the machine has two cores.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  // The JSON report is what CI reads to fail on any skipped test (.ci/run).
  reporter: [['list'], ['json', { outputFile: '../../.data/playwright-report.json' }]],
  outputDir: '../../.data/playwright',
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    },
    locale: 'en-GB',
    timezoneId: 'UTC',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
