import { englishText, msg, type AppMessage } from '../../shared/appMessage';
import { durationMs, type Step } from '../../shared/script';
import { buildConversation } from './conversation';
import type { AiPort, Clock, EngineStore, HttpPort, Random, TurnCommit } from './ports';
import { renderForLead } from './render';
import { executors } from './steps';
import { outsideQuietHours } from './time/quietHours';
import type { Block, StepContext, StepExecutor, StepResult, Wake } from './steps/executor';
import type { TurnDraft } from './turnDraft';
import type { CompiledScript, HistoryMessage, IncomingMessage, Position } from './types';

export interface EngineLimits {
  /** Steps walked in one turn before the lead is handed to a human. */
  maxStepsPerTurn: number;
  /** Visits of one step in one turn that count as a loop. */
  maxVisitsPerStep: number;
}

export interface TurnDeps {
  store: EngineStore;
  ai: AiPort;
  http: HttpPort;
  clock: Clock;
  random: Random;
  limits: EngineLimits;
}

/** How a walk through the script begins. */
export type WalkStart =
  | { mode: 'execute'; position: Position; cause: string; enter: boolean }
  | { mode: 'resume'; position: Position; wake: Wake };

/**
 * Walks a lead through steps until one blocks, the lead is handed over or finishes. Slow work (AI,
 * webhooks) happens here, before anything is written; the caller commits the draft in one go.
 */
export class Walker {
  private input: IncomingMessage[];
  private readonly turnInput: IncomingMessage[];
  private readonly sent: HistoryMessage[] = [];

  constructor(
    private readonly deps: TurnDeps,
    private readonly draft: TurnDraft,
    private readonly script: CompiledScript,
    input: IncomingMessage[],
  ) {
    this.input = input;
    this.turnInput = input;
  }

  async walk(start: WalkStart): Promise<void> {
    const visits = new Map<string, number>();
    let position = start.position;
    let wake = start.mode === 'resume' ? start.wake : undefined;
    if (start.mode === 'execute' && start.enter) this.draft.moveTo(position, start.cause);
    for (let steps = 0; ; steps++) {
      const entry = this.script.stepById.get(position.stepId);
      if (!entry) {
        this.handOver(msg('stepMissing', { step: position.stepId }), 'guard.missing_step');
        return;
      }
      const result = await this.run(entry.step, position.flowId, wake);
      if (!result) return;
      wake = undefined;
      this.apply(result);
      if (result.go) {
        const count = (visits.get(result.go.stepId) ?? 0) + 1;
        visits.set(result.go.stepId, count);
        if (count > this.deps.limits.maxVisitsPerStep) {
          this.handOver(msg('loopDetected', { step: this.title(result.go.stepId), count }), 'guard.loop');
          return;
        }
        if (steps + 1 >= this.deps.limits.maxStepsPerTurn) {
          this.handOver(msg('maxSteps', { max: this.deps.limits.maxStepsPerTurn }), 'guard.max_steps');
          return;
        }
        this.draft.moveTo(result.go, 'transition');
        position = result.go;
        continue;
      }
      if (result.end) {
        this.draft.setStatus(result.end.status, result.end.reason);
        this.draft.deleteJobKinds(['wake', 'timeout', 'push', 'retry']);
        return;
      }
      this.block(entry.step, result.block ?? { kind: 'reply' }, result.state);
      return;
    }
  }

  /** Runs one executor; a throwing step hands the lead to a human, never an error text to the lead. */
  private async run(step: Step, flowId: string, wake: Wake | undefined): Promise<StepResult | undefined> {
    const executor = executors[step.type] as StepExecutor<typeof step.type>;
    const ctx = this.context(step, flowId);
    try {
      if (wake && executor.resume) return await executor.resume(ctx as never, wake);
      return await executor.execute(ctx as never);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.draft.event('step.error', { stepId: step.id, type: step.type, error: message });
      this.draft.setStatus('manual', msg('stepFailed', { step: step.title || step.id, detail: message }));
      this.draft.deleteJobKinds(['wake', 'timeout', 'push', 'retry']);
      return undefined;
    }
  }

  private apply(result: StepResult): void {
    this.draft.send(result.send);
    for (const m of result.send ?? []) this.sent.push({ direction: 'out', text: m.text, hasMedia: Boolean(m.media), ts: this.draft.now });
    for (const effect of result.effects ?? []) {
      switch (effect.kind) {
        case 'tags':
          this.draft.addTags(effect.add);
          this.draft.removeTags(effect.remove);
          break;
        case 'fields':
          this.draft.setFields(effect.set);
          break;
        case 'variant':
          this.draft.assignVariant(effect.routerId, effect.variantId);
          break;
        case 'memo':
          this.draft.setMemo(effect.set);
          break;
      }
    }
    this.draft.events(result.events);
    if (result.consumed) this.input = [];
  }

  /** Parks the lead at `step` and arms the timers its block needs (pushes, wake, timeout, retry). */
  private block(step: Step, block: Block, state: Record<string, unknown> | undefined): void {
    const { draft } = this;
    const leadId = draft.lead.id;
    draft.lead.stepState = state ?? draft.lead.stepState;
    draft.setStatus(block.kind === 'reply' ? 'waiting' : 'paused', null);
    if (block.kind === 'reply') {
      const pushes = 'pushes' in step ? step.pushes : [];
      const first = pushes[0];
      if (first && this.draft.commit.outgoing.length) {
        const { quietHours, timezone } = this.script.body;
        const dueAt = outsideQuietHours(draft.now + durationMs(first.after), quietHours, timezone);
        draft.addJob({ kind: 'push', key: `push:${leadId}`, dueAt, payload: { stepId: step.id, index: 0 } });
      }
      if (block.retryAt) draft.addJob({ kind: 'retry', key: `retry:${leadId}`, dueAt: block.retryAt, payload: { stepId: step.id } });
    } else if (block.kind === 'timer') {
      draft.addJob({ kind: 'wake', key: `wake:${leadId}`, dueAt: block.dueAt, payload: { stepId: step.id } });
    } else if (block.timeoutAt !== undefined) {
      draft.addJob({ kind: 'timeout', key: `timeout:${leadId}`, dueAt: block.timeoutAt, payload: { stepId: step.id } });
    }
  }

  private handOver(reason: AppMessage, eventType: string): void {
    this.draft.event(eventType, { reason: englishText(reason), detail: reason });
    this.draft.setStatus('manual', reason);
    this.draft.deleteJobKinds(['wake', 'timeout', 'push', 'retry']);
  }

  private title(stepId: string): string {
    const step = this.script.stepById.get(stepId)?.step;
    return step?.title || stepId;
  }

  private context(step: Step, flowId: string): StepContext<Step> {
    const { deps, draft, script } = this;
    const lead = draft.lead;
    const render = (text: string): string => renderForLead(text, lead, script);
    return {
      step,
      flowId,
      script,
      lead,
      state: lead.stepState,
      input: this.input,
      turnInput: this.turnInput,
      now: draft.now,
      random: () => deps.random.next(),
      ai: deps.ai,
      http: deps.http,
      idempotencyKey: () => draft.outboundKey(),
      settings: script.body.ai,
      render,
      abStats: (routerId, goalEvent) => deps.store.abStats(script.id, routerId, goalEvent),
      conversation: () =>
        buildConversation({
          script,
          step: step as Parameters<typeof buildConversation>[0]['step'],
          lead,
          history: [...deps.store.history(lead.id, script.body.ai.historyLimit), ...this.sent],
          input: this.input,
          render,
        }),
    };
  }
}

export type { TurnCommit };
