import { durationMs, type StepOf } from '../../../shared/script';
import { parseLeadTime } from '../time/parseLeadTime';
import { nextClockTime } from '../time/zonedTime';
import { AiUnavailableError } from '../ports';
import type { EngineEvent } from '../types';
import { inFlow, inputText, type StepContext, type StepExecutor, type StepResult } from './executor';

type Ctx = StepContext<StepOf<'wait'>>;

/**
 * Keeps the lead quiet until a duration passes, a clock time, the time the lead named, or an event.
 * Replies meanwhile are ignored, kept for when the wait ends (`queue`), or end it early (`wake`).
 */
export const wait: StepExecutor<'wait'> = {
  async execute(ctx) {
    const { until } = ctx.step;
    const zone = ctx.script.body.timezone;
    switch (until.kind) {
      case 'duration':
        return hold(ctx.now + durationMs(until.duration));
      case 'clock':
        return hold(nextClockTime(ctx.now, until.time, until.timezone ?? zone));
      case 'event':
        return {
          block: { kind: 'event', events: until.events, ...(until.timeout ? { timeoutAt: ctx.now + durationMs(until.timeout) } : {}) },
          state: {},
        };
      case 'lead_time': {
        const { at, events } = await leadTime(ctx, zone);
        const min = until.min ? ctx.now + durationMs(until.min) : ctx.now;
        const max = until.max ? ctx.now + durationMs(until.max) : Number.POSITIVE_INFINITY;
        const dueAt = Math.min(Math.max(at ?? ctx.now + durationMs(until.fallback), min), max);
        // The answer ("вечером") set the time: it needs no further reply.
        return { ...hold(dueAt), consumed: true, events };
      }
    }
  },

  resume(ctx, wake) {
    const { step } = ctx;
    if (wake.kind === 'timer') {
      const target = wake.job.kind === 'timeout' && step.until.kind === 'event' ? (step.until.timeoutTarget ?? step.next) : step.next;
      const late = ctx.now - wake.job.dueAt;
      return { go: inFlow(ctx, target), events: [{ type: 'wait.ended', payload: { stepId: step.id, by: wake.job.kind, dueAt: wake.job.dueAt, lateMs: late } }] };
    }
    if (wake.kind === 'event') {
      if (step.until.kind === 'event' && step.until.events.includes(wake.name)) {
        return { go: inFlow(ctx, step.next), events: [{ type: 'wait.ended', payload: { stepId: step.id, by: 'event', event: wake.name } }] };
      }
      return keep(ctx);
    }
    switch (step.onMessage) {
      case 'wake':
        // The message goes on unconsumed: `wakeTarget` (e.g. the AI hub) answers it.
        return { go: inFlow(ctx, step.wakeTarget ?? step.next), events: [{ type: 'wait.ended', payload: { stepId: step.id, by: 'message' } }] };
      case 'queue': {
        const queued = [...(ctx.lead.memo.queuedMessageIds ?? []), ...wake.messages.map((m) => m.id)];
        return { ...keep(ctx), consumed: true, effects: [{ kind: 'memo', set: { queuedMessageIds: queued } }] };
      }
      case 'ignore':
        return { ...keep(ctx), consumed: true };
    }
  },
};

function hold(dueAt: number): StepResult {
  return { block: { kind: 'timer', dueAt }, state: { dueAt } };
}

/** Re-states the current block, so the engine keeps (not re-creates) its timer. */
function keep(ctx: Ctx): StepResult {
  const { until } = ctx.step;
  if (until.kind === 'event') return { block: { kind: 'event', events: until.events }, state: ctx.state };
  return { block: { kind: 'timer', dueAt: Number(ctx.state.dueAt ?? ctx.now) }, state: ctx.state };
}

async function leadTime(ctx: Ctx, zone: string): Promise<{ at: number | undefined; events: EngineEvent[] }> {
  // The answer may already have been answered ("Договорились!") earlier this turn: it still names the time.
  const text = inputText(ctx.input) || inputText(ctx.turnInput) || lastLeadText(ctx);
  if (!text) return { at: undefined, events: [] };
  try {
    const answer = await ctx.ai.extractTime({ text, now: ctx.now, timezone: zone });
    const events: EngineEvent[] = [{ type: 'ai.time', payload: { stepId: ctx.step.id, text, at: answer.at, reason: answer.reason, usage: answer.usage } }];
    if (answer.at !== null && answer.at > ctx.now) return { at: answer.at, events };
    return { at: parseLeadTime(text, ctx.now, zone), events };
  } catch (error) {
    // Only a provider outage falls back to the local parser; a bug must surface (the step hands over).
    if (!(error instanceof AiUnavailableError)) throw error;
    const at = parseLeadTime(text, ctx.now, zone);
    return { at, events: [{ type: 'ai.time', payload: { stepId: ctx.step.id, text, at: at ?? null, reason: 'parsed locally (AI unavailable)' } }] };
  }
}

function lastLeadText(ctx: Ctx): string {
  const history = ctx.conversation().history;
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i];
    if (m?.direction === 'in' && m.text.trim()) return m.text;
  }
  return '';
}
