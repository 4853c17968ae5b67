import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startHeadless, type RunningHeadless } from '../support/headlessProcess';
import { runSeed, type SeedKind } from '../support/runSeed';


/** One headless host per test, each with its own data folder (empty unless seeded), so no test sees another's data. */
export const test = base.extend<{ seed: SeedKind | null; voronka: RunningHeadless }>({
  /** Fills the data folder before the host starts (`test.use({ seed: 'inbox' })`, see seedCli.ts); none by default. */
  seed: [null, { option: true }],
  voronka: async ({ seed }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'voronka-e2e-'));
    if (seed) await runSeed(seed, dataDir);
    const running = await startHeadless({ dataDir });
    await use(running);
    await running.stop();
  },
});

export { expect } from '@playwright/test';

export const screenshotDir = 'test-results/screenshots';
