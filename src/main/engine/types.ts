import { type AppMessage } from '../../shared/appMessage';
import type { LeadStatus, Script, Step } from '../../shared/script';
import type { StoredStateError } from '../storedStateError';

/** A script ready to run: the validated body plus lookups, cached per (id, revision). */
export interface CompiledScript {
  id: number;
  revision: number;
  body: Script;
  stepById: ReadonlyMap<string, { step: Step; flowId: string }>;
  flowById: ReadonlyMap<string, Script['flows'][number]>;
  variables: Record<string, string>;
}

export interface Position {
  flowId: string;
  stepId: string;
}

/** Facts that outlive one visit of a step. */
export interface LeadMemo {
  /** Route ids with `once` that already fired. */
  firedRoutes?: string[];
  /** AI steps whose opening message this lead already got. */
  openedSteps?: string[];
  /** Messages that arrived while a wait step said `queue`, replayed when it ends. */
  queuedMessageIds?: number[];
  /** What an operator's takeover suspended (status and the step's timers), restored by `release: true`. */
  suspended?: { status: LeadStatus; statusReason: AppMessage | null; jobs: Pick<JobSpec, 'kind' | 'dueAt' | 'payload'>[] };
  /** The lead's latest photo not yet read by an image check (a screenshot sent early), with its flow. */
  lastPhoto?: { id: number; path: string; ts: number; flowId: string } | null;
  /** Image checks' failed readings so far, by step id: the limit holds across the step's fallback loop. */
  imageAttempts?: Record<string, number>;
  /** A postback placed this lead (who had not written yet) at a step: their first message starts it. */
  enterOnFirstMessage?: boolean;
  [key: string]: unknown;
}

/** Everything a turn may read about a lead, loaded once at the start of the turn. */
export interface LeadSnapshot {
  id: number;
  accountId: number;
  scriptId: number | null;
  status: LeadStatus;
  statusReason: AppMessage | null;
  position: Position | null;
  stepState: Record<string, unknown>;
  memo: LeadMemo;
  profile: { firstName: string | null; lastName: string | null; username: string | null };
  tags: string[];
  fields: Record<string, string | number>;
  tracker: Record<string, string>;
  /** A/B router step id → variant id already drawn for this lead. */
  variants: Record<string, string>;
  /** Business events received: name → count and summed amount, in arrival order of names. */
  leadEvents: Record<string, { count: number; amount: number; firstAmount: number | null }>;
  createdAt: number;
  /**
   * Bumped by every committed turn (`leads.state_version`). A turn that does not commit leaves it
   * as it was, so the same turn run again (after a crash, a failed commit) sees the same number:
   * outbound calls derive their idempotency key from it.
   */
  stateVersion: number;
  /** Whether any durable job exists for the lead (lets a turn skip deleting none). */
  hasJobs: boolean;
}

export interface IncomingMessage {
  id: number;
  text: string;
  media: IncomingMedia | null;
  ts: number;
}

/**
 * A lead's attachment: `path` is the downloaded file ('' while the download is pending or after it
 * failed). `photo` covers images sent as files too; a sticker carries its emoji.
 */
export interface IncomingMedia {
  kind: 'photo' | 'video' | 'document' | 'voice' | 'round' | 'sticker' | 'gif';
  path: string;
  emoji?: string;
  fileName?: string;
  mimeType?: string;
}

export interface HistoryMessage {
  direction: 'in' | 'out';
  text: string;
  hasMedia: boolean;
  ts: number;
}

/** A message an executor wants sent; the engine queues it as an outgoing message (one `messages` row the sender sends). */
export interface Outgoing {
  text: string;
  media?: { kind: 'photo' | 'video' | 'document' | 'voice'; path: string };
  /** Extra pause before this message (after the previous one of the same turn). */
  delayMs?: number;
}

export interface JobSpec {
  kind: JobKind;
  dueAt: number;
  payload?: Record<string, unknown>;
  /** At most one live job per key (later upserts move its due time). */
  key?: string;
}

/**
 * Durable timers. Step-scoped kinds are deleted whenever the lead leaves the step, so a stale one
 * can never fire; `debounce` survives step changes.
 */
/** `outbound`: a durable retry of a "send event to tracker" call (not tied to a step: it outlives moves). */
export type JobKind = 'wake' | 'timeout' | 'push' | 'retry' | 'debounce' | 'outbound';
export const stepScopedJobKinds: readonly JobKind[] = ['wake', 'timeout', 'push', 'retry'];

export interface Job {
  id: number;
  leadId: number;
  kind: JobKind;
  dueAt: number;
  payload: Record<string, unknown>;
  /** The stored payload failed to parse: the job cannot run, and its lead is marked damaged. */
  damage?: StoredStateError;
}

/** One row for the lead's timeline / audit trail. */
export interface EngineEvent {
  type: string;
  payload: Record<string, unknown>;
}
