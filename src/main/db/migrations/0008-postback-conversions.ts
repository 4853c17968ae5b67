import type { Migration } from './migration';

/**
 * Postback log vs conversion ledger.
 * - `postbacks` is rebuilt (SQLite cannot alter a CHECK) to allow the `ignored` outcome (Keitaro's
 *   `ignore_status=`) and without `dedupe_key`: the log is now pruned after a retention period, and a
 *   replay must stay a duplicate after its log row is gone.
 * - `postback_conversions`: one row per accepted conversion, kept for good (small: no raw request).
 *   De-duplication and re-deposit numbering read it; `kind` groups a first deposit and its
 *   re-deposits (`deposit`), other events are their own kind. `dedupe_key` is NULL for deposits a
 *   programme counts without a transaction id.
 * Existing keys move over in the new shape `[click id, kind, transaction id]`.
 */
export const postbackConversions: Migration = {
  version: 8,
  name: 'postback-conversions',
  up(db) {
    db.exec(`
      CREATE TABLE postback_conversions (
        id             INTEGER PRIMARY KEY,
        dedupe_key     TEXT UNIQUE,
        click_id       TEXT NOT NULL,
        kind           TEXT NOT NULL,
        event          TEXT NOT NULL,
        transaction_id TEXT,
        resale_number  INTEGER,
        postback_id    INTEGER,                 -- the log row, which retention may prune
        received_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX postback_conversions_by_click ON postback_conversions (click_id, kind);

      INSERT OR IGNORE INTO postback_conversions (dedupe_key, click_id, kind, event, transaction_id, postback_id, received_at)
        SELECT json_array(click_id, CASE WHEN event IN ('sale', 'resale') THEN 'deposit' ELSE event END, coalesce(transaction_id, '')),
               click_id, CASE WHEN event IN ('sale', 'resale') THEN 'deposit' ELSE event END, event, transaction_id, id, received_at
        FROM postbacks WHERE dedupe_key IS NOT NULL AND click_id IS NOT NULL AND event IS NOT NULL ORDER BY id;

      CREATE TABLE postbacks_next (
        id             INTEGER PRIMARY KEY,
        received_at    INTEGER NOT NULL,
        preset         TEXT,
        method         TEXT NOT NULL,
        remote_ip      TEXT,
        raw            TEXT NOT NULL,           -- JSON: query, body
        click_id       TEXT,
        event          TEXT,
        transaction_id TEXT,
        lead_id        INTEGER REFERENCES leads(id) ON DELETE SET NULL,
        parsed         TEXT,                    -- JSON
        outcome        TEXT NOT NULL
                       CHECK (outcome IN ('received', 'applied', 'duplicate', 'pending', 'rejected', 'error', 'ignored')),
        error          TEXT
      ) STRICT;
      INSERT INTO postbacks_next (id, received_at, preset, method, remote_ip, raw, click_id, event, transaction_id, lead_id, parsed, outcome, error)
        SELECT id, received_at, preset, method, remote_ip, raw, click_id, event, transaction_id, lead_id, parsed, outcome, error FROM postbacks;
      DROP TABLE postbacks;
      ALTER TABLE postbacks_next RENAME TO postbacks;
      CREATE INDEX postbacks_by_time ON postbacks (received_at);
      CREATE INDEX postbacks_pending ON postbacks (click_id) WHERE outcome = 'pending';
      CREATE INDEX postbacks_by_outcome ON postbacks (outcome, id);
      CREATE INDEX postbacks_by_lead ON postbacks (lead_id, id);
    `);
  },
};
