import type { Migration } from './migration';

/**
 * The engine reads a lead's A/B variants on every turn (the lead snapshot), by lead id; the table's
 * key starts with the script, so without this index that read scanned every assignment of every
 * lead — a cost that grew with the number of leads ever routed through an A/B step.
 */
export const abAssignmentsByLead: Migration = {
  version: 7,
  name: 'ab-assignments-by-lead',
  up(db) {
    db.exec('CREATE INDEX ab_by_lead ON ab_assignments (lead_id, router_id, variant);');
  },
};
