import { durationMs } from '../../../shared/script';
import { inFlow, type StepExecutor } from './executor';

/**
 * Calls an outside URL (a tracker postback, a CRM) with the lead's data; values of a JSON response
 * can be written to fields. A failure is logged for the operator and the lead goes to `onError`,
 * else on to `next`: a notification that failed must not stall the conversation.
 */
export const webhook: StepExecutor<'webhook'> = {
  async execute(ctx) {
    const { step } = ctx;
    const url = ctx.render(step.url);
    const headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, ctx.render(v)]));
    const body = step.body !== undefined ? ctx.render(step.body) : undefined;
    const onward = (target: string | undefined) =>
      target ? { go: inFlow(ctx, target) } : { end: { status: 'finished' as const, reason: 'The flow ended' } };
    try {
      const response = await ctx.http.request({ method: step.method, url, body, headers, timeoutMs: durationMs(step.timeout), retries: step.retries });
      if (response.status >= 400) throw new Error(`HTTP ${response.status}`);
      const fields: Record<string, string | number> = {};
      if (step.saveResponse.length) {
        const json = JSON.parse(response.body) as unknown;
        for (const { field, path } of step.saveResponse) {
          const value = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), json);
          if (typeof value === 'string' || typeof value === 'number') fields[field] = value;
        }
      }
      return {
        ...onward(step.next),
        effects: Object.keys(fields).length ? [{ kind: 'fields', set: fields }] : [],
        events: [{ type: 'webhook.sent', payload: { stepId: step.id, method: step.method, url, status: response.status, saved: fields } }],
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ...onward(step.onError ?? step.next),
        events: [{ type: 'webhook.failed', payload: { stepId: step.id, method: step.method, url, reason } }],
      };
    }
  },
};
