import { msg } from '../../../shared/appMessage';
import { ruleHolds } from '../conditions';
import { inFlow, type StepExecutor } from './executor';

/** First branch whose rules hold wins; no match → `else`, or a human when there is none. */
export const condition: StepExecutor<'condition'> = {
  execute(ctx) {
    const zone = ctx.script.body.timezone;
    const branch = ctx.step.branches.find((b) => {
      const results = b.rules.map((rule) => ruleHolds(rule, ctx.lead, ctx.now, zone));
      return b.match === 'all' ? results.every(Boolean) : results.some(Boolean);
    });
    const events = [{ type: 'condition.matched', payload: { stepId: ctx.step.id, branchId: branch?.id ?? null } }];
    if (branch) return { go: inFlow(ctx, branch.target), events };
    if (ctx.step.else) return { go: inFlow(ctx, ctx.step.else), events };
    return { end: { status: 'manual', reason: msg('noBranchMatched', { step: ctx.step.title || ctx.step.id }) }, events };
  },
};
