import type { Migration } from './migration';

/**
 * The editor autosaves a draft that may be invalid mid-edit; the engine keeps running the last
 * published (valid) body. `archived_at` already exists for undoable deletion. Also the inbox's sort
 * order gets its own index so paging 100,000 chats never sorts them.
 */
export const scriptDrafts: Migration = {
  version: 5,
  name: 'script-drafts',
  up(db) {
    db.exec(`
      ALTER TABLE scripts ADD COLUMN draft TEXT;
      ALTER TABLE scripts ADD COLUMN draft_saved_at INTEGER;
      -- The inbox order: leads needing a human first, then the latest conversations.
      UPDATE leads SET last_message_at = created_at WHERE last_message_at IS NULL;
      CREATE INDEX leads_inbox_order ON leads ((status != 'manual'), last_message_at, id);
    `);
  },
};
