import { bodyKind, renderBodyTemplate, renderUrlTemplate } from '../../shared/script';
import type { Db } from '../db/connection';
import { appendEvent } from '../db/repositories/eventsRepo';
import { loadLeadSnapshot } from '../db/repositories/leadsRepo';
import { getScript } from '../db/repositories/scriptsRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { Engine } from '../engine/engine';
import { postbackAttempts } from '../engine/outbound';
import type { Logger } from '../log';

export interface TrackerEventRequest {
  leadId: number;
  /** Postback URL template, e.g. `https://trk.example/postback?subid={{tracker.clickid}}&status=lead&payout={{event.amount}}`. */
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  /** The event being reported: `{{event.name}}`, `{{event.amount}}`, `{{event.currency}}`, `{{event.tid}}`. */
  event?: { name: string; amount?: number | null; currency?: string | null; transactionId?: string | null };
  /** Retries after the first attempt, each a durable job (default 3). */
  retries?: number;
  timeoutMs?: number;
}

export interface TrackerEventResult {
  ok: boolean;
  url: string;
  status: number | null;
  error: string | null;
  /** The first attempt failed in a way that may pass: a durable job tries again (see the lead's timeline). */
  willRetry: boolean;
}

export interface SendTrackerEventDeps {
  db: Db;
  writes: WriteQueue;
  /** Makes the attempts in the lead's queue and schedules the durable retries. */
  engine: Pick<Engine, 'sendOutbound'>;
  now: () => number;
  log: Logger;
}

/**
 * "Send event to tracker": fills a postback URL template for a lead (values percent-encoded, since
 * they land in a URL), makes the first attempt now and leaves the retries to durable jobs (they
 * survive a restart); each attempt is logged in the lead's timeline (`tracker.s2s_sent`, `_retry`,
 * `_failed`). A template that needs the
 * click id is not sent for a lead without one: the tracker could not attribute it anyway.
 */
export async function sendTrackerEvent(deps: SendTrackerEventDeps, request: TrackerEventRequest): Promise<TrackerEventResult> {
  const lead = loadLeadSnapshot(deps.db, request.leadId);
  if (!lead) throw new Error(`No lead ${request.leadId}`);
  const event = request.event;
  const extra = { 'event.name': event?.name, 'event.amount': event?.amount, 'event.currency': event?.currency, 'event.tid': event?.transactionId };
  const macros = {
    lead: { first_name: lead.profile.firstName, last_name: lead.profile.lastName, username: lead.profile.username },
    fields: lead.fields,
    tracker: lead.tracker,
    variables: {},
  };
  const allowLocal = lead.scriptId !== null && (getScript(deps.db, lead.scriptId)?.body.allowLocalTargets ?? false);
  let url = request.url;
  let body: string | undefined;
  let templateError: string | null = null;
  try {
    // Values are encoded for where they land: a lead's name cannot add query parameters or JSON keys.
    url = renderUrlTemplate(request.url, macros, extra);
    body = request.body === undefined ? undefined : renderBodyTemplate(request.body, macros, bodyKind(request.body), extra);
  } catch (error) {
    templateError = error instanceof Error ? error.message : String(error);
  }

  if (templateError !== null || (/\{\{\s*tracker\.clickid\s*\}\}/.test(request.url + (request.body ?? '')) && !lead.tracker.clickid)) {
    const result: TrackerEventResult = { ok: false, url, status: null, error: templateError ?? 'The lead has no click id', willRetry: false };
    await deps.writes.run(() =>
      appendEvent(deps.db, {
        type: 'tracker.s2s_failed',
        leadId: lead.id,
        accountId: lead.accountId,
        ts: deps.now(),
        payload: { url: result.url, status: result.status, reason: result.error, event: event?.name ?? null },
      }),
    );
    deps.log.warn('tracker event not sent', { leadId: lead.id, error: result.error });
    return result;
  }
  const first = await deps.engine.sendOutbound(
    lead.id,
    { kind: 'postback', event: event?.name ?? null },
    { method: request.method ?? 'GET', url, body, headers: {}, timeoutMs: request.timeoutMs ?? 10_000, allowLocal },
    (request.retries ?? postbackAttempts - 1) + 1,
  );
  if (!first) throw new Error(`No lead ${request.leadId}`);
  const willRetry = !first.ok && first.retryable && (request.retries ?? postbackAttempts - 1) > 0;
  if (!first.ok) deps.log.warn('tracker event not delivered', { leadId: lead.id, status: first.status, error: first.error, willRetry });
  return { ok: first.ok, url, status: first.status, error: first.error, willRetry };
}
