import { msg } from '../../../shared/appMessage';
import { durationMs } from '../../../shared/script';
import type { Outgoing } from '../types';
import { inFlow, splitIntoMessages, type StepExecutor, type StepResult } from './executor';

/** Sends its texts/media in order; then moves on, or waits for the lead's answer first. */
export const message: StepExecutor<'message'> = {
  execute(ctx) {
    const send: Outgoing[] = [];
    for (const m of ctx.step.messages) {
      const text = ctx.render(m.text);
      const delayMs = m.delay ? durationMs(m.delay) : 0;
      if (m.media) {
        send.push({ text: text.trim(), media: m.media, delayMs });
        continue;
      }
      splitIntoMessages(text, ctx.step.splitLines).forEach((part, i) => send.push({ text: part, delayMs: i === 0 ? delayMs : 0 }));
    }
    // Sending answers whatever the lead just wrote: later steps of this turn must not answer it again.
    if (ctx.step.waitForReply) return { send, block: { kind: 'reply' }, consumed: send.length > 0 };
    return { send, ...onward(ctx.step.next, ctx), consumed: send.length > 0 };
  },

  resume(ctx, wake) {
    // The answer goes on, unconsumed, to the next step (e.g. an AI step that routes on it).
    if (wake.kind === 'message') return onward(ctx.step.next, ctx);
    return { block: { kind: 'reply' } };
  },
};

function onward(next: string | undefined, ctx: { flowId: string }): StepResult {
  return next ? { go: inFlow(ctx, next) } : { end: { status: 'finished', reason: msg('flowEnded') } };
}
