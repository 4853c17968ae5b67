import { decodeNullableMessage, msg, type AppMessage } from '../../../shared/appMessage';
import type { LeadFilters } from '../../../shared/rpc/leads';
import type { LeadStatus } from '../../../shared/script';
import type { Db } from '../connection';
import { z } from 'zod';
import { AppFailure } from '../../appFailure';
import { StoredStateError } from '../../storedStateError';
import { parseJsonColumn } from '../jsonColumn';
import { stmt } from '../statements';

export interface InboxRow {
  id: number;
  accountId: number;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  status: LeadStatus;
  statusReason: AppMessage | null;
  scriptId: number | null;
  flowId: string | null;
  stepId: string | null;
  lastMessageAt: number | null;
  preview: string | null;
  unread: number;
  tags: string[];
}

const cursorSchema = z.object({ p: z.number().int(), l: z.number(), i: z.number().int() }).strict();
const tagsSchema = z.array(z.string());
const payloadSchema = z.record(z.string(), z.unknown());

// Each filter's condition, in the query only when that filter is set: an unused `@x IS NULL OR …`
// still costs a check per row, and the first page's count visits every matching lead (100,000 of them
// unfiltered; 10× slower with all the unused checks).
const filterTerms = {
  accountId: 'l.account_id = @accountId',
  status: 'l.status = @status',
  scriptId: 'l.script_id = @scriptId',
  flowId: 'l.flow_id = @flowId',
  stepId: 'l.step_id = @stepId',
  tag: 'EXISTS (SELECT 1 FROM lead_tags t WHERE t.lead_id = l.id AND t.tag = @tag)',
  event: 'EXISTS (SELECT 1 FROM lead_events e WHERE e.lead_id = l.id AND e.name = @event)',
  search: '(l.first_name LIKE @search OR l.last_name LIKE @search OR l.username LIKE @search OR l.last_preview LIKE @search)',
  unreadOnly: 'l.unread > 0',
  fieldKey: "lower(CAST(json_extract(l.fields, '$.' || @fieldKey) AS TEXT)) = lower(@fieldValue)",
} satisfies Partial<Record<keyof ReturnType<typeof params>, string>>;

function whereFor(filterParams: ReturnType<typeof params>): string {
  const terms = Object.entries(filterTerms)
    .filter(([key]) => {
      const value = filterParams[key as keyof typeof filterTerms];
      return value !== null && value !== 0; // unreadOnly is 0 when off
    })
    .map(([, term]) => term);
  return [...terms, "l.account_id IN (SELECT id FROM accounts WHERE kind = 'telegram')"].join(' AND ');
}

