import { encodeMessage } from '../../shared/appMessage';
import type { AbVariantStats, EngineStore, TurnCommit } from '../engine/ports';
import type { CompiledScript } from '../engine/types';
import { compileScript } from './compileScript';
import type { Db } from './connection';
import { addJob, deferJob, deleteJob, deleteLeadJobs, dueJobs, leadJobs, nextJobDueAt } from './repositories/jobsRepo';
import { leadIdsWithUnhandledMessages, loadLeadSnapshot, markLeadDamaged } from './repositories/leadsRepo';
import { conversationHistory, hasIncoming, incomingByIds, unhandledIncoming } from './repositories/messagesRepo';
import { cancelPendingOutbox, enqueueOutgoing } from './repositories/outboxRepo';
import { getScript, scriptRevision, scriptsEpoch } from './repositories/scriptsRepo';
import { stmt } from './statements';
import type { WriteQueue } from './writeQueue';

/** The engine's persistence over SQLite: reads for a turn, and one transaction per committed turn. */
export function createEngineStore(db: Db, writes?: WriteQueue): EngineStore {
  const compiled = new Map<number, CompiledScript>();
  const checkedAt = new Map<number, number>();

  // The turn-written columns of the snapshot this store last loaded for each lead. A turn is loaded
  // and committed in the same lead-queue slot, and only turns write these columns, so at commit this
  // is what the row holds: only columns that differ are SET, which spares the row's indexes (position,
  // inbox order) and the rewrite of unchanged JSON. No entry (e.g. a retried batch): all are written.
  const loaded = new Map<number, TurnColumns>();

  // With the write queue, a batch's timeline events go in at its end, in one INSERT per 200 rows
  // instead of one statement per turn (see BatchEnd: dropped with the batch if it rolls back).
  const gathered: EventRow[] = [];
  writes?.atBatchEnd({
    beforeCommit: () => insertEventRows(db, gathered.splice(0)),
    discard: () => void gathered.splice(0),
  });

  const writeTurnRows = (turn: TurnCommit): void => {
    const { leadId, now } = turn;
    const { accountId } = turn;
    const last = turn.outgoing[turn.outgoing.length - 1];
    const before = loaded.get(leadId);
    loaded.delete(leadId);
    const after = turnColumnsOf(turn);
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const column of turnColumns) {
      const value = after[column];
      if (column === 'fields' && value === null) continue; // untouched by the turn
      if (before && before[column] === value) continue;
      sets.push(`${column} = ?`);
      values.push(value);
    }
    if (last) {
      sets.push('last_message_at = ?', 'last_preview = ?');
      values.push(last.notBefore, last.text.slice(0, 200));
    }
    // `state_version` counts committed turns: outbound calls' idempotency keys are made from it.
    stmt(db, `UPDATE leads SET ${sets.join(', ')}${sets.length ? ', ' : ''}state_version = state_version + 1, updated_at = ? WHERE id = ?`).run(...values, now, leadId);
    for (const tag of turn.tagsAdded) stmt(db, 'INSERT OR IGNORE INTO lead_tags (lead_id, tag) VALUES (?, ?)').run(leadId, tag);
    for (const tag of turn.tagsRemoved) stmt(db, 'DELETE FROM lead_tags WHERE lead_id = ? AND tag = ?').run(leadId, tag);
    for (const id of turn.handledMessageIds) stmt(db, 'UPDATE messages SET handled_at = ? WHERE id = ? AND handled_at IS NULL').run(now, id);
    if (turn.cancelOutbox) cancelPendingOutbox(db, leadId);
    for (const out of turn.outgoing) enqueueOutgoing(db, leadId, accountId, out);
    for (const id of turn.jobIdsToDelete) deleteJob(db, id);
    if (turn.jobKindsToDelete.length) deleteLeadJobs(db, leadId, turn.jobKindsToDelete);
    for (const job of turn.jobsToAdd) addJob(db, leadId, job, now);
    const events = turn.events.map((event): EventRow => [leadId, accountId, event.type, JSON.stringify(event.payload), now]);
    if (writes) gathered.push(...events);
    else insertEventRows(db, events);
    if (turn.scriptId !== null) {
      for (const a of turn.abAssignments) {
        stmt(db, 'INSERT OR IGNORE INTO ab_assignments (script_id, router_id, lead_id, variant, ts) VALUES (?, ?, ?, ?, ?)').run(turn.scriptId, a.routerId, leadId, a.variantId, now);
      }
    }
    for (const e of turn.leadEvents) {
      stmt(db, 'INSERT INTO lead_events (lead_id, name, amount, currency, transaction_id, source, ts) VALUES (?, ?, ?, ?, ?, ?, ?)').run(leadId, e.name, e.amount, e.currency, e.transactionId, e.source, now);
    }
  };
  // Inside the write queue the batch's transaction (rolled back and redone write by write on any
  // error) already makes the turn all-or-nothing; a savepoint per turn would only add statements.
  const writeTurn = db.transaction(writeTurnRows);

  return {
    script(scriptId) {
      const cachedNow = compiled.get(scriptId);
      if (cachedNow && checkedAt.get(scriptId) === scriptsEpoch(db)) return cachedNow;
      checkedAt.set(scriptId, scriptsEpoch(db));
      const revision = scriptRevision(db, scriptId);
      if (revision === undefined) return undefined;
      const cached = compiled.get(scriptId);
      if (cached?.revision === revision) return cached;
      const row = getScript(db, scriptId);
      if (!row) return undefined;
      const fresh = compileScript(row.id, row.revision, row.body);
      compiled.set(scriptId, fresh);
      return fresh;
    },
    lead(leadId) {
      const lead = loadLeadSnapshot(db, leadId);
      if (lead) loaded.set(leadId, turnColumnsOf(lead));
      return lead;
    },
    unhandledMessages: (leadId) => unhandledIncoming(db, leadId),
    messagesByIds: (ids) => incomingByIds(db, ids),
    hasIncoming: (leadId) => hasIncoming(db, leadId),
    leadJobs: (leadId) => leadJobs(db, leadId),
    history: (leadId, limit) => conversationHistory(db, leadId, limit),
    abStats(scriptId, routerId, goalEvent): AbVariantStats[] {
      return stmt(
        db,
        `SELECT a.variant AS variantId, count(*) AS assigned,
                sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = a.lead_id AND e.name = ?)) AS converted
         FROM ab_assignments a WHERE a.script_id = ? AND a.router_id = ? GROUP BY a.variant`,
      ).all(goalEvent, scriptId, routerId) as AbVariantStats[];
    },
    commit: (turn) => (writes ? writes.run(() => writeTurnRows(turn)) : writeTurn(turn)),
    dueJobs: (now, limit) => dueJobs(db, now, limit),
    deferJob: (id, dueAt) => deferJob(db, id, dueAt),
    nextJobDueAt: () => nextJobDueAt(db),
    leadsWithUnhandledMessages: () => leadIdsWithUnhandledMessages(db),
    markDamaged: (leadId, damage, now) => (writes ? writes.run(() => markLeadDamaged(db, leadId, damage, now)) : markLeadDamaged(db, leadId, damage, now)),
  };
}

