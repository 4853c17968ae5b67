import { englishText, type AppMessage } from '../../shared/appMessage';
import type { AiRoute, AiSettings, LeadStatus } from '../../shared/script';
import type { StoredStateError } from '../storedStateError';
import type {
  CompiledScript,
  EngineEvent,
  HistoryMessage,
  IncomingMessage,
  Job,
  JobSpec,
  LeadMemo,
  LeadSnapshot,
  Outgoing,
  Position,
} from './types';

/**
 * The engine's view of the world. Adapters (SQLite, Telegram, OpenAI, the tracker) implement these
 * and app.ts injects them; the engine imports none of them (enforced by lint).
 */

/** Time source; a virtual clock in simulation and tests, so a 2-day wait takes no real time. */
export interface Clock {
  now(): number;
}

/** Uniform [0, 1). Seeded in simulation for reproducible A/B draws and random ids. */
export interface Random {
  next(): number;
}

export interface AiUsage {
  model: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  costUsd?: number;
}

/** What the AI sees of the conversation, laid out by the adapter as a cache-friendly prompt. */
export interface AiConversation {
  settings: AiSettings;
  timezone: string;
  step: { title: string; goal: string; legend: string; instructions: string; requirements: string };
  /** Lead-controlled values: they reach the model only as quoted data in a user-role message. */
  lead: { name: string; firstName?: string | null; lastName?: string | null; username: string | null; tags: string[]; fields: Record<string, string | number>; tracker: Record<string, string> };
  /** Secret marker for the system prompt; a reply containing it leaked the prompt. */
  canary?: string;
  history: HistoryMessage[];
  /** The lead's latest message(s) this turn, if any. */
  input: string;
}

export interface RouteDecision {
  routeId: string | null;
  requirementsMet: boolean;
  confidence: number;
  reason: string;
  usage?: AiUsage;
}

export interface AiReply {
  text: string;
  usage?: AiUsage;
}

/** Thrown by the AI port when the provider cannot answer (no key, down past retries). */
export class AiUnavailableError extends Error {
  /** `detail` is why, as a coded message for the operator; `message` is its English for logs. */
  constructor(readonly detail: AppMessage, readonly retryable = true) {
    super(englishText(detail));
    this.name = 'AiUnavailableError';
  }
}

export interface AiPort {
  route(request: { conversation: AiConversation; routes: AiRoute[]; requirements: string }): Promise<RouteDecision>;
  reply(request: { conversation: AiConversation; purpose: 'opening' | 'reply'; guidance?: string }): Promise<AiReply>;
  /** The absolute time the lead named, or null when they named none. */
  extractTime(request: { text: string; now: number; timezone: string }): Promise<{ at: number | null; reason: string; usage?: AiUsage }>;
  readImage(request: {
    imagePath: string;
    tasks: { field: string; instruction: string }[];
  }): Promise<{ values: Record<string, string | null>; summary: string; usage?: AiUsage }>;
}

export interface HttpResponse {
  status: number;
  body: string;
  /** Nothing was sent: a simulation or the emulator answered in place of the target. */
  simulated?: boolean;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retries: number;
  /** Follow 3xx answers (each hop checked like the first); off by default. */
  followRedirects?: boolean;
  /** The script allows loopback, private and link-local targets; off by default. */
  allowLocal?: boolean;
  /**
   * The same on every attempt of one logical call (retries, the turn run again after a crash): sent
   * as the `Idempotency-Key` header on requests that change something (not GET: a tracker's postback
   * URL is left exactly as configured; trackers dedupe on their own click/transaction id).
   */
  idempotencyKey?: string;
}

/**
 * Thrown by the HTTP port for a request that cannot succeed by trying again (a refused address or
 * redirect, a malformed URL, an oversized answer): the engine never schedules a retry for it.
 */
export class HttpRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpRefusedError';
  }
}

/**
 * Outbound HTTP for webhook steps (timeouts and the address checks are the adapter's job). The
 * engine asks for one attempt at a time (`retries: 0`): its retries are durable jobs, see outbound.ts.
 */
export interface HttpPort {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Everything one turn changes, written by the store in one transaction. */
export interface TurnCommit {
  leadId: number;
  accountId: number;
  status: LeadStatus;
  statusReason: AppMessage | null;
  scriptId: number | null;
  position: Position | null;
  stepState: Record<string, unknown>;
  memo: LeadMemo;
  tagsAdded: string[];
  tagsRemoved: string[];
  fields: Record<string, string | number> | null;
  handledMessageIds: number[];
  outgoing: (Outgoing & { notBefore: number; randomId: string; sender: 'bot' | 'operator' })[];
  /** Cancel this lead's queued outgoing messages (the lead stopped). */
  cancelOutbox: boolean;
  jobsToAdd: JobSpec[];
  jobIdsToDelete: number[];
  /** Delete this lead's jobs of these kinds (e.g. every step-scoped job when it moves on). */
  jobKindsToDelete: string[];
  events: EngineEvent[];
  abAssignments: { routerId: string; variantId: string }[];
  leadEvents: { name: string; amount: number | null; currency: string | null; transactionId: string | null; source: 'postback' | 'operator' | 'simulation' | 'webhook' | 'api' }[];
  now: number;
}

export interface AbVariantStats {
  variantId: string;
  assigned: number;
  converted: number;
}

export interface EngineStore {
  script(scriptId: number): CompiledScript | undefined;
  lead(leadId: number): LeadSnapshot | undefined;
  unhandledMessages(leadId: number): IncomingMessage[];
  messagesByIds(ids: number[]): IncomingMessage[];
  /** Whether the lead ever wrote (inbound only: nobody is messaged who did not write first). */
  hasIncoming(leadId: number): boolean;
  /** The lead's pending jobs (a takeover keeps them to restore on release). */
  leadJobs(leadId: number): Job[];
  history(leadId: number, limit: number): HistoryMessage[];
  abStats(scriptId: number, routerId: string, goalEvent: string): AbVariantStats[];
  /** Writes the turn atomically; resolves once it is durable. */
  commit(turn: TurnCommit): void | Promise<void>;
  dueJobs(now: number, limit: number): Job[];
  /** Pushes a job that failed to run to a later time (and counts the attempt). */
  deferJob(jobId: number, dueAt: number): void;
  nextJobDueAt(): number | undefined;
  leadsWithUnhandledMessages(): number[];
  /**
   * A read for this lead met damaged stored state (reads throw `StoredStateError`, never return
   * empty state): take the lead out of automation and record why. Resolves true when this is news,
   * false when the lead was already marked for the same damage.
   */
  markDamaged(leadId: number, damage: StoredStateError, now: number): boolean | Promise<boolean>;
}

/** Tells a human that a lead needs them (desktop notification, pushed UI event). */
export interface Notifier {
  leadNeedsHuman(leadId: number, reason: AppMessage): void;
  leadChanged(leadId: number): void;
  /** A committed turn queued messages for this account: its sender should look now. */
  outboxChanged?(accountId: number): void;
}
