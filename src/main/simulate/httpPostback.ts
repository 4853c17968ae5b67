import { getPostback, lastPostbackId } from '../db/repositories/postbacksRepo';
import type { SimulationWorld } from './simulationWorld';

const endpoints = new WeakMap<SimulationWorld, string>();

/**
 * Sends a scenario's postback the way a tracker would: the world's real listener on port 0 over
 * HTTP, with the preset's parsing, dedupe and auto actions. A query string goes as GET, a JSON object
 * as POST.
 */
export async function sendPostbackOverHttp(world: SimulationWorld, preset: string, http: string): Promise<{ status: number; outcome: string }> {
  let endpoint = endpoints.get(world);
  if (!endpoint) {
    const status = await world.tracker.start();
    if (!status.endpoint) throw new Error(`The postback listener did not start: ${status.error ?? 'unknown reason'}`);
    endpoint = status.endpoint;
    endpoints.set(world, endpoint);
    world.stopTracker = () => world.tracker.stop();
  }
  const body = http.trim();
  const isJson = body.startsWith('{');
  const url = `${endpoint}/${encodeURIComponent(preset)}${isJson ? '' : `?${body.replace(/^\?/, '')}`}`;
  const before = lastPostbackId(world.db);
  const response = await fetch(url, isJson ? { method: 'POST', headers: { 'content-type': 'application/json' }, body } : {});
  await world.settle();
  const id = lastPostbackId(world.db);
  const row = id > before ? getPostback(world.db, id) : undefined;
  return { status: response.status, outcome: row ? `${row.outcome}${row.error ? `: ${row.error}` : ''}` : (await response.text()).slice(0, 200) };
}
