import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { startHeadless, type RunningHeadless } from '../support/headlessProcess';
import { runSeed, type SeedKind } from '../support/runSeed';


/** One headless host per test, each with its own data folder (empty unless seeded), so no test sees another's data. */
export const test = base.extend<{ seed: SeedKind | null; hostArgs: string[]; voronka: RunningHeadless }>({
  /** Fills the data folder before the host starts (`test.use({ seed: 'inbox' })`, see seedCli.ts); none by default. */
  seed: [null, { option: true }],
  /** Extra command-line flags for the host (`test.use({ hostArgs: ['--sandbox-telegram'] })`). */
  hostArgs: [[], { option: true }],
  voronka: async ({ seed, hostArgs }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'voronka-e2e-'));
    if (seed) await runSeed(seed, dataDir);
    const running = await startHeadless({ dataDir, args: hostArgs });
    await use(running);
    await running.stop();
  },
});

export { expect } from '@playwright/test';

export const screenshotDir = 'test-results/screenshots';
