import type { Migration } from './migration';

/** Schema for the telegram adapter (reserved; filled in by the telegram work). */
export const telegramSchema: Migration = {
  version: 3,
  name: 'telegram',
  up() {
    // nothing yet
  },
};
