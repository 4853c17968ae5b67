import type { Migration } from './migration';

/**
 * Schema for the tracker adapter:
 * - `tracker_settings`: one row; the listener settings as JSON and the postback path token sealed
 *   by the secret box (a leaked database file alone does not let anyone post conversions).
 * - `tracker_campaigns`: campaign links; the short code in a lead's first message finds the
 *   campaign name and its static subs.
 * - an expression index on the lead's click id: every postback and every pending match looks a
 *   lead up by it.
 * - postback log indexes for the Tracker page filters and the lead card.
 * - `lead_deposit_totals`: first deposit, total and count per lead for statistics (condition steps
 *   compute the same from `lead_events` through the engine's snapshot).
 */
export const trackerSchema: Migration = {
  version: 4,
  name: 'tracker',
  up(db) {
    db.exec(`
      CREATE TABLE tracker_settings (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        value      TEXT NOT NULL DEFAULT '{}',  -- JSON, parsed with zod on read
        token_enc  BLOB,                        -- sealed postback path token
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE tracker_campaigns (
        id          INTEGER PRIMARY KEY,
        code        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name        TEXT NOT NULL,
        username    TEXT NOT NULL,
        greeting    TEXT NOT NULL,
        subs        TEXT NOT NULL DEFAULT '{}', -- JSON: sub1..sub5 and other static tracker fields
        created_at  INTEGER NOT NULL,
        archived_at INTEGER
      ) STRICT;

      CREATE INDEX leads_by_clickid ON leads (json_extract(tracker, '$.clickid'));
      CREATE INDEX postbacks_by_outcome ON postbacks (outcome, id);
      CREATE INDEX postbacks_by_lead ON postbacks (lead_id, id);

      CREATE VIEW lead_deposit_totals AS
        SELECT lead_id,
               (SELECT f.amount FROM lead_events f WHERE f.lead_id = e.lead_id AND f.name = 'sale' ORDER BY f.id LIMIT 1) AS first_amount,
               coalesce(sum(amount), 0) AS total,
               count(*) AS deposits
        FROM lead_events e WHERE name IN ('sale', 'resale') GROUP BY lead_id;
    `);
  },
};
