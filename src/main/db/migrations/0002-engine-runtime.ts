import type { Migration } from './migration';

/**
 * What the funnel runtime needs beyond the first schema:
 * - `messages.handled_at`: an incoming message is stored first (by the adapter) and marked handled
 *   in the same transaction as the engine turn that acted on it; unhandled ones are replayed at start-up.
 * - `leads.memo`: per-lead facts that outlive a step visit (routes already fired once, loop counters).
 * - `lead_events`: business events a lead received (registration, sale, resale, custom) with amounts,
 *   read by condition steps, auto actions (`resale` #N) and statistics.
 */
export const engineRuntime: Migration = {
  version: 2,
  name: 'engine-runtime',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN handled_at INTEGER;
      UPDATE messages SET handled_at = ts WHERE direction = 'in';
      CREATE INDEX messages_unhandled ON messages (lead_id) WHERE direction = 'in' AND handled_at IS NULL;

      ALTER TABLE leads ADD COLUMN memo TEXT NOT NULL DEFAULT '{}';

      CREATE TABLE lead_events (
        id             INTEGER PRIMARY KEY,
        lead_id        INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        name           TEXT NOT NULL,
        amount         REAL,
        currency       TEXT,
        transaction_id TEXT,
        source         TEXT NOT NULL CHECK (source IN ('postback', 'operator', 'simulation', 'webhook', 'api')),
        ts             INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX lead_events_by_lead ON lead_events (lead_id, name);
      CREATE INDEX lead_events_by_name ON lead_events (name, ts);

      CREATE INDEX outbox_by_lead ON outbox (lead_id, status);
    `);
  },
};
