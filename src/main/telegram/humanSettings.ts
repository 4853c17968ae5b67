import { humanDefaults, humanSettingsPatchSchema, type HumanSettings } from '../../shared/rpc/accounts';
import { jsonColumn } from '../db/statements';

/** The account's stored `human` JSON (possibly partial, possibly from an older version) with defaults filled in. */
export function readHumanSettings(stored: string): HumanSettings {
  const parsed = humanSettingsPatchSchema.safeParse(jsonColumn<unknown>(stored, {}));
  return { ...humanDefaults, ...(parsed.success ? parsed.data : {}) };
}

/** How long "typing…" shows for `text`: proportional to its length, capped. */
export function typingMs(text: string, human: HumanSettings): number {
  if (human.typingMaxMs === 0 || !text) return 0;
  return Math.min(human.typingMaxMs, Math.round((text.length / human.typingCharsPerSecond) * 1000));
}
