import { type AppMessage } from '../../../shared/appMessage';
import { mediaPlaceholder } from '../mediaPlaceholder';
import type { Script, StepOf, StepType } from '../../../shared/script';
import type { AiConversation, AiPort, AbVariantStats, HttpPort } from '../ports';
import type { CompiledScript, EngineEvent, IncomingMessage, Job, LeadSnapshot, Outgoing, Position } from '../types';

/** What woke a step that was keeping the lead waiting. */
export type Wake =
  | { kind: 'message'; messages: IncomingMessage[] }
  | { kind: 'timer'; job: Job }
  | { kind: 'event'; name: string; payload: Record<string, unknown> };

/** How a step keeps the lead: until they reply, until a time, or until an event. */
export type Block =
  /** `retryAt`: wake the step then to retry a failed AI answer. */
  | { kind: 'reply'; retryAt?: number }
  | { kind: 'timer'; dueAt: number }
  | { kind: 'event'; events: string[]; timeoutAt?: number };

export type Effect =
  | { kind: 'tags'; add: string[]; remove: string[] }
  | { kind: 'fields'; set: Record<string, string | number> }
  | { kind: 'variant'; routerId: string; variantId: string }
  | { kind: 'memo'; set: Record<string, unknown> };

/**
 * What a step wants to happen. Executors return this and do no I/O; the engine applies it and
 * commits the whole turn in one transaction.
 */
export interface StepResult {
  /** Continue with this step (same flow unless `flowId` differs). */
  go?: Position;
  block?: Block;
  /** Hand the lead to a human (`manual`) or finish the conversation. */
  end?: { status: 'manual' | 'finished'; reason: AppMessage };
  send?: Outgoing[];
  effects?: Effect[];
  /** State kept while blocked here (attempt counters, pending pushes). */
  state?: Record<string, unknown>;
  /** The lead's pending message was dealt with here; later steps of this turn do not see it. */
  consumed?: boolean;
  events?: EngineEvent[];
}

/** Narrow capabilities a step may use: never the database or the Telegram client. */
export interface StepContext<S> {
  step: S;
  flowId: string;
  script: CompiledScript;
  lead: LeadSnapshot;
  /** This step's saved state when resuming, `{}` on a fresh visit. */
  state: Record<string, unknown>;
  /** The lead's message(s) not yet consumed this turn. */
  input: IncomingMessage[];
  /** Every message that started this turn, consumed or not (e.g. the time named in an answer). */
  turnInput: IncomingMessage[];
  now: number;
  random(): number;
  ai: AiPort;
  http: HttpPort;
  /** A new idempotency key for an outbound call made here (see `TurnDraft.outboundKey`). */
  idempotencyKey(): string;
  /** Conversation as the AI sees it, for this step. */
  conversation(): AiConversation;
  /** Fills macros for this lead. */
  render(text: string): string;
  abStats(routerId: string, goalEvent: string): AbVariantStats[];
  settings: Script['ai'];
}

export interface StepExecutor<T extends StepType> {
  execute(ctx: StepContext<StepOf<T>>): Promise<StepResult> | StepResult;
  /** How the step reacts while it keeps the lead waiting. Absent for steps that never block. */
  resume?(ctx: StepContext<StepOf<T>>, wake: Wake): Promise<StepResult> | StepResult;
}

export const inFlow = (ctx: { flowId: string }, stepId: string): Position => ({ flowId: ctx.flowId, stepId });

/** The text of the lead's pending messages, joined (a burst of short messages reads as one). */
export function inputText(input: IncomingMessage[]): string {
  return input
    // A sticker says something (its emoji); other media have no text to match.
    .map((m) => (m.media?.kind === 'sticker' && m.media.emoji ? `${m.media.emoji} ${m.text}` : m.text).trim())
    .filter(Boolean)
    .join('\n');
}

/** The lead's messages as the AI reads them: media become a typed placeholder such as `[voice message]`. */
export function inputForAi(input: IncomingMessage[]): string {
  return input
    .map((m) => (m.media ? `${mediaPlaceholder(m.media)}${m.text.trim() ? ` ${m.text.trim()}` : ''}` : m.text.trim()))
    .filter(Boolean)
    .join('\n');
}

/** Splits a reply into several Telegram messages at line breaks, dropping empty lines. */
export function splitIntoMessages(text: string, split: boolean): string[] {
  if (!split) return text.trim() ? [text.trim()] : [];
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
}
