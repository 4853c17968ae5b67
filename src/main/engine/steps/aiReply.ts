import { englishText, msg, type AppMessage } from '../../../shared/appMessage';
import type { StepOf } from '../../../shared/script';
import { linksIn, replyBreach, replyBreachReason, type ReplyRules } from '../guard';
import { AiUnavailableError } from '../ports';
import type { EngineEvent } from '../types';
import { inFlow, splitIntoMessages, type Effect, type StepContext, type StepExecutor, type StepResult, type Wake } from './executor';

type Ctx = StepContext<StepOf<'ai_reply'>>;

const retryDelaysMs = [60_000, 5 * 60_000, 15 * 60_000];

/**
 * An LLM conversation step: answers the lead toward the step's goal and leaves by an AI route, by
 * its transition requirements, or (endless) only when an event or the operator moves the lead.
 */
export const aiReply: StepExecutor<'ai_reply'> = {
  async execute(ctx) {
    const { step } = ctx;
    let events: EngineEvent[] = [];
    if (ctx.input.length && step.skipOnFirstRun) {
      const decision = await decide(ctx);
      if (decision.moved) return decision.moved;
      events = decision.events;
    }
    // The opening greets a lead the first time they reach the step; coming back to a hub (after an
    // objection answer, a pause) must not greet them again.
    const opened = ctx.lead.memo.openedSteps ?? [];
    const opening = opened.includes(step.id) ? 'none' : step.opening.mode;
    if (opening !== 'none') events.push({ type: 'ai.opening', payload: { stepId: step.id, mode: opening } });
    const markOpened: Effect[] = opening !== 'none' ? [{ kind: 'memo', set: { openedSteps: [...opened, step.id] } }] : [];
    if (step.opening.mode === 'fixed' && opening === 'fixed') {
      const send = splitIntoMessages(ctx.render(step.opening.text), step.splitLines).map((text) => ({ text }));
      return { send, block: { kind: 'reply' }, consumed: true, events, effects: markOpened };
    }
    if (opening === 'generated' || ctx.input.length) {
      const guidance = step.opening.mode === 'generated' && opening === 'generated' ? ctx.render(step.opening.instructions) : undefined;
      const result = withEvents(events, await answer(ctx, ctx.input.length ? 'reply' : 'opening', guidance));
      return { ...result, effects: [...(result.effects ?? []), ...markOpened] };
    }
    return { block: { kind: 'reply' }, events };
  },

  async resume(ctx, wake: Wake) {
    if (wake.kind === 'timer') {
      // A retry after the provider failed: answer the text we could not answer then.
      const pending = typeof ctx.state.retryText === 'string' ? ctx.state.retryText : '';
      return answer(ctx, 'reply', undefined, pending);
    }
    if (wake.kind !== 'message') return { block: { kind: 'reply' } };
    const decision = await decide(ctx);
    return decision.moved ?? withEvents(decision.events, await answer(ctx, 'reply'));
  },
};

/** Checks AI routes (or, without routes, the YES/NO requirements) against the lead's message. */
async function decide(ctx: Ctx): Promise<{ moved?: StepResult; events: EngineEvent[] }> {
  const { step } = ctx;
  const fired = new Set(ctx.lead.memo.firedRoutes ?? []);
  const routes = step.routes.filter((r) => !(r.once && fired.has(r.id)));
  const useRequirements = !step.endless && step.routes.length === 0 && step.requirements.trim() !== '';
  if (!routes.length && !useRequirements) return { events: [] };
  let decision;
  const conversation = ctx.conversation();
  try {
    decision = await ctx.ai.route({ conversation, routes, requirements: useRequirements ? ctx.render(step.requirements) : '' });
  } catch (error) {
    if (!(error instanceof AiUnavailableError)) throw error;
    // Routing is best effort: without a decision the lead stays here and gets an answer.
    return { events: [{ type: 'ai.failed', payload: { stepId: step.id, call: 'route', reason: error.message, detail: error.detail } }] };
  }
  const events: EngineEvent[] = [
    { type: 'ai.route', payload: { stepId: step.id, input: conversation.input, routeId: decision.routeId, requirementsMet: decision.requirementsMet, confidence: decision.confidence, reason: decision.reason, usage: decision.usage } },
  ];
  const route = routes.find((r) => r.id === decision.routeId);
  if (route) {
    const effects: Effect[] = route.once ? [{ kind: 'memo', set: { firedRoutes: [...fired, route.id] } }] : [];
    // Not consumed: the route's target answers the message (a prepared text, or another AI step).
    return { moved: { go: inFlow(ctx, route.target), events, effects }, events };
  }
  if (useRequirements && decision.requirementsMet && step.next) {
    return { moved: { go: inFlow(ctx, step.next), events }, events };
  }
  return { events };
}

