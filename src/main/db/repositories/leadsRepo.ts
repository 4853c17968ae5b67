import type { LeadStatus } from '../../../shared/script';
import type { LeadMemo, LeadSnapshot } from '../../engine/types';
import type { Db } from '../connection';
import { jsonColumn, stmt } from '../statements';

export interface NewLead {
  accountId: number;
  peerId: string;
  accessHash?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  scriptId: number | null;
  tracker?: Record<string, string>;
  fields?: Record<string, string | number>;
}

/** The lead for (account, Telegram peer), created on first contact. Returns its id. */
export function ensureLead(db: Db, lead: NewLead, now: number): number {
  const existing = stmt(db, 'SELECT id FROM leads WHERE account_id = ? AND peer_id = ?').pluck().get(lead.accountId, lead.peerId) as number | undefined;
  if (existing !== undefined) {
    // A full user (it has an access hash) is the newest truth: the hash may have changed, and the
    // person may have renamed themselves. Min users and short updates carry no hash and change nothing.
    if (lead.accessHash) {
      stmt(
        db,
        `UPDATE leads SET access_hash = ?, first_name = ?, last_name = ?, username = ?
         WHERE id = ? AND (access_hash IS NOT ? OR first_name IS NOT ? OR last_name IS NOT ? OR username IS NOT ?)`,
      ).run(lead.accessHash, lead.firstName ?? null, lead.lastName ?? null, lead.username ?? null, existing, lead.accessHash, lead.firstName ?? null, lead.lastName ?? null, lead.username ?? null);
    }
    return existing;
  }
  const result = stmt(
    db,
    `INSERT INTO leads (account_id, peer_id, access_hash, first_name, last_name, username, script_id, tracker, fields, created_at, updated_at, last_message_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    lead.accountId,
    lead.peerId,
    lead.accessHash ?? null,
    lead.firstName ?? null,
    lead.lastName ?? null,
    lead.username ?? null,
    lead.scriptId,
    JSON.stringify(lead.tracker ?? {}),
    JSON.stringify(lead.fields ?? {}),
    now,
    now,
    now,
  );
  return Number(result.lastInsertRowid);
}

interface RawLead {
  id: number;
  account_id: number;
  script_id: number | null;
  status: LeadStatus;
  status_reason: string | null;
  flow_id: string | null;
  step_id: string | null;
  step_state: string;
  memo: string;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  fields: string;
  tracker: string;
  created_at: number;
  tags_json: string;
  variants_json: string;
  events_json: string;
  has_jobs: number;
}

/** Everything the engine reads about a lead, in one query. */
export function loadLeadSnapshot(db: Db, id: number): LeadSnapshot | undefined {
  const row = stmt(
    db,
    `SELECT l.id, l.account_id, l.script_id, l.status, l.status_reason, l.flow_id, l.step_id, l.step_state, l.memo,
            l.first_name, l.last_name, l.username, l.fields, l.tracker, l.created_at,
            (SELECT json_group_array(tag) FROM lead_tags WHERE lead_id = l.id) AS tags_json,
            (SELECT json_group_object(router_id, variant) FROM ab_assignments WHERE lead_id = l.id) AS variants_json,
            (SELECT json_group_array(json_array(name, amount)) FROM (SELECT name, amount FROM lead_events WHERE lead_id = l.id ORDER BY id)) AS events_json,
            EXISTS (SELECT 1 FROM jobs WHERE lead_id = l.id) AS has_jobs
     FROM leads l WHERE l.id = ?`,
  ).get(id) as RawLead | undefined;
  if (!row) return undefined;
  const leadEvents: LeadSnapshot['leadEvents'] = {};
  for (const [name, amount] of jsonColumn<[string, number | null][]>(row.events_json, [])) {
    const seen = leadEvents[name] ?? { count: 0, amount: 0, firstAmount: null };
    leadEvents[name] = { count: seen.count + 1, amount: seen.amount + (amount ?? 0), firstAmount: seen.firstAmount ?? amount };
  }
  return {
    id: row.id,
    accountId: row.account_id,
    scriptId: row.script_id,
    status: row.status,
    statusReason: row.status_reason,
    position: row.flow_id && row.step_id ? { flowId: row.flow_id, stepId: row.step_id } : null,
    stepState: jsonColumn(row.step_state, {}),
    memo: jsonColumn<LeadMemo>(row.memo, {}),
    profile: { firstName: row.first_name, lastName: row.last_name, username: row.username },
    tags: jsonColumn<string[]>(row.tags_json, []),
    fields: jsonColumn(row.fields, {}),
    tracker: jsonColumn(row.tracker, {}),
    variants: jsonColumn(row.variants_json, {}),
    leadEvents,
    createdAt: row.created_at,
    hasJobs: row.has_jobs === 1,
  };
}

export function leadIdsWithUnhandledMessages(db: Db): number[] {
  return stmt(db, "SELECT DISTINCT lead_id FROM messages WHERE direction = 'in' AND handled_at IS NULL").pluck().all() as number[];
}
