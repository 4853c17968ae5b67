import type { Db } from '../connection';
import { stmt } from '../statements';

/** Facts for the first-run checklist, read from the data itself so it ticks off whatever way a step was done. */
export function firstRunFacts(db: Db): { account: boolean; template: boolean; publish: boolean; postbacks: boolean } {
  const row = stmt(
    db,
    `SELECT
       EXISTS (SELECT 1 FROM accounts WHERE telegram_user_id IS NOT NULL) AS account,
       EXISTS (SELECT 1 FROM scripts WHERE archived_at IS NULL) AS template,
       EXISTS (SELECT 1 FROM accounts a JOIN scripts s ON s.id = a.script_id WHERE s.archived_at IS NULL AND a.telegram_user_id IS NOT NULL) AS publish,
       (EXISTS (SELECT 1 FROM tracker_settings WHERE value <> '{}')
        OR EXISTS (SELECT 1 FROM tracker_campaigns WHERE archived_at IS NULL)
        OR EXISTS (SELECT 1 FROM postbacks)) AS postbacks`,
  ).get() as Record<'account' | 'template' | 'publish' | 'postbacks', number>;
  return { account: row.account === 1, template: row.template === 1, publish: row.publish === 1, postbacks: row.postbacks === 1 };
}

/** Kept in the settings table under its own key (not one of the Settings the UI edits). */
const dismissedKey = 'firstRun.dismissed';

export function firstRunDismissed(db: Db): boolean {
  return stmt(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(dismissedKey) === 'true';
}

export function dismissFirstRun(db: Db, now: number): void {
  stmt(db, `INSERT INTO settings (key, value, updated_at) VALUES (?, 'true', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`).run(dismissedKey, now);
}
