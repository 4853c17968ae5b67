import type { Migration } from './migration';

/** Schema for the tracker adapter (reserved; filled in by the tracker work). */
export const trackerSchema: Migration = {
  version: 4,
  name: 'tracker',
  up() {
    // nothing yet
  },
};
