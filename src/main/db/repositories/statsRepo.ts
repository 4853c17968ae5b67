import type { Db } from '../connection';
import { stmt } from '../statements';

/** What every statistics query is limited to: a script, optionally one account, a period [from, to). */
export interface StatsScope {
  scriptId: number;
  accountId: number | null;
  from: number;
  to: number;
}

/** `l` is the lead: its script, and its account when one is chosen. Parameters: scriptId, accountId, accountId. */
const leadInScope = 'l.script_id = ? AND (? IS NULL OR l.account_id = ?)';
const scopeArgs = (s: StatsScope): [number, number | null, number | null] => [s.scriptId, s.accountId, s.accountId];

export interface VariantCounts {
  variant: string;
  assigned: number;
  replied: number;
  registrations: number;
  firstDeposits: number;
  reDeposits: number;
}

/** Per variant of one A/B router: leads assigned in the period, and how many of them (each once) reached each outcome. */
export function abCounts(db: Db, scope: StatsScope, routerId: string): VariantCounts[] {
  return stmt(
    db,
    `SELECT a.variant,
            count(DISTINCT a.lead_id) AS assigned,
            sum(EXISTS (SELECT 1 FROM messages m WHERE m.lead_id = a.lead_id AND m.direction = 'in' AND m.ts > a.ts)) AS replied,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = a.lead_id AND e.name = 'registration')) AS registrations,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = a.lead_id AND e.name = 'sale')) AS firstDeposits,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = a.lead_id AND e.name = 'resale')) AS reDeposits
     FROM ab_assignments a JOIN leads l ON l.id = a.lead_id
     WHERE a.script_id = ? AND a.router_id = ? AND a.ts >= ? AND a.ts < ? AND (? IS NULL OR l.account_id = ?)
     GROUP BY a.variant`,
  ).all(scope.scriptId, routerId, scope.from, scope.to, scope.accountId, scope.accountId) as VariantCounts[];
}

/** Per step: distinct leads that entered it in the period, and that left it for another step. */
export function stepFlowCounts(db: Db, scope: StatsScope): { stepId: string; entered: number; passed: number }[] {
  return stmt(
    db,
    `WITH moves AS (
       SELECT e.lead_id, json_extract(e.payload, '$.stepId') AS step_id, json_extract(e.payload, '$.fromStepId') AS from_step
       FROM events e JOIN leads l ON l.id = e.lead_id
       WHERE e.type = 'step.entered' AND e.ts >= ? AND e.ts < ? AND ${leadInScope}
     )
     SELECT s.step_id AS stepId, count(DISTINCT s.lead_id) AS entered,
            (SELECT count(DISTINCT m.lead_id) FROM moves m WHERE m.from_step = s.step_id) AS passed
     FROM moves s GROUP BY s.step_id`,
  ).all(scope.from, scope.to, ...scopeArgs(scope)) as { stepId: string; entered: number; passed: number }[];
}

export function leadsWaitingAt(db: Db, scope: StatsScope, flowId: string): { stepId: string; waiting: number }[] {
  return stmt(
    db,
    `SELECT l.step_id AS stepId, count(*) AS waiting FROM leads l
     WHERE ${leadInScope} AND l.flow_id = ? AND l.status IN ('waiting', 'paused') GROUP BY l.step_id`,
  ).all(...scopeArgs(scope), flowId) as { stepId: string; waiting: number }[];
}

export interface TrackerFunnelCounts {
  group: string;
  sub: string;
  dialogs: number;
  registrations: number;
  firstDeposits: number;
  reDeposits: number;
  revenue: number;
}

/**
 * The tracker funnel of a cohort: the leads whose dialog started in the period, each counted once
 * per stage whenever the event came. Grouped by campaign and source, or by A/B router and variant.
 */
