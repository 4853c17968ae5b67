import { appMessageSchema, damagedReason, decodeNullableMessage, encodeMessage, textMessage } from '../../../shared/appMessage';
import { z } from 'zod';
import { leadStatusSchema, type LeadStatus } from '../../../shared/script';
import type { LeadSnapshot } from '../../engine/types';
import { StoredStateError } from '../../storedStateError';
import type { Db } from '../connection';
import { parseJsonColumn } from '../jsonColumn';
import { stmt } from '../statements';

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
  state_version: number;
  tags_json: string;
  variants_json: string;
  events_json: string;
  has_jobs: number;
}

// The lead's own JSON columns, as the engine writes them (`turn.ts` / `engineStore.ts`).
const stepStateSchema = z.record(z.string(), z.unknown());
const memoSchema = z
  .object({
    firedRoutes: z.array(z.string()).optional(),
    openedSteps: z.array(z.string()).optional(),
    queuedMessageIds: z.array(z.number().int()).optional(),
    suspended: z
      .object({
        status: leadStatusSchema,
        statusReason: z.union([appMessageSchema, z.string().transform(textMessage)]).nullable(),
        jobs: z.array(z.object({ kind: z.enum(['wake', 'timeout', 'push', 'retry', 'debounce']), dueAt: z.number(), payload: z.record(z.string(), z.unknown()).optional() })),
      })
      .optional(),
    lastPhoto: z.object({ id: z.number().int(), path: z.string(), ts: z.number(), flowId: z.string() }).nullable().optional(),
    imageAttempts: z.record(z.string(), z.number().int()).optional(),
    enterOnFirstMessage: z.boolean().optional(),
  })
  .catchall(z.unknown());
const fieldsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
const trackerSchema = z.record(z.string(), z.string());
// Built by SQLite's json_group_* in the query below, so they cannot be damaged; parsed for their types.
const tagsSchema = z.array(z.string());
const variantsSchema = z.record(z.string(), z.string());
const eventsSchema = z.array(z.tuple([z.string(), z.number().nullable()]));

/**
 * The lead as stored, with every damaged JSON column listed (and read as its empty value so the card
 * can still show the rest). Only the lead card uses this directly: it shows the damage as an error.
 */
export function inspectLead(db: Db, id: number): { lead: LeadSnapshot; damage: StoredStateError[] } | undefined {
  const row = stmt(
    db,
    `SELECT l.id, l.account_id, l.script_id, l.status, l.status_reason, l.flow_id, l.step_id, l.step_state, l.memo,
            l.first_name, l.last_name, l.username, l.fields, l.tracker, l.created_at, l.state_version,
            (SELECT json_group_array(tag) FROM lead_tags WHERE lead_id = l.id) AS tags_json,
            (SELECT json_group_object(router_id, variant) FROM ab_assignments WHERE lead_id = l.id) AS variants_json,
            (SELECT json_group_array(json_array(name, amount)) FROM (SELECT name, amount FROM lead_events WHERE lead_id = l.id ORDER BY id)) AS events_json,
            EXISTS (SELECT 1 FROM jobs WHERE lead_id = l.id) AS has_jobs
     FROM leads l WHERE l.id = ?`,
  ).get(id) as RawLead | undefined;
  if (!row) return undefined;
  const damage: StoredStateError[] = [];
  const column = <S extends z.ZodType>(text: string, schema: S, name: string, empty: z.output<S>): z.output<S> => {
    try {
      return parseJsonColumn(text, schema, `leads.${name}`, id);
    } catch (error) {
      if (!(error instanceof StoredStateError)) throw error;
      damage.push(error);
      return empty;
    }
  };
  const leadEvents: LeadSnapshot['leadEvents'] = {};
  for (const [name, amount] of parseJsonColumn(row.events_json, eventsSchema, 'lead_events', id)) {
    const seen = leadEvents[name] ?? { count: 0, amount: 0, firstAmount: null };
    leadEvents[name] = { count: seen.count + 1, amount: seen.amount + (amount ?? 0), firstAmount: seen.firstAmount ?? amount };
  }
  const lead: LeadSnapshot = {
    id: row.id,
    accountId: row.account_id,
    scriptId: row.script_id,
    status: row.status,
    statusReason: decodeNullableMessage(row.status_reason),
    position: row.flow_id && row.step_id ? { flowId: row.flow_id, stepId: row.step_id } : null,
    stepState: column(row.step_state, stepStateSchema, 'step_state', {}),
    memo: column(row.memo, memoSchema, 'memo', {}),
    profile: { firstName: row.first_name, lastName: row.last_name, username: row.username },
    tags: parseJsonColumn(row.tags_json, tagsSchema, 'lead_tags', id),
    fields: column(row.fields, fieldsSchema, 'fields', {}),
    tracker: column(row.tracker, trackerSchema, 'tracker', {}),
    variants: parseJsonColumn(row.variants_json, variantsSchema, 'ab_assignments', id),
    leadEvents,
    createdAt: row.created_at,
    stateVersion: row.state_version,
    hasJobs: row.has_jobs === 1,
  };
  return { lead, damage };
}

