import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/db/connection';
import { migrate } from '../../../../src/main/db/migrate';
import { migrations } from '../../../../src/main/db/migrations';

// The lead snapshot's variants subquery, as the engine runs it on every turn (leadsRepo).
const variantsOfLead = 'SELECT json_group_object(router_id, variant) FROM ab_assignments WHERE lead_id = ?';

describe('migration 0007-ab-assignments-by-lead', () => {
  it("turns the per-turn read of a lead's A/B variants from a table scan into an index search", () => {
    const db = openDatabase(':memory:');
    const plan = () => (db.prepare(`EXPLAIN QUERY PLAN ${variantsOfLead}`).all(1) as { detail: string }[]).map((r) => r.detail).join(' | ');
    migrate(db, migrations.slice(0, 6));
    expect(plan()).toMatch(/SCAN ab_assignments/);
    migrate(db, migrations.slice(0, 7));
    expect(plan()).toMatch(/SEARCH ab_assignments USING COVERING INDEX ab_by_lead \(lead_id=\?\)/);
  });
});
