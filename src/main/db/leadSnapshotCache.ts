import { decodeNullableMessage } from '../../shared/appMessage';
import type { TurnCommit } from '../engine/ports';
import type { LeadSnapshot } from '../engine/types';
import type { LeadVersions } from './repositories/leadsRepo';

/** A snapshot and the `external_version` (migration 0014) of the row it describes. */
export interface VersionedSnapshot {
  lead: LeadSnapshot;
  externalVersion: number;
}

/** The JSON text a turn stored for its lead's step state, memo and fields (null: fields untouched). */
export interface StoredJson {
  stepState: string;
  memo: string;
  fields: string | null;
  statusReason: string | null;
}

/**
 * Each lead's snapshot as its last committed turn left it, so the next turn need not re-read the
 * row, its tags, A/B draws and business events and re-parse its JSON (the largest single cost of a
 * turn). An entry is used only while the row's `state_version` (bumped by every turn) and
 * `external_version` (bumped by a trigger on any other write of a snapshot column) are still the ones
 * the entry was made with; anything else (another writer, a failed or unknown commit, a deleted lead)
 * means a fresh read. Bounded: least recently used first out, and entries idle for `maxIdleMs` go
 * when the next one is added (a lead in conversation turns every few minutes; one that went quiet
 * costs one read when it comes back). A lead with a name, tracker subs, two tags, fields and a
 * memo takes ~1.3 KB of heap here, so the default bound holds at most ~13 MB: room for every chat of
 * ten busy accounts at once.
 */
export class LeadSnapshotCache {
  private readonly entries = new Map<number, VersionedSnapshot & { usedAt: number }>();

  constructor(
    private readonly capacity = 10_000,
    private readonly maxIdleMs = 15 * 60_000,
  ) {}

  /** The cached snapshot if `stored` (read from the row just now) shows nothing has changed since. */
  get(leadId: number, stored: LeadVersions | undefined, now: number): VersionedSnapshot | undefined {
    const entry = this.entries.get(leadId);
    if (!entry) return undefined;
    this.entries.delete(leadId);
    const { lead } = entry;
    if (!stored || stored.stateVersion !== lead.stateVersion || stored.externalVersion !== entry.externalVersion || stored.createdAt !== lead.createdAt) return undefined;
    entry.usedAt = now;
    this.entries.set(leadId, entry); // most recently used last
    return { lead, externalVersion: entry.externalVersion };
  }

  has(leadId: number): boolean {
    return this.entries.has(leadId);
  }

  set(leadId: number, snapshot: VersionedSnapshot, now: number): void {
    this.entries.delete(leadId);
    this.entries.set(leadId, { ...snapshot, usedAt: now });
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.capacity && now - entry.usedAt <= this.maxIdleMs) break;
      this.entries.delete(id);
    }
  }

  delete(leadId: number): void {
    this.entries.delete(leadId);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The snapshot a fresh read would return after `turn` was committed on top of `before`: what the
 * turn wrote, read back the way the snapshot query reads it (JSON through JSON.parse, tags in the
 * order of their index). Undefined for the rare turns whose result is not simply derived here (an
 * A/B draw, a business event): the next turn reads the row.
 */
export function snapshotAfter(before: LeadSnapshot, turn: TurnCommit, stored: StoredJson, hasJobs: boolean): LeadSnapshot | undefined {
  if (turn.abAssignments.length || turn.leadEvents.length) return undefined;
  let { tags } = before;
  if (turn.tagsAdded.length || turn.tagsRemoved.length) {
    const set = new Set(before.tags);
    for (const tag of turn.tagsAdded) set.add(tag);
    for (const tag of turn.tagsRemoved) set.delete(tag);
    tags = [...set].sort(byUtf8);
  }
  return {
    ...before,
    scriptId: turn.scriptId,
    status: turn.status,
    statusReason: decodeNullableMessage(stored.statusReason),
    position: turn.position && { flowId: turn.position.flowId, stepId: turn.position.stepId },
    stepState: JSON.parse(stored.stepState) as LeadSnapshot['stepState'],
    memo: JSON.parse(stored.memo) as LeadSnapshot['memo'],
    fields: stored.fields === null ? before.fields : (JSON.parse(stored.fields) as LeadSnapshot['fields']),
    tags,
    stateVersion: before.stateVersion + 1,
    hasJobs,
  };
}

/** SQLite's BINARY order for text (UTF-8 bytes), which `lead_tags`' primary key returns tags in. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