export function trackerFunnel(db: Db, scope: StatsScope, by: 'campaign' | 'variant'): TrackerFunnelCounts[] {
  const grouping =
    by === 'campaign'
      ? { columns: "coalesce(json_extract(l.tracker, '$.campaign'), '') AS grp, coalesce(json_extract(l.tracker, '$.source'), '') AS sub", join: '' }
      : { columns: 'a.router_id AS grp, a.variant AS sub', join: 'JOIN ab_assignments a ON a.lead_id = l.id AND a.script_id = l.script_id' };
  return stmt(
    db,
    `WITH cohort AS (
       SELECT l.id, ${grouping.columns} FROM leads l ${grouping.join}
       WHERE ${leadInScope} AND l.created_at >= ? AND l.created_at < ?
     )
     SELECT c.grp AS "group", c.sub AS sub, count(*) AS dialogs,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = c.id AND e.name = 'registration')) AS registrations,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = c.id AND e.name = 'sale')) AS firstDeposits,
            sum(EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = c.id AND e.name = 'resale')) AS reDeposits,
            coalesce(sum((SELECT sum(e.amount) FROM lead_events e WHERE e.lead_id = c.id AND e.name IN ('sale', 'resale'))), 0) AS revenue
     FROM cohort c GROUP BY c.grp, c.sub ORDER BY dialogs DESC, c.grp, c.sub`,
  ).all(...scopeArgs(scope), scope.from, scope.to) as TrackerFunnelCounts[];
}

const localDay = (column: string, offsetMinutes: number): string => `date((${column} + ${Math.round(offsetMinutes)} * 60000) / 1000, 'unixepoch')`;

/** Per local day (`offsetMinutes` east of UTC): new leads, and leads with each business event (each lead once per day) and the amounts. */
export function eventsByDay(db: Db, scope: StatsScope, offsetMinutes: number): { day: string; newLeads: number; events: Record<string, number>; amount: number }[] {
  const leads = stmt(db, `SELECT ${localDay('l.created_at', offsetMinutes)} AS day, count(*) AS n FROM leads l WHERE ${leadInScope} AND l.created_at >= ? AND l.created_at < ? GROUP BY day`).all(
    ...scopeArgs(scope),
    scope.from,
    scope.to,
  ) as { day: string; n: number }[];
  const events = stmt(
    db,
    `SELECT ${localDay('e.ts', offsetMinutes)} AS day, e.name, count(DISTINCT e.lead_id) AS n, coalesce(sum(e.amount), 0) AS amount
     FROM lead_events e JOIN leads l ON l.id = e.lead_id
     WHERE ${leadInScope} AND e.ts >= ? AND e.ts < ? GROUP BY day, e.name`,
  ).all(...scopeArgs(scope), scope.from, scope.to) as { day: string; name: string; n: number; amount: number }[];
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

/** Per local day: AI calls, tokens and cost for the leads in scope. */
export function aiByDay(db: Db, scope: StatsScope, offsetMinutes: number): { day: string; calls: number; tokensIn: number; tokensOut: number; costUsd: number }[] {
  return stmt(
    db,
    `SELECT ${localDay('e.ts', offsetMinutes)} AS day, count(*) AS calls,
            coalesce(sum(json_extract(e.payload, '$.usage.tokensIn')), 0) AS tokensIn,
            coalesce(sum(json_extract(e.payload, '$.usage.tokensOut')), 0) AS tokensOut,
            coalesce(sum(json_extract(e.payload, '$.usage.costUsd')), 0) AS costUsd
     FROM events e JOIN leads l ON l.id = e.lead_id
     WHERE e.type IN ('ai.route', 'ai.reply', 'ai.time', 'ai.image') AND e.ts >= ? AND e.ts < ? AND ${leadInScope}
       AND json_extract(e.payload, '$.usage') IS NOT NULL
     GROUP BY day ORDER BY day`,
  ).all(scope.from, scope.to, ...scopeArgs(scope)) as { day: string; calls: number; tokensIn: number; tokensOut: number; costUsd: number }[];
}

/** The script whose leads were active last (a message in or out); null when no lead has a script yet. */
export function mostRecentlyActiveScript(db: Db): number | null {
  const row = stmt(db, 'SELECT script_id AS id FROM leads WHERE script_id IS NOT NULL AND last_message_at IS NOT NULL ORDER BY last_message_at DESC LIMIT 1').get() as { id: number } | undefined;
  return row?.id ?? null;
}
