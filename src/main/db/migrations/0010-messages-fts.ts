import type { Migration } from './migration';

/**
 * Full-text search over every message (the inbox search covered names and the last preview only).
 * - FTS5 with the `unicode61` tokenizer: splits Cyrillic and Latin words alike and folds case of both;
 *   `remove_diacritics 2` folds Latin marks (é → e). It leaves Cyrillic alone, so ё is folded to е
 *   here (in what is indexed, and in the query: messageSearchRepo) — Russian writers use them
 *   interchangeably; й stays й (a different letter). Prefix indexes for 2 and 3 characters make
 *   "прив*" queries cheap.
 * - External content (`content='messages'`): the text is stored once, in `messages`; the index holds
 *   only the tokens. Triggers keep it in step with every insert, text edit and delete.
 * - Existing messages are indexed once here. The indexed text is the folded one, so deletes pass the
 *   same folded text (FTS5 'delete' must see what was indexed).
 */
export const messagesFts: Migration = {
  version: 10,
  name: 'messages-fts',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        text,
        content = 'messages',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'));
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'));
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'));
        INSERT INTO messages_fts (rowid, text) VALUES (new.id, replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'));
      END;
      INSERT INTO messages_fts (rowid, text) SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е') FROM messages;
    `);
  },
};
