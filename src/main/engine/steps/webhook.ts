import { msg } from '../../../shared/appMessage';
import { bodyKind, durationMs, renderBodyTemplate, renderUrlTemplate } from '../../../shared/script';
import { macroContextForLead } from '../render';
import { inFlow, type StepExecutor } from './executor';

/**
 * Calls an outside URL (a tracker postback, a CRM) with the lead's data; values of a JSON response
 * can be written to fields. A failure is logged for the operator and the lead goes to `onError`,
 * else on to `next`: a notification that failed must not stall the conversation.
 */
export const webhook: StepExecutor<'webhook'> = {
  async execute(ctx) {
    const { step } = ctx;
    const macros = macroContextForLead(ctx.lead, ctx.script);
    // Shown in the timeline even when filling it in fails.
    let url = ctx.render(step.url);
    const headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, ctx.render(v)]));
    const onward = (target: string | undefined) =>
      target ? { go: inFlow(ctx, target) } : { end: { status: 'finished' as const, reason: msg('flowEnded') } };
    try {
      // Lead values are encoded for where they land, so they cannot reshape the URL or the body.
      url = renderUrlTemplate(step.url, macros);
      const body = step.body !== undefined ? renderBodyTemplate(step.body, macros, bodyKind(step.body, step.headers)) : undefined;
      const response = await ctx.http.request({
        method: step.method,
        url,
        body,
        headers,
        timeoutMs: durationMs(step.timeout),
        retries: step.retries,
        followRedirects: step.followRedirects,
        allowLocal: ctx.script.body.allowLocalTargets,
      });
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
        events: [{ type: 'webhook.sent', payload: { stepId: step.id, method: step.method, url, status: response.status, saved: fields, ...(response.simulated ? { simulated: true } : {}) } }],
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
