import type { StepExecutor } from './executor';

/** Continues the lead in another flow, at a chosen step or that flow's start. */
export const changeFlow: StepExecutor<'change_flow'> = {
  execute(ctx) {
    const flow = ctx.script.flowById.get(ctx.step.flow);
    if (!flow) throw new Error(`Flow ${ctx.step.flow} is missing`); // ruled out by validation
    return {
      go: { flowId: flow.id, stepId: ctx.step.step ?? flow.start },
      events: [{ type: 'flow.changed', payload: { from: ctx.flowId, to: flow.id } }],
    };
  },
};
