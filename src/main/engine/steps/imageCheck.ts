import { msg } from '../../../shared/appMessage';
import type { StepOf } from '../../../shared/script';
import { AiUnavailableError } from '../ports';
import type { IncomingMessage } from '../types';
import { extractByPattern } from './extractByPattern';
import { inFlow, type Effect, type StepContext, type StepExecutor, type StepResult } from './executor';

type Ctx = StepContext<StepOf<'image_check'>>;

/** Asks for a screenshot, reads the requested values from it, checks them and writes them to fields. */
export const imageCheck: StepExecutor<'image_check'> = {
  async execute(ctx) {
    // A screenshot sent a moment early (in answer to the previous question) is read, not asked for again.
    const photo = lastPhoto(ctx.input) ?? earlyPhoto(ctx);
    if (photo) return check(ctx, photo);
    const prompt = ctx.step.prompt ? ctx.render(ctx.step.prompt) : '';
    return { send: prompt ? [{ text: prompt }] : [], block: { kind: 'reply' }, state: { attempts: 0 }, consumed: prompt !== '' };
  },

  async resume(ctx, wake) {
    if (wake.kind !== 'message') return { block: { kind: 'reply' }, state: ctx.state };
    const photo = lastPhoto(wake.messages);
    if (photo) return check(ctx, photo);
    if (ctx.step.onNoImage) return { go: inFlow(ctx, ctx.step.onNoImage) };
    const text = ctx.step.noImageText ? ctx.render(ctx.step.noImageText) : '';
    return { send: text ? [{ text }] : [], block: { kind: 'reply' }, state: ctx.state, consumed: text !== '' };
  },
};

function lastPhoto(messages: IncomingMessage[]): IncomingMessage | undefined {
  // A photo whose download failed (empty path) cannot be read: the step asks again.
  return [...messages].reverse().find((m) => m.media?.kind === 'photo' && m.media.path !== '');
}

/** The lead's latest photo in this flow that no image check has read yet. */
function earlyPhoto(ctx: Ctx): IncomingMessage | undefined {
  const photo = ctx.lead.memo.lastPhoto;
  if (!photo || photo.flowId !== ctx.flowId) return undefined;
  return { id: photo.id, text: '', media: { kind: 'photo', path: photo.path }, ts: photo.ts };
}

async function check(ctx: Ctx, photo: IncomingMessage): Promise<StepResult> {
  const { step } = ctx;
  // Counted in the memo, not the step's state: a script that routes a failure back here (via a
  // "send it again" message) re-enters the step with fresh state, and the limit must still hold.
  const counts = ctx.lead.memo.imageAttempts ?? {};
  const attempts = Math.max(counts[step.id] ?? 0, Number(ctx.state.attempts ?? 0)) + 1;
  const remember = (n: number | undefined): Effect => {
    const next = { ...counts };
    if (n === undefined) delete next[step.id];
    else next[step.id] = n;
    return { kind: 'memo', set: { imageAttempts: next, lastPhoto: null } };
  };
  let reading;
  try {
    reading = await ctx.ai.readImage({ imagePath: photo.media?.path ?? '', tasks: step.tasks.map(({ field, instruction }) => ({ field, instruction })) });
  } catch (error) {
    if (!(error instanceof AiUnavailableError)) throw error;
    return {
      end: { status: 'manual', reason: msg('screenshotUnreadable', { detail: error.detail }) },
      consumed: true,
      effects: [remember(undefined)],
      events: [{ type: 'ai.failed', payload: { stepId: step.id, call: 'image', reason: error.message, detail: error.detail } }],
    };
  }
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const task of step.tasks) {
    const raw = reading.values[task.field]?.trim() ?? '';
    const value = task.pattern ? extractByPattern(raw, task.pattern) : raw || undefined;
    if (value === undefined) missing.push(task.field);
    else values[task.field] = value;
  }
  const events = [{ type: 'ai.image', payload: { stepId: step.id, messageId: photo.id, values: reading.values, accepted: values, missing, summary: reading.summary, usage: reading.usage, attempt: attempts } }];
  if (!missing.length) return { go: inFlow(ctx, step.onSuccess), effects: [{ kind: 'fields', set: values }, remember(undefined)], consumed: true, events };
  if (attempts >= step.maxAttempts) {
    return { end: { status: 'manual', reason: msg('screenshotNotRecognised', { attempts }) }, consumed: true, events, effects: [remember(undefined)] };
  }
  if (step.onNotRecognised) return { go: inFlow(ctx, step.onNotRecognised), consumed: true, events, effects: [remember(attempts)] };
  const text = step.notRecognisedText ? ctx.render(step.notRecognisedText) : '';
  return { send: text ? [{ text }] : [], block: { kind: 'reply' }, state: { attempts }, consumed: true, events, effects: [remember(attempts)] };
}

