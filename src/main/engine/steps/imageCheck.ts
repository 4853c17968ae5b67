import { compileUserRegex, type StepOf } from '../../../shared/script';
import { AiUnavailableError } from '../ports';
import type { IncomingMessage } from '../types';
import { inFlow, type StepContext, type StepExecutor, type StepResult } from './executor';

type Ctx = StepContext<StepOf<'image_check'>>;

/** Asks for a screenshot, reads the requested values from it, checks them and writes them to fields. */
export const imageCheck: StepExecutor<'image_check'> = {
  async execute(ctx) {
    const photo = lastPhoto(ctx.input);
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

async function check(ctx: Ctx, photo: IncomingMessage): Promise<StepResult> {
  const { step } = ctx;
  const attempts = Number(ctx.state.attempts ?? 0) + 1;
  let reading;
  try {
    reading = await ctx.ai.readImage({ imagePath: photo.media?.path ?? '', tasks: step.tasks.map(({ field, instruction }) => ({ field, instruction })) });
  } catch (error) {
    if (!(error instanceof AiUnavailableError)) throw error;
    return { end: { status: 'manual', reason: `Could not read the screenshot: ${error.message}` }, consumed: true, events: [{ type: 'ai.failed', payload: { stepId: step.id, call: 'image', reason: error.message } }] };
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
  if (!missing.length) return { go: inFlow(ctx, step.onSuccess), effects: [{ kind: 'fields', set: values }], consumed: true, events };
  if (attempts >= step.maxAttempts) {
    return { end: { status: 'manual', reason: `The screenshot was not recognised after ${attempts} attempts` }, consumed: true, events };
  }
  if (step.onNotRecognised) return { go: inFlow(ctx, step.onNotRecognised), consumed: true, events };
  const text = step.notRecognisedText ? ctx.render(step.notRecognisedText) : '';
  return { send: text ? [{ text }] : [], block: { kind: 'reply' }, state: { attempts }, consumed: true, events };
}

/** The pattern's first group if it has one, else the whole match; undefined when it does not match. */
export function extractByPattern(raw: string, pattern: string): string | undefined {
  const match = compileUserRegex(pattern)?.exec(raw);
  if (!match) return undefined;
  return (match[1] ?? match[0]).trim() || undefined;
}
