import type { StepOf } from '../../../shared/script';
import { sampleBeta } from '../../../shared/stats/beta';
import { inFlow, type StepContext, type StepExecutor } from './executor';

type Variant = StepOf<'ab_router'>['variants'][number];

/** Splits leads between variants; a lead keeps its variant for good (sticky), and the draw is recorded. */
export const abRouter: StepExecutor<'ab_router'> = {
  execute(ctx) {
    const { step } = ctx;
    const known = step.variants.find((v) => v.id === ctx.lead.variants[step.id]);
    if (known) return { go: inFlow(ctx, known.target) };
    const live = step.variants.filter((v) => v.weight > 0);
    const variant = step.mode === 'auto' && step.goalEvent ? thompson(ctx, live, step.goalEvent) : weighted(live, ctx.random());
    return {
      go: inFlow(ctx, variant.target),
      effects: [{ kind: 'variant', routerId: step.id, variantId: variant.id }],
      events: [{ type: 'ab.assigned', payload: { routerId: step.id, variantId: variant.id, mode: step.mode } }],
    };
  },
};

function weighted(variants: Variant[], draw: number): Variant {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  let point = draw * total;
  for (const v of variants) {
    point -= v.weight;
    if (point < 0) return v;
  }
  return variants[variants.length - 1] as Variant;
}

/** Thompson sampling: draw each variant's conversion rate from its Beta posterior, take the best. */
function thompson(ctx: StepContext<StepOf<'ab_router'>>, variants: Variant[], goalEvent: string): Variant {
  const stats = new Map(ctx.abStats(ctx.step.id, goalEvent).map((s) => [s.variantId, s]));
  let best = variants[0] as Variant;
  let bestDraw = -1;
  for (const v of variants) {
    const s = stats.get(v.id);
    const draw = sampleBeta(1 + (s?.converted ?? 0), 1 + (s ? s.assigned - s.converted : 0), ctx.random);
    if (draw > bestDraw) {
      best = v;
      bestDraw = draw;
    }
  }
  return best;
}
