import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { trackerSettingsSchema, type TrackerSettings, type TrackerSettingsPatch } from '../../shared/rpc/tracker';
import type { Db } from '../db/connection';
import { readTrackerSettingsRow, writeTrackerSettings, writeTrackerToken } from '../db/repositories/trackerRepo';
import type { SecretBox } from '../secrets/secretBox';
import { defaultCampaignPattern } from './campaignToken';

export const defaultTrackerSettings: TrackerSettings = {
  enabled: true,
  host: '127.0.0.1',
  port: 47800,
  defaultPreset: 'custom',
  presets: {},
  publicBaseUrl: '',
  allowedIps: [],
  rateLimitPerMinute: 600,
  tokenRateLimitPerMinute: 6000,
  frontProxy: 'none',
  logRetentionDays: 90,
  maxBodyKb: 64,
  pendingWindowDays: 7,
  responseBody: 'OK',
  campaignPattern: defaultCampaignPattern,
  organicClickIds: true,
};

/**
 * The tracker's settings and path token. Settings live in their own row (not the app settings
 * map) so the tracker owns its shape; the token is sealed at rest and kept in memory for the
 * constant-time check on every request.
 */
export class TrackerConfig {
  private cached: TrackerSettings | undefined;
  private token: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly now: () => number,
    /** Not persisted: the host or a test pins these (e.g. port 0). */
    private readonly overrides: Partial<TrackerSettings> = {},
  ) {}

  settings(): TrackerSettings {
    if (!this.cached) {
      const stored = readTrackerSettingsRow(this.db).value;
      const merged: Record<string, unknown> = { ...defaultTrackerSettings };
      // Key by key, so one value written by a future build does not reset the others.
      for (const key of Object.keys(trackerSettingsSchema.shape) as (keyof TrackerSettings)[]) {
        const field = trackerSettingsSchema.shape[key].safeParse((stored as Record<string, unknown>)[key]);
        if (field.success && (stored as Record<string, unknown>)[key] !== undefined) merged[key] = field.data;
      }
      this.cached = trackerSettingsSchema.parse({ ...merged, ...this.overrides });
    }
    return this.cached;
  }

  update(patch: TrackerSettingsPatch): TrackerSettings {
    const stored = readTrackerSettingsRow(this.db).value as Record<string, unknown>;
    writeTrackerSettings(this.db, { ...stored, ...patch }, this.now());
    this.cached = undefined;
    return this.settings();
  }

  /** The path token, created on first use. */
  pathToken(): string {
    if (this.token) return this.token;
    const sealed = readTrackerSettingsRow(this.db).tokenSealed;
    this.token = sealed ? this.secrets.open(sealed) : this.regenerate();
    return this.token;
  }

  /** A new token: every URL pasted into trackers stops working until replaced. */
  regenerate(): string {
    const token = randomBytes(32).toString('base64url');
    writeTrackerToken(this.db, this.secrets.seal(token), this.now());
    this.token = token;
    return token;
  }

  /** Constant-time comparison (hashes first, so a length difference leaks nothing either). */
  tokenMatches(candidate: string): boolean {
    const a = createHash('sha256').update(candidate).digest();
    const b = createHash('sha256').update(this.pathToken()).digest();
    return timingSafeEqual(a, b);
  }
}
