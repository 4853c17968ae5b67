import { bodyKind, renderBodyTemplate, renderUrlTemplate } from '../../shared/script';
import type { Db } from '../db/connection';
import { appendEvent } from '../db/repositories/eventsRepo';
import { loadLeadSnapshot } from '../db/repositories/leadsRepo';
import { getScript } from '../db/repositories/scriptsRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { HttpPort } from '../engine/ports';
import type { Logger } from '../log';

export interface TrackerEventRequest {
  leadId: number;
  /** Postback URL template, e.g. `https://trk.example/postback?subid={{tracker.clickid}}&status=lead&payout={{event.amount}}`. */
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  /** The event being reported: `{{event.name}}`, `{{event.amount}}`, `{{event.currency}}`, `{{event.tid}}`. */
  event?: { name: string; amount?: number | null; currency?: string | null; transactionId?: string | null };
  retries?: number;
  timeoutMs?: number;
}

export interface TrackerEventResult {
  ok: boolean;
  url: string;
  status: number | null;
  error: string | null;
}

export interface SendTrackerEventDeps {
  db: Db;
  writes: WriteQueue;
  http: HttpPort;
  now: () => number;
  log: Logger;
}

/**
 * "Send event to tracker": fills a postback URL template for a lead (values percent-encoded, since
 * they land in a URL), posts it with the HTTP port's retries and backoff, and records the outcome
 * in the lead's timeline (`tracker.s2s_sent` / `tracker.s2s_failed`). A template that needs the
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

  let result: TrackerEventResult;
  if (templateError !== null) {
    result = { ok: false, url, status: null, error: templateError };
  } else if (/\{\{\s*tracker\.clickid\s*\}\}/.test(request.url + (request.body ?? '')) && !lead.tracker.clickid) {
    result = { ok: false, url, status: null, error: 'The lead has no click id' };
  } else {
    try {
      const response = await deps.http.request({ method: request.method ?? 'GET', url, body, headers: {}, timeoutMs: request.timeoutMs ?? 10_000, retries: request.retries ?? 3, allowLocal });
      result = response.status < 400 ? { ok: true, url, status: response.status, error: null } : { ok: false, url, status: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      result = { ok: false, url, status: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
  await deps.writes.run(() =>
    appendEvent(deps.db, {
      type: result.ok ? 'tracker.s2s_sent' : 'tracker.s2s_failed',
      leadId: lead.id,
      accountId: lead.accountId,
      ts: deps.now(),
      payload: { url: result.url, status: result.status, error: result.error, event: event?.name ?? null },
    }),
  );
  if (!result.ok) deps.log.warn('tracker event not delivered', { leadId: lead.id, status: result.status, error: result.error });
  return result;
}
