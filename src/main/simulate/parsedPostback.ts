import { getPostback, lastPostbackId } from '../db/repositories/postbacksRepo';
import type { SimulationWorld } from './simulationWorld';

/**
 * The scenario's direct form `{"postback": {"event": …}}`: parsed already, but stored and
 * de-duplicated (click id, event, transaction id) and processed exactly as the listener's requests.
 */
export async function sendParsedPostback(
  world: SimulationWorld,
  postback: { event: string; payout?: number; currency?: string; tid?: string; clickid?: string },
): Promise<string> {
  const clickId = postback.clickid ?? world.store.lead(world.leadId)?.tracker.clickid;
  if (!clickId) throw new Error('postback: the lead has no click id yet (give the scenario a tracker.clickid, or postback.clickid)');
  const before = lastPostbackId(world.db);
  const stored = await world.tracker.acceptParsed(
    { clickId, event: postback.event, status: postback.event, amount: postback.payout ?? null, currency: postback.currency ?? null, transactionId: postback.tid ?? null, fields: {} },
    { method: 'SIM', remoteIp: null, preset: null, raw: { simulated: postback } },
  );
  await world.settle();
  const row = lastPostbackId(world.db) > before ? getPostback(world.db, stored.id) : undefined;
  return stored.duplicate ? 'duplicate (not applied)' : `${row?.outcome ?? 'unknown'}${row?.error ? `: ${row.error}` : ''}`;
}
