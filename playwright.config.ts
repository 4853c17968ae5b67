import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// E2E drives Debian's Chromium: Playwright must never download a browser of its own here.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `E2E needs Chromium at ${chromium}. Install Debian's package: "apt-get install -y chromium" ` +
      '(or set CHROMIUM_PATH to a Chromium binary). The e2e tests are never skipped.',
  );
}

// Playwright empties its output folder when a run starts: a folder of its own per run (workers
// inherit the id through the environment) keeps a second run beside this one from wiping its traces.
process.env.VORONKA_E2E_RUN ??= `${process.pid}`;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: `test-results/e2e-${process.env.VORONKA_E2E_RUN}`,
  // Hang guards, not speed requirements: a loaded 2-core machine can be many times slower.
  timeout: 300_000,
  expect: { timeout: 60_000 },
  workers: 1,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
