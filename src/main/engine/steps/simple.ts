import { msg, textMessage } from '../../../shared/appMessage';
import { inFlow, type StepContext, type StepExecutor, type StepResult } from './executor';

/** Steps that act at once and move on: tag, set_field, manual, goto, end, note. */

function onward(ctx: StepContext<{ next?: string }>): StepResult {
  return ctx.step.next ? { go: inFlow(ctx, ctx.step.next) } : { end: { status: 'finished', reason: msg('flowEnded') } };
}

export const tag: StepExecutor<'tag'> = {
  execute: (ctx) => ({ effects: [{ kind: 'tags', add: ctx.step.add, remove: ctx.step.remove }], ...onward(ctx) }),
};

export const setField: StepExecutor<'set_field'> = {
  execute: (ctx) => ({
    effects: [{ kind: 'fields', set: Object.fromEntries(ctx.step.assignments.map((a) => [a.key, ctx.render(a.value)])) }],
    ...onward(ctx),
  }),
};

export const manual: StepExecutor<'manual'> = {
  execute: (ctx) => ({ end: { status: 'manual', reason: ctx.step.reason ? textMessage(ctx.step.reason) : msg('handedByScript', { step: ctx.step.title || ctx.step.id }) } }),
};

export const goto: StepExecutor<'goto'> = {
  execute: (ctx) => ({ go: inFlow(ctx, ctx.step.target) }),
};

export const end: StepExecutor<'end'> = {
  execute: () => ({ end: { status: 'finished', reason: msg('endStep') } }),
};

/** Canvas annotation; if wired into a path it simply passes the lead on. */
export const note: StepExecutor<'note'> = {
  execute: (ctx) => onward(ctx),
};