/** The leads columns a turn writes, as stored (JSON as text); `fields` null: not written. */
interface TurnColumns {
  status: string;
  status_reason: string | null;
  script_id: number | null;
  flow_id: string | null;
  step_id: string | null;
  step_state: string;
  memo: string;
  fields: string | null;
}
function turnColumnsOf(lead: Pick<TurnCommit, 'status' | 'statusReason' | 'scriptId' | 'position' | 'stepState' | 'memo' | 'fields'>): TurnColumns {
  return {
    status: lead.status,
    status_reason: lead.statusReason && encodeMessage(lead.statusReason),
    script_id: lead.scriptId,
    flow_id: lead.position?.flowId ?? null,
    step_id: lead.position?.stepId ?? null,
    step_state: JSON.stringify(lead.stepState),
    memo: JSON.stringify(lead.memo),
    fields: lead.fields ? JSON.stringify(lead.fields) : null,
  };
}
const turnColumns = ['status', 'status_reason', 'script_id', 'flow_id', 'step_id', 'step_state', 'memo', 'fields'] as const;

/** An `events` row: lead, account, type, payload (JSON), time. */
type EventRow = [number, number, string, string, number];

/** Event rows in multi-row INSERTs of up to 200 rows (1,000 bound values, far below SQLite's limit). */
function insertEventRows(db: Db, rows: EventRow[]): void {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    stmt(db, `INSERT INTO events (lead_id, account_id, type, payload, ts) VALUES ${Array(chunk.length).fill('(?, ?, ?, ?, ?)').join(', ')}`).run(...chunk.flat());
  }
}
