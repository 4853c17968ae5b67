import type { AbVariantStats, EngineStore, TurnCommit } from '../engine/ports';
import type { CompiledScript } from '../engine/types';
import { compileScript } from './compileScript';
import type { Db } from './connection';
import { addJob, deferJob, deleteJob, deleteLeadJobs, dueJobs, leadJobs, nextJobDueAt } from './repositories/jobsRepo';
import { leadIdsWithUnhandledMessages, loadLeadSnapshot } from './repositories/leadsRepo';
import { conversationHistory, hasIncoming, incomingByIds, unhandledIncoming } from './repositories/messagesRepo';
import { cancelPendingOutbox, enqueueOutgoing } from './repositories/outboxRepo';
import { getScript, scriptRevision, scriptsEpoch } from './repositories/scriptsRepo';
import { stmt } from './statements';
import type { WriteQueue } from './writeQueue';

/** The engine's persistence over SQLite: reads for a turn, and one transaction per committed turn. */
export function createEngineStore(db: Db, writes?: WriteQueue): EngineStore {
  const compiled = new Map<number, CompiledScript>();
  const checkedAt = new Map<number, number>();

  const writeTurn = db.transaction((turn: TurnCommit) => {
    const { leadId, now } = turn;
    const { accountId } = turn;
    const last = turn.outgoing[turn.outgoing.length - 1];
    stmt(
      db,
      `UPDATE leads SET status = ?, status_reason = ?, script_id = ?, flow_id = ?, step_id = ?, step_state = ?, memo = ?,
         fields = coalesce(?, fields), last_message_at = coalesce(?, last_message_at), last_preview = coalesce(?, last_preview),
         updated_at = ? WHERE id = ?`,
    ).run(
      turn.status,
      turn.statusReason,
      turn.scriptId,
      turn.position?.flowId ?? null,
      turn.position?.stepId ?? null,
      JSON.stringify(turn.stepState),
      JSON.stringify(turn.memo),
      turn.fields ? JSON.stringify(turn.fields) : null,
      last?.notBefore ?? null,
      last ? last.text.slice(0, 200) : null,
      now,
      leadId,
    );
    for (const tag of turn.tagsAdded) stmt(db, 'INSERT OR IGNORE INTO lead_tags (lead_id, tag) VALUES (?, ?)').run(leadId, tag);
    for (const tag of turn.tagsRemoved) stmt(db, 'DELETE FROM lead_tags WHERE lead_id = ? AND tag = ?').run(leadId, tag);
    for (const id of turn.handledMessageIds) stmt(db, 'UPDATE messages SET handled_at = ? WHERE id = ? AND handled_at IS NULL').run(now, id);
    if (turn.cancelOutbox) cancelPendingOutbox(db, leadId);
    for (const out of turn.outgoing) enqueueOutgoing(db, leadId, accountId, out, now);
    for (const id of turn.jobIdsToDelete) deleteJob(db, id);
    if (turn.jobKindsToDelete.length) deleteLeadJobs(db, leadId, turn.jobKindsToDelete);
    for (const job of turn.jobsToAdd) addJob(db, leadId, job, now);
    for (const event of turn.events) {
      stmt(db, 'INSERT INTO events (lead_id, account_id, type, payload, ts) VALUES (?, ?, ?, ?, ?)').run(leadId, accountId, event.type, JSON.stringify(event.payload), now);
    }
    if (turn.scriptId !== null) {
      for (const a of turn.abAssignments) {
        stmt(db, 'INSERT OR IGNORE INTO ab_assignments (script_id, router_id, lead_id, variant, ts) VALUES (?, ?, ?, ?, ?)').run(turn.scriptId, a.routerId, leadId, a.variantId, now);
      }
    }
    for (const e of turn.leadEvents) {
      stmt(db, 'INSERT INTO lead_events (lead_id, name, amount, currency, transaction_id, source, ts) VALUES (?, ?, ?, ?, ?, ?, ?)').run(leadId, e.name, e.amount, e.currency, e.transactionId, e.source, now);
    }
  });

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
    lead: (leadId) => loadLeadSnapshot(db, leadId),
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
    commit: (turn) => (writes ? writes.run(() => writeTurn(turn)) : writeTurn(turn)),
    dueJobs: (now, limit) => dueJobs(db, now, limit),
    deferJob: (id, dueAt) => deferJob(db, id, dueAt),
    nextJobDueAt: () => nextJobDueAt(db),
    leadsWithUnhandledMessages: () => leadIdsWithUnhandledMessages(db),
  };
}
