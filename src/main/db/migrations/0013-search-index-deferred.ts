import type { Migration } from './migration';

/**
 * The inbox's full-text index is filled in batches instead of by a trigger on every message insert.
 * The trigger cost ~12 µs of CPU per message (more than the rest of a minimal durable turn); one
 * INSERT … SELECT over the rows stored since the last batch costs ~2–4 µs a message (FTS5 pays its
 * per-statement work once per batch). See db/searchIndex.ts: a batch runs every second through the
 * write queue and before every search, so a search still covers every message, the newest included.
 *
 * `messages_fts_cursor.last_id`: every message with `id <= last_id` is indexed, none above it. All
 * are indexed at this point (migration 0010's trigger and backfill), so it starts at the highest id.
 * The delete and text-edit triggers touch the index only for indexed rows (FTS5 'delete' must see
 * exactly what was indexed); an edit of a row not indexed yet is picked up by its batch. Any delete
 * that leaves the cursor above the highest remaining id lowers it to that id, because SQLite hands a
 * deleted highest rowid out again and such a new row must not count as indexed.
 */
export const searchIndexDeferred: Migration = {
  version: 13,
  name: 'search-index-deferred',
  up(db) {
    db.exec(`
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_delete;
      DROP TRIGGER messages_fts_update;
      CREATE TABLE messages_fts_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        last_id INTEGER NOT NULL
      ) STRICT;
      INSERT INTO messages_fts_cursor (id, last_id) SELECT 1, coalesce(max(id), 0) FROM messages;
      -- One trigger, in this order (SQLite runs separate triggers newest first): the index entry goes
      -- only for an indexed row, then, on every delete, a cursor left above the highest remaining id
      -- comes down to it — also when the cursor's own row went before unindexed rows above it (an
      -- account removed, its messages cascading). max(id) is a rowid lookup; deletes are rare.
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text)
        SELECT 'delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е')
        WHERE old.id <= (SELECT last_id FROM messages_fts_cursor);
        UPDATE messages_fts_cursor SET last_id = coalesce((SELECT max(id) FROM messages), 0)
        WHERE last_id > coalesce((SELECT max(id) FROM messages), 0);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
      WHEN old.id <= (SELECT last_id FROM messages_fts_cursor) BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'));
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'));
      END;
    `);
  },
};
