import type { AppMessage } from '../../shared/appMessage';
import type { Notifier } from './ports';
import type { EngineLimits, TurnDeps } from './turn';
import type { Position } from './types';

/** What the engine is given: its settings and dependencies, and the inputs besides a stored message. */

export interface EngineSettings extends EngineLimits {
  /** Quiet window that merges a burst of messages into one AI turn (ms; 0 = off). */
  debounceMs: number;
  stopWords: readonly string[];
}

export interface LeadEventInput {
  name: string;
  amount?: number | null;
  currency?: string | null;
  transactionId?: string | null;
  source: 'postback' | 'operator' | 'simulation' | 'webhook' | 'api';
  payload?: Record<string, unknown>;
  /** Custom fields the event carries (a postback's `fields.KEY=`), set before auto actions run. */
  fields?: Record<string, string>;
}

export type OperatorAction =
  /** `reason` says why when it is not an operator's click (e.g. the owner wrote from their phone). */
  | { kind: 'takeover'; reason?: AppMessage }
  | { kind: 'release'; to?: Position }
  | { kind: 'say'; text: string }
  | { kind: 'stop' }
  /** The operator edits the lead card: applied in the lead's queue so no turn overwrites it. */
  | { kind: 'edit'; addTags: string[]; removeTags: string[]; fields: Record<string, string | number | null> };

export interface EngineDeps extends Omit<TurnDeps, 'limits'> {
  settings(): EngineSettings;
  notifier?: Notifier;
  /** Told after every commit that changed jobs, so the scheduler can re-arm its timer. */
  onJobsChanged?(): void;
  onError?(error: unknown, context: Record<string, unknown>): void;
}
