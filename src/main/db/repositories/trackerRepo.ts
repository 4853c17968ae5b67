import { z } from 'zod';
import type { Db } from '../connection';
import { jsonColumn, stmt } from '../statements';

/** The tracker's settings row: JSON value (parsed by the caller) and the sealed path token. */
export function readTrackerSettingsRow(db: Db): { value: unknown; tokenSealed: Buffer | null } {
  const row = stmt(db, 'SELECT value, token_enc FROM tracker_settings WHERE id = 1').get() as { value: string; token_enc: Buffer | null } | undefined;
  return { value: jsonColumn(row?.value, {}), tokenSealed: row?.token_enc ?? null };
}

export function writeTrackerSettings(db: Db, value: unknown, now: number): void {
  stmt(
    db,
    `INSERT INTO tracker_settings (id, value, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(JSON.stringify(value), now);
}

export function writeTrackerToken(db: Db, sealed: Buffer, now: number): void {
  stmt(
    db,
    `INSERT INTO tracker_settings (id, token_enc, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET token_enc = excluded.token_enc, updated_at = excluded.updated_at`,
  ).run(sealed, now);
}

// ——— leads' tracker data ———

const trackerSchema = z.record(z.string(), z.string());

/** The lead that carries this click id (the newest, should two leads share one). */
export function leadIdByClickId(db: Db, clickId: string): number | undefined {
  return stmt(db, "SELECT id FROM leads WHERE json_extract(tracker, '$.clickid') = ? ORDER BY id DESC LIMIT 1").pluck().get(clickId) as number | undefined;
}

export function leadTracker(db: Db, leadId: number): Record<string, string> | undefined {
  const text = stmt(db, 'SELECT tracker FROM leads WHERE id = ?').pluck().get(leadId) as string | undefined;
  if (text === undefined) return undefined;
  const parsed = trackerSchema.safeParse(jsonColumn(text, {}));
  return parsed.success ? parsed.data : {};
}

/** Replaces the lead's tracker fields (the engine never writes this column, so no turn overwrites it). */
export function setLeadTracker(db: Db, leadId: number, tracker: Record<string, string>, now: number): void {
  stmt(db, 'UPDATE leads SET tracker = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(tracker), now, leadId);
}

export function depositTotals(db: Db, leadId: number): { firstAmount: number | null; total: number; count: number; unparsedPayouts: string[] } {
  const row = stmt(db, 'SELECT first_amount, total, deposits FROM lead_deposit_totals WHERE lead_id = ?').get(leadId) as
    | { first_amount: number | null; total: number; deposits: number }
    | undefined;
  // Payouts nobody could read are not in the total: listed, so the card says the total is short.
  const unparsed = stmt(
    db,
    "SELECT json_extract(payload, '$.payoutRaw') FROM events WHERE lead_id = ? AND type = 'lead.event' AND json_extract(payload, '$.payoutUnparsed') = 1 AND json_extract(payload, '$.name') IN ('sale', 'resale') ORDER BY id",
  )
    .pluck()
    .all(leadId) as string[];
  return { firstAmount: row?.first_amount ?? null, total: row?.total ?? 0, count: row?.deposits ?? 0, unparsedPayouts: unparsed };
}

// ——— campaigns ———

export interface CampaignRow {
  id: number;
  code: string;
  name: string;
  username: string;
  greeting: string;
  subs: Record<string, string>;
  createdAt: number;
}

interface RawCampaign {
  id: number;
  code: string;
  name: string;
  username: string;
  greeting: string;
  subs: string;
  created_at: number;
}

function toCampaign(raw: RawCampaign): CampaignRow {
  const subs = trackerSchema.safeParse(jsonColumn(raw.subs, {}));
  return { id: raw.id, code: raw.code, name: raw.name, username: raw.username, greeting: raw.greeting, subs: subs.success ? subs.data : {}, createdAt: raw.created_at };
}

export function insertCampaign(db: Db, campaign: Omit<CampaignRow, 'id'>): number {
  return Number(
    stmt(db, 'INSERT INTO tracker_campaigns (code, name, username, greeting, subs, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      campaign.code,
      campaign.name,
      campaign.username,
      campaign.greeting,
      JSON.stringify(campaign.subs),
      campaign.createdAt,
    ).lastInsertRowid,
  );
}

/** Case-insensitive: a lead may retype the code in lower case. */
export function campaignByCode(db: Db, code: string): CampaignRow | undefined {
  const raw = stmt(db, 'SELECT id, code, name, username, greeting, subs, created_at FROM tracker_campaigns WHERE code = ? AND archived_at IS NULL').get(code) as RawCampaign | undefined;
  return raw && toCampaign(raw);
}

export function listCampaigns(db: Db): CampaignRow[] {
  const rows = stmt(db, 'SELECT id, code, name, username, greeting, subs, created_at FROM tracker_campaigns WHERE archived_at IS NULL ORDER BY id DESC').all() as RawCampaign[];
  return rows.map(toCampaign);
}
