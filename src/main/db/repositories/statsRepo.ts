import type { Db } from '../connection';
import { stmt } from '../statements';

export interface VariantCounts {
  variant: string;
  assigned: number;
  replied: number;
  registrations: number;
  firstDeposits: number;
  reDeposits: number;
}

/** Per variant of one A/B router: leads assigned in the range, and how many went on to each outcome. */
export function abCounts(db: Db, scriptId: number, routerId: string, from: number, to: number): VariantCounts[] {
  return stmt(
    db,
    `SELECT a.variant,
            count(*) AS assigned,
            sum(EXISTS (SELECT 1 FROM messages m WHERE m.lead_id = a.lead_id AND m.direction = 'in' AND m.ts > a.ts)) AS replied,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = a.lead_id AND e.name = 'registration')) AS registrations,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = a.lead_id AND e.name = 'sale')) AS firstDeposits,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = a.lead_id AND e.name = 'resale')) AS reDeposits
     FROM ab_assignments a
     WHERE a.script_id = ? AND a.router_id = ? AND a.ts >= ? AND a.ts < ?
     GROUP BY a.variant`,
  ).all(scriptId, routerId, from, to) as VariantCounts[];
}

/** Per step: distinct leads that entered it in the range, and that left it for another step. */
export function stepFlowCounts(db: Db, from: number, to: number, leadScriptId: number): { stepId: string; entered: number; passed: number }[] {
  return stmt(
    db,
    `WITH moves AS (
       SELECT e.lead_id, json_extract(e.payload, '$.stepId') AS step_id, json_extract(e.payload, '$.fromStepId') AS from_step
       FROM events e JOIN leads l ON l.id = e.lead_id
       WHERE e.type = 'step.entered' AND e.ts >= ? AND e.ts < ? AND l.script_id = ?
     )
     SELECT s.step_id AS stepId, count(DISTINCT s.lead_id) AS entered,
            (SELECT count(DISTINCT m.lead_id) FROM moves m WHERE m.from_step = s.step_id) AS passed
     FROM moves s GROUP BY s.step_id`,
  ).all(from, to, leadScriptId) as { stepId: string; entered: number; passed: number }[];
}

export function leadsWaitingAt(db: Db, scriptId: number, flowId: string): { stepId: string; waiting: number }[] {
  return stmt(
    db,
    "SELECT step_id AS stepId, count(*) AS waiting FROM leads WHERE script_id = ? AND flow_id = ? AND status IN ('waiting', 'paused') GROUP BY step_id",
  ).all(scriptId, flowId) as { stepId: string; waiting: number }[];
}

/** New leads and business events per local day (`offsetMinutes` east of UTC). */
export function eventsByDay(db: Db, from: number, to: number, offsetMinutes: number): { day: string; newLeads: number; events: Record<string, number>; amount: number }[] {
  const dayOf = `date((ts + ${Math.round(offsetMinutes)} * 60000) / 1000, 'unixepoch')`;
  const leads = stmt(db, `SELECT ${dayOf.replace(/ts/g, 'created_at')} AS day, count(*) AS n FROM leads WHERE created_at >= ? AND created_at < ? GROUP BY day`).all(from, to) as { day: string; n: number }[];
  const events = stmt(db, `SELECT ${dayOf} AS day, name, count(*) AS n, coalesce(sum(amount), 0) AS amount FROM lead_events WHERE ts >= ? AND ts < ? GROUP BY day, name`).all(from, to) as {
    day: string;
    name: string;
    n: number;
    amount: number;
  }[];
  const days = new Map<string, { day: string; newLeads: number; events: Record<string, number>; amount: number }>();
  const at = (day: string) => days.get(day) ?? days.set(day, { day, newLeads: 0, events: {}, amount: 0 }).get(day)!;
  for (const r of leads) at(r.day).newLeads = r.n;
  for (const r of events) {
    const d = at(r.day);
    d.events[r.name] = r.n;
    d.amount += r.amount;
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
