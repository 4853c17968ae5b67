import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Hang guards only, never a speed requirement: the suite must pass on a loaded 2-core machine
    // (another `npm test` beside it), where starting a process or a Telegram login can take a minute.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two cores on CI: keep parallelism modest so integration servers are not starved.
    maxWorkers: 2,
  },
});
