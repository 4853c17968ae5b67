import type { Migration } from './migration';

/** Placeholder for main's 0014 (the integrator's), so this branch's 0015 runs in order. Dropped at merge. */
export const placeholder0014: Migration = {
  version: 14,
  name: 'placeholder',
  up() {},
};