/** Everything the engine reads about a lead, in one query. Throws `StoredStateError` if a column is damaged. */
export function loadLeadSnapshot(db: Db, id: number): LeadSnapshot | undefined {
  const found = inspectLead(db, id);
  if (found?.damage[0]) throw found.damage[0];
  return found?.lead;
}

/**
 * Takes a lead whose stored state is damaged out of automation, visibly: status `manual` (a stopped
 * lead stays stopped) with the reason, a `lead.state_damaged` timeline event, its timers removed (each
 * pending tracker event dropped with them gets a `tracker.s2s_dropped` event naming its target) and
 * its waiting messages marked handled (they stay in the chat; no turn can act on them). Returns
 * whether this was news (false when the lead was already marked for the same column).
 */
export function markLeadDamaged(db: Db, leadId: number, damage: StoredStateError, now: number): boolean {
  const reason = encodeMessage(damagedReason(damage.column));
  return db.transaction(() => {
    stmt(db, "UPDATE messages SET handled_at = ? WHERE lead_id = ? AND direction = 'in' AND handled_at IS NULL").run(now, leadId);
    const changed = stmt(
      db,
      `UPDATE leads SET status = CASE status WHEN 'stopped' THEN 'stopped' ELSE 'manual' END, status_reason = ?, updated_at = ?
       WHERE id = ? AND status_reason IS NOT ?`,
    ).run(reason, now, leadId, reason).changes;
    if (!changed) return false;
    // Pending calls out (tracker events waiting for their next attempt) go with the timers; each is
    // named in the timeline so the operator can make it by hand if it still matters.
    const outbound = stmt(db, "SELECT id, due_at, payload FROM jobs WHERE lead_id = ? AND kind = 'outbound' ORDER BY due_at, id").all(leadId) as { id: number; due_at: number; payload: string }[];
    for (const job of outbound) {
      stmt(db, "INSERT INTO events (lead_id, account_id, type, payload, ts) SELECT id, account_id, 'tracker.s2s_dropped', ?, ? FROM leads WHERE id = ?").run(
        JSON.stringify({ ...droppedCall(job.id, job.due_at, job.payload), reason: damagedReason(damage.column) }),
        now,
        leadId,
      );
    }
    stmt(db, 'DELETE FROM jobs WHERE lead_id = ?').run(leadId);
    stmt(db, "INSERT INTO events (lead_id, account_id, type, payload, ts) SELECT id, account_id, 'lead.state_damaged', ?, ? FROM leads WHERE id = ?").run(
      JSON.stringify({ column: damage.column, problem: damage.problem }),
      now,
      leadId,
    );
    return true;
  })();
}

/**
 * What the timeline says of a dropped outbound call: its target and where it was in its retries.
 * Only the method and the URL: headers and body are left out (a header may hold an API key).
 */
function droppedCall(jobId: number, dueAt: number, stored: string): Record<string, unknown> {
  let job: unknown;
  try {
    job = JSON.parse(stored);
  } catch {
    return { jobId, dueAt, unreadable: true };
  }
  const { request, origin, attempt, maxAttempts } = (job && typeof job === 'object' ? job : {}) as Record<string, unknown>;
  const call = (request && typeof request === 'object' ? request : {}) as Record<string, unknown>;
  const from = (origin && typeof origin === 'object' ? origin : {}) as Record<string, unknown>;
  if (typeof call.url !== 'string') return { jobId, dueAt, unreadable: true };
  return {
    jobId,
    dueAt,
    method: typeof call.method === 'string' ? call.method : 'GET',
    url: call.url,
    ...(typeof from.ruleId === 'string' ? { ruleId: from.ruleId } : {}),
    ...(typeof from.event === 'string' ? { event: from.event } : {}),
    ...(typeof attempt === 'number' ? { nextAttempt: attempt } : {}),
    ...(typeof maxAttempts === 'number' ? { of: maxAttempts } : {}),
  };
}

export function leadIdsWithUnhandledMessages(db: Db): number[] {
  return stmt(db, "SELECT DISTINCT lead_id FROM messages WHERE direction = 'in' AND handled_at IS NULL").pluck().all() as number[];
}
