import type { Job, JobKind, JobSpec } from '../../engine/types';
import type { Db } from '../connection';
import { z } from 'zod';
import { StoredStateError } from '../../storedStateError';
import { parseJsonColumn } from '../jsonColumn';
import { stmt } from '../statements';

const payloadSchema = z.record(z.string(), z.unknown());

/** Adds a job; a keyed job replaces the live one with the same key (its due time moves). */
export function addJob(db: Db, leadId: number, job: JobSpec, now: number): void {
  stmt(
    db,
    `INSERT INTO jobs (lead_id, kind, key, due_at, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET lead_id = excluded.lead_id, kind = excluded.kind, due_at = excluded.due_at,
       payload = excluded.payload, attempts = 0`,
  ).run(leadId, job.kind, job.key ?? null, job.dueAt, JSON.stringify(job.payload ?? {}), now);
}

export function deleteJob(db: Db, id: number): void {
  stmt(db, 'DELETE FROM jobs WHERE id = ?').run(id);
}

export function deleteLeadJobs(db: Db, leadId: number, kinds: readonly string[]): void {
  stmt(db, 'DELETE FROM jobs WHERE lead_id = ? AND kind IN (SELECT value FROM json_each(?))').run(leadId, JSON.stringify(kinds));
}

export function dueJobs(db: Db, now: number, limit: number): Job[] {
  const rows = stmt(db, 'SELECT id, lead_id, kind, due_at, payload FROM jobs WHERE due_at <= ? ORDER BY due_at, id LIMIT ?').all(now, limit) as {
    id: number;
    lead_id: number;
    kind: JobKind;
    due_at: number;
    payload: string;
  }[];
  return rows.map((r) => {
    const job = { id: r.id, leadId: r.lead_id, kind: r.kind, dueAt: r.due_at };
    try {
      return { ...job, payload: parseJsonColumn(r.payload, payloadSchema, 'jobs.payload', r.id) };
    } catch (error) {
      // One damaged row must not stop the other leads' jobs: the engine marks this job's lead.
      if (!(error instanceof StoredStateError)) throw error;
      return { ...job, payload: {}, damage: error };
    }
  });
}

export function nextJobDueAt(db: Db): number | undefined {
  return (stmt(db, 'SELECT min(due_at) FROM jobs').pluck().get() as number | null) ?? undefined;
}

export function deferJob(db: Db, id: number, dueAt: number): void {
  stmt(db, 'UPDATE jobs SET due_at = ?, attempts = attempts + 1 WHERE id = ?').run(dueAt, id);
}

/** One lead's pending jobs, earliest first (what a takeover suspends and a release restores). */
export function leadJobs(db: Db, leadId: number): Job[] {
  const rows = stmt(db, 'SELECT id, lead_id, kind, due_at, payload FROM jobs WHERE lead_id = ? ORDER BY due_at, id').all(leadId) as {
    id: number;
    lead_id: number;
    kind: JobKind;
    due_at: number;
    payload: string;
  }[];
  return rows.map((r) => ({ id: r.id, leadId: r.lead_id, kind: r.kind, dueAt: r.due_at, payload: parseJsonColumn(r.payload, payloadSchema, 'jobs.payload', r.id) }));
}
