import type { Migration } from './migration';

/**
 * `leads.external_version` counts writes to what the engine reads about a lead (its snapshot) made by
 * anyone but a turn: a new name from Telegram, the tracker's click data, a damaged-state mark, a hand
 * edit in another SQLite client. A turn bumps `state_version` itself; the trigger bumps
 * `external_version` for every other UPDATE of a snapshot column (one that leaves `state_version` as it
 * was). The engine store keeps each lead's snapshot as its last turn committed it and reuses it while
 * both numbers still match (db/leadSnapshotCache.ts), instead of re-reading and re-parsing the row,
 * its tags, A/B draws and business events every turn.
 *
 * A separate column, not a `state_version` bump: outbound calls' idempotency keys are made from
 * `state_version`, and a turn re-run after a crash must send the same key even if the lead's name
 * changed in between. Tables beside `leads` (tags, jobs, A/B draws, business events) are written only
 * by turns; code that writes them elsewhere bumps `external_version` itself (checked by a test).
 *
 * Keep the trigger's column list in step with the snapshot query (leadsRepo.ts); a test compares them.
 */
export const leadExternalVersion: Migration = {
  version: 14,
  name: 'lead-external-version',
  up(db) {
    db.exec(`
      ALTER TABLE leads ADD COLUMN external_version INTEGER NOT NULL DEFAULT 0;
      CREATE TRIGGER leads_external_version
      AFTER UPDATE OF account_id, script_id, status, status_reason, flow_id, step_id, step_state, memo,
                      first_name, last_name, username, fields, tracker, created_at ON leads
      WHEN new.state_version = old.state_version
      BEGIN
        UPDATE leads SET external_version = external_version + 1 WHERE id = new.id;
      END;
    `);
  },
};