function params(filters: LeadFilters) {
  return {
    accountId: filters.accountId ?? null,
    status: filters.status ?? null,
    scriptId: filters.scriptId ?? null,
    flowId: filters.flowId ?? null,
    stepId: filters.stepId ?? null,
    tag: filters.tag ?? null,
    event: filters.event ?? null,
    search: filters.search ? `%${filters.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null,
    unreadOnly: filters.unreadOnly ? 1 : 0,
    fieldKey: filters.field?.key ?? null,
    fieldValue: filters.field?.value ?? null,
  };
}

const select = `
  SELECT l.id, l.account_id AS accountId, l.first_name AS firstName, l.last_name AS lastName, l.username, l.status,
         l.status_reason AS statusReason, l.script_id AS scriptId, l.flow_id AS flowId, l.step_id AS stepId,
         l.last_message_at AS lastMessageAt, l.last_preview AS preview, l.unread,
         (SELECT json_group_array(tag) FROM lead_tags WHERE lead_id = l.id) AS tags
  FROM leads l`;

/**
 * One page of the inbox: leads needing a human first (band 0), then the rest (band 1), each by the
 * latest message. Keyset paging inside a band is an index seek on `leads_inbox_order`, so page 500
 * costs what page 1 does. `total` is counted on the first page only (-1 on later pages).
 */
export function inboxPage(db: Db, filters: LeadFilters, cursor: string | null, limit: number): { rows: InboxRow[]; nextCursor: string | null; total: number } {
  const after = cursor ? readCursor(cursor) : null;
  const filterParams = params(filters);
  const where = whereFor(filterParams);
  const band = stmt(
    db,
    `${select}
     WHERE ${where} AND (l.status != 'manual') = @p AND (l.last_message_at, l.id) < (@l, @i)
     -- Within one band the order is the index's, read backwards: no sort, however deep the page.
     ORDER BY l.last_message_at DESC, l.id DESC
     LIMIT @limit`,
  );
  const top = Number.MAX_SAFE_INTEGER;
  type Raw = Omit<InboxRow, 'tags' | 'statusReason'> & { tags: string; statusReason: string | null };
  let rows = band.all({ ...filterParams, p: after?.p ?? 0, l: after?.l ?? top, i: after?.i ?? top, limit: limit + 1 }) as Raw[];
  if (rows.length <= limit && (after?.p ?? 0) === 0) {
    rows = rows.concat(band.all({ ...filterParams, p: 1, l: top, i: top, limit: limit + 1 - rows.length }) as Raw[]);
  }
  const page = rows.slice(0, limit).map((r) => ({ ...r, statusReason: decodeNullableMessage(r.statusReason), tags: parseJsonColumn(r.tags, tagsSchema, 'lead_tags', r.id) }));
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last ? Buffer.from(JSON.stringify({ p: last.status === 'manual' ? 0 : 1, l: last.lastMessageAt ?? 0, i: last.id })).toString('base64url') : null;
  const total = cursor ? -1 : (stmt(db, `SELECT count(*) FROM leads l WHERE ${where}`).pluck().get(filterParams) as number);
  return { rows: page, nextCursor, total };
}

/** The cursor comes from the client: one this code did not write is refused, not read as page 1. */
function readCursor(cursor: string): z.output<typeof cursorSchema> {
  try {
    return parseJsonColumn(Buffer.from(cursor, 'base64url').toString(), cursorSchema, 'cursor', 0);
  } catch (error) {
    if (error instanceof StoredStateError) throw new AppFailure('invalid_input', msg('cursorInvalid'));
    throw error;
  }
}

export function markLeadRead(db: Db, leadId: number): void {
  stmt(db, 'UPDATE leads SET unread = 0 WHERE id = ?').run(leadId);
}

/**
 * The lead's newest timeline entries. By time, then id: a write batch inserts its turns' events at
 * its end (engineStore), so an event written directly in the same batch can have a lower id than a
 * turn's event from before it. `events_by_lead (lead_id, ts)` gives this order without a sort.
 */
export function leadTimeline(db: Db, leadId: number, limit: number): { id: number; type: string; payload: Record<string, unknown>; ts: number }[] {
  const rows = stmt(db, 'SELECT id, type, payload, ts FROM events WHERE lead_id = ? ORDER BY ts DESC, id DESC LIMIT ?').all(leadId, limit) as { id: number; type: string; payload: string; ts: number }[];
  return rows.map((r) => {
    try {
      return { ...r, payload: parseJsonColumn(r.payload, payloadSchema, 'events.payload', r.id) };
    } catch (error) {
      // One unreadable entry must not hide the rest of the timeline; it says what is wrong instead.
      if (!(error instanceof StoredStateError)) throw error;
      return { ...r, payload: { damaged: error.problem } };
    }
  });
}

export function leadEventsOf(db: Db, leadId: number): { name: string; amount: number | null; currency: string | null; ts: number }[] {
  return stmt(db, 'SELECT name, amount, currency, ts FROM lead_events WHERE lead_id = ? ORDER BY id').all(leadId) as { name: string; amount: number | null; currency: string | null; ts: number }[];
}

export function leadExists(db: Db, leadId: number): boolean {
  return stmt(db, 'SELECT 1 FROM leads WHERE id = ?').pluck().get(leadId) !== undefined;
}

export function leadListInfo(db: Db, leadId: number): { lastMessageAt: number | null; preview: string | null; unread: number } {
  return (stmt(db, 'SELECT last_message_at AS lastMessageAt, last_preview AS preview, unread FROM leads WHERE id = ?').get(leadId) as
    | { lastMessageAt: number | null; preview: string | null; unread: number }
    | undefined) ?? { lastMessageAt: null, preview: null, unread: 0 };
}

/** The media reference of one message, if it has one. */
export function messageMedia(db: Db, messageId: number): { kind: string; path: string } | null {
  return parseJsonColumn(stmt(db, 'SELECT media FROM messages WHERE id = ?').pluck().get(messageId), z.object({ kind: z.string(), path: z.string() }).nullable(), 'messages.media', messageId);
}

export function leadDisplayName(db: Db, leadId: number): string {
  const row = stmt(db, 'SELECT first_name AS f, last_name AS l, username AS u FROM leads WHERE id = ?').get(leadId) as { f: string | null; l: string | null; u: string | null } | undefined;
  if (!row) return `#${leadId}`;
  return [row.f, row.l].filter(Boolean).join(' ') || (row.u ? `@${row.u}` : `#${leadId}`);
}
