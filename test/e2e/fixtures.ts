import { test as base } from '@playwright/test';
import { startHeadless, type RunningHeadless } from '../support/headlessProcess';

/** One headless host per test, each with its own empty data folder, so no test sees another's data. */
export const test = base.extend<{ voronka: RunningHeadless }>({
  voronka: async ({}, use) => {
    const running = await startHeadless();
    await use(running);
    await running.stop();
  },
});

export { expect } from '@playwright/test';

export const screenshotDir = 'test-results/screenshots';
