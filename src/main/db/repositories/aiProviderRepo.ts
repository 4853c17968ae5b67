import { aiProviderSchema, defaultAiProvider, type AiProvider } from '../../../shared/aiSettings';
import type { Db } from '../connection';
import { jsonColumn, stmt } from '../statements';

const providerKey = 'ai.provider';
const apiKeyKey = 'ai.key';

/** The stored provider settings (defaults for anything missing) and the sealed API key, if any. */
export function loadAiProvider(db: Db): { provider: AiProvider; sealedKey: Buffer | null } {
  const raw = stmt(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(providerKey) as string | undefined;
  const parsed = aiProviderSchema.safeParse({ ...defaultAiProvider, ...jsonColumn<object>(raw, {}) });
  const sealed = stmt(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(apiKeyKey) as string | undefined;
  return {
    provider: parsed.success ? parsed.data : defaultAiProvider,
    sealedKey: sealed ? Buffer.from(jsonColumn<string>(sealed, ''), 'base64') : null,
  };
}

/** Saves provider settings; `sealedKey` undefined keeps the key, null removes it. */
export function saveAiProvider(db: Db, provider: AiProvider, sealedKey: Buffer | null | undefined, now: number): void {
  const upsert = stmt(db, 'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
  db.transaction(() => {
    upsert.run(providerKey, JSON.stringify(provider), now);
    if (sealedKey === null) stmt(db, 'DELETE FROM settings WHERE key = ?').run(apiKeyKey);
    else if (sealedKey) upsert.run(apiKeyKey, JSON.stringify(sealedKey.toString('base64')), now);
  })();
}

export interface AiUsageRow {
  day: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
}

/** AI calls per day (in `utcOffsetMinutes` local days) from the events the engine recorded. */
export function aiUsageByDay(db: Db, from: number, to: number, utcOffsetMinutes: number): AiUsageRow[] {
  return stmt(
    db,
    `SELECT date((ts + ? * 60000) / 1000, 'unixepoch') AS day, count(*) AS calls,
            coalesce(sum(json_extract(payload, '$.usage.tokensIn')), 0) AS tokensIn,
            coalesce(sum(json_extract(payload, '$.usage.tokensOut')), 0) AS tokensOut,
            coalesce(sum(json_extract(payload, '$.usage.costUsd')), 0) AS costUsd
     FROM events WHERE type IN ('ai.route', 'ai.reply', 'ai.time', 'ai.image') AND ts >= ? AND ts < ?
       AND json_extract(payload, '$.usage') IS NOT NULL
     GROUP BY day ORDER BY day`,
  ).all(utcOffsetMinutes, from, to) as AiUsageRow[];
}
