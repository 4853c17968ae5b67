import { msg } from '../../../shared/appMessage';
import { bodyKind, durationMs, renderBodyTemplate, renderUrlTemplate, type StepOf } from '../../../shared/script';
import { attemptOutbound, outboundRetryDelayMs } from '../outbound';
import { macroContextForLead } from '../render';
import { inFlow, type StepContext, type StepExecutor, type StepResult } from './executor';

type Ctx = StepContext<StepOf<'webhook'>>;

/**
 * Calls an outside URL (a tracker postback, a CRM) with the lead's data; values of a JSON response
 * can be written to fields. A failure that may pass (network, timeout, 429, 5xx) keeps the lead at
 * this step and tries again from a durable timer (30 s, 2 min, 8 min… — it survives a restart), up
 * to the step's `retries`; every attempt is logged. When none is left, or the request cannot succeed
 * (refused address or redirect, other 4xx), the failure is logged and the lead goes to `onError`,
 * else on to `next`: a notification that failed must not stall the conversation for good.
 */
export const webhook: StepExecutor<'webhook'> = {
  execute(ctx) {
    return attempt(ctx, 1);
  },

  resume(ctx, wake) {
    if (wake.kind === 'timer') return attempt(ctx, Number(ctx.state.attempt ?? 0) + 1, typeof ctx.state.idempotencyKey === 'string' ? ctx.state.idempotencyKey : undefined);
    // A reply while the next attempt is pending is kept for the step after this one.
    const keep: StepResult = { block: { kind: 'timer', dueAt: Number(ctx.state.dueAt ?? ctx.now) }, state: ctx.state };
    if (wake.kind === 'event') return keep;
    const queued = [...(ctx.lead.memo.queuedMessageIds ?? []), ...wake.messages.map((m) => m.id)];
    return { ...keep, consumed: true, effects: [{ kind: 'memo', set: { queuedMessageIds: queued } }] };
  },
};

/** `key`: the call's idempotency key kept from its first attempt (a fresh visit makes a new one). */
async function attempt(ctx: Ctx, n: number, key?: string): Promise<StepResult> {
  const { step } = ctx;
  const idempotencyKey = key ?? ctx.idempotencyKey();
  const macros = macroContextForLead(ctx.lead, ctx.script);
  // Shown in the timeline even when filling it in fails.
  let url = ctx.render(step.url);
  const headers = Object.fromEntries(Object.entries(step.headers).map(([k, v]) => [k, ctx.render(v)]));
  const onward = (target: string | undefined) =>
    target ? { go: inFlow(ctx, target) } : { end: { status: 'finished' as const, reason: msg('flowEnded') } };
  const failed = (reason: string, extra: Record<string, unknown> = {}): StepResult => ({
    ...onward(step.onError ?? step.next),
    events: [{ type: 'webhook.failed', payload: { stepId: step.id, method: step.method, url, reason, attempt: n, ...extra } }],
  });
  let body: string | undefined;
  try {
    // Lead values are encoded for where they land, so they cannot reshape the URL or the body.
    url = renderUrlTemplate(step.url, macros);
    body = step.body !== undefined ? renderBodyTemplate(step.body, macros, bodyKind(step.body, step.headers)) : undefined;
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
  const result = await attemptOutbound(
    ctx.http,
    { method: step.method, url, body, headers, timeoutMs: durationMs(step.timeout), followRedirects: step.followRedirects, allowLocal: ctx.script.body.allowLocalTargets, idempotencyKey },
    n,
  );
  const log = { attempt: n, of: step.retries + 1, status: result.status, durationMs: result.durationMs };
  if (!result.ok || !result.response) {
    const reason = result.error ?? 'Request failed';
    if (result.retryable && n <= step.retries) {
      const dueAt = ctx.now + outboundRetryDelayMs(n);
      return {
        block: { kind: 'timer', dueAt },
        state: { attempt: n, dueAt, idempotencyKey },
        events: [{ type: 'webhook.retry', payload: { stepId: step.id, method: step.method, url, reason, ...log, retryAt: dueAt } }],
      };
    }
    return failed(reason, log);
  }
  const response = result.response;
  const fields: Record<string, string | number> = {};
  if (step.saveResponse.length) {
    let json: unknown;
    try {
      json = JSON.parse(response.body) as unknown;
    } catch {
      return failed('The response is not JSON', log);
    }
    for (const { field, path } of step.saveResponse) {
      const value = path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), json);
      if (typeof value === 'string' || typeof value === 'number') fields[field] = value;
    }
  }
  return {
    ...onward(step.next),
    effects: Object.keys(fields).length ? [{ kind: 'fields', set: fields }] : [],
    events: [{ type: 'webhook.sent', payload: { stepId: step.id, method: step.method, url, saved: fields, ...log, ...(response.simulated ? { simulated: true } : {}) } }],
  };
}