async function answer(ctx: Ctx, purpose: 'opening' | 'reply', guidance?: string, retryText?: string): Promise<StepResult> {
  const { step } = ctx;
  const conversation = ctx.conversation();
  if (retryText !== undefined) conversation.input = retryText;
  let text = '';
  const events: EngineEvent[] = [];
  const rules = replyRules(ctx, conversation);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const broken = text ? replyBreach(text, rules) : undefined;
      const reply = await ctx.ai.reply({
        conversation,
        purpose,
        guidance: [guidance, broken ? `Do not say "${broken}" or anything like it.` : undefined].filter(Boolean).join('\n') || undefined,
      });
      events.push({ type: 'ai.reply', payload: { stepId: step.id, purpose, input: conversation.input, guidance: guidance ?? null, text: reply.text, usage: reply.usage, attempt } });
      text = reply.text.trim();
      if (text && !replyBreach(text, rules)) break;
    }
  } catch (error) {
    if (!(error instanceof AiUnavailableError)) throw error;
    return failure(ctx, error.detail, conversation.input, events);
  }
  const broken = replyBreachReason(text, rules);
  if (broken) return { end: { status: 'manual', reason: msg('neverSayBroken', { rule: broken }) }, events, consumed: true };
  if (!text) return failure(ctx, msg('aiEmptyReply'), conversation.input, events);
  return { send: splitIntoMessages(text, step.splitLines).map((t) => ({ text: t })), block: { kind: 'reply' }, consumed: true, events };
}

/** The step's failure policy. A lead never receives an error text. */
function failure(ctx: Ctx, reason: AppMessage, input: string, events: EngineEvent[]): StepResult {
  const { step } = ctx;
  events.push({ type: 'ai.failed', payload: { stepId: step.id, reason: englishText(reason), detail: reason, policy: step.onAiFailure } });
  if (step.onAiFailure === 'fallback' && step.fallbackText) {
    return { send: [{ text: ctx.render(step.fallbackText) }], block: { kind: 'reply' }, consumed: true, events };
  }
  const attempts = Number(ctx.state.retries ?? 0);
  if (step.onAiFailure === 'retry' && attempts < retryDelaysMs.length) {
    return {
      block: { kind: 'reply', retryAt: ctx.now + (retryDelaysMs[attempts] ?? 0) },
      state: { retries: attempts + 1, retryText: input },
      consumed: true,
      events,
    };
  }
  return { end: { status: 'manual', reason: msg('aiUnavailable', { detail: reason }) }, consumed: true, events };
}

function withEvents(events: EngineEvent[], result: StepResult): StepResult {
  return events.length ? { ...result, events: [...events, ...(result.events ?? [])] } : result;
}

/**
 * The output guard's rules: "never say", the prompt's canary and text, and the links the script
 * itself holds (its variables and prompt texts) — the only links a reply may carry.
 */
function replyRules(ctx: Ctx, conversation: ReturnType<Ctx['conversation']>): ReplyRules {
  const { settings, step } = conversation;
  const promptText = [settings.globalLegend, settings.globalConstraints, settings.responseStyle, step.goal, step.legend, step.instructions].join('\n');
  const variableText = Object.values(ctx.script.variables).join('\n');
  return {
    neverSay: ctx.settings.neverSay,
    canary: conversation.canary,
    promptText,
    allowedLinks: linksIn(`${variableText}\n${promptText}`),
  };
}
