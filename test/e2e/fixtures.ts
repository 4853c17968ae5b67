import { test as base } from '@playwright/test';
import { startHeadless, type RunningHeadless } from '../support/headlessProcess';

/** One headless host per worker, with its own empty data folder. */
export const test = base.extend<object, { voronka: RunningHeadless }>({
  voronka: [
    async ({}, use) => {
      const running = await startHeadless();
      await use(running);
      await running.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

export const screenshotDir = 'test-results/screenshots';
