import type { Migration } from './migration';

/**
 * `leads_inbox` and `leads_status` were superseded by `leads_inbox_order` (0005), which serves the
 * inbox's order and paging. Every message rewrites a lead's last-message time, and each index on it
 * costs a delete and an insert per message for nothing.
 */
export const dropUnusedLeadIndexes: Migration = {
  version: 6,
  name: 'drop-unused-lead-indexes',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS leads_inbox;
      DROP INDEX IF EXISTS leads_status;
    `);
  },
};
