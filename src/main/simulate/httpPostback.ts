import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPostback, lastPostbackId } from '../db/repositories/postbacksRepo';
import { WriteQueue } from '../db/writeQueue';
import { createLogger } from '../log';
import { createSecretBox } from '../secrets/secretBox';
import { createTrackerService, type TrackerService } from '../tracker/trackerService';
import type { SimulationWorld } from './simulationWorld';

const services = new WeakMap<SimulationWorld, { tracker: TrackerService; endpoint: string }>();

/**
 * Sends a scenario's postback the way a tracker would: the real listener on port 0 over HTTP, with
 * the preset's parsing, dedupe and auto actions. A query string goes as GET, a JSON object as POST.
 */
export async function sendPostbackOverHttp(world: SimulationWorld, preset: string, http: string): Promise<{ status: number; outcome: string }> {
  let running = services.get(world);
  if (!running) {
    const dir = mkdtempSync(join(tmpdir(), 'voronka-sim-tracker-'));
    const tracker = createTrackerService({
      db: world.db,
      writes: new WriteQueue(world.db),
      engine: world.engine,
      secrets: createSecretBox(dir),
      log: createLogger('simulate.tracker', { level: 'error' }),
      clock: world.clock,
      settings: { enabled: true, host: '127.0.0.1', port: 0 },
    });
    const status = await tracker.start();
    if (!status.endpoint) throw new Error(`The postback listener did not start: ${status.error ?? 'unknown reason'}`);
    running = { tracker, endpoint: status.endpoint };
    services.set(world, running);
    world.stopTracker = async () => {
      await tracker.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const body = http.trim();
  const isJson = body.startsWith('{');
  const url = `${running.endpoint}/${encodeURIComponent(preset)}${isJson ? '' : `?${body.replace(/^\?/, '')}`}`;
  const before = lastPostbackId(world.db);
  const response = await fetch(url, isJson ? { method: 'POST', headers: { 'content-type': 'application/json' }, body } : {});
  await running.tracker.idle();
  await world.engine.idle();
  const id = lastPostbackId(world.db);
  const row = id > before ? getPostback(world.db, id) : undefined;
  return { status: response.status, outcome: row ? `${row.outcome}${row.error ? `: ${row.error}` : ''}` : (await response.text()).slice(0, 200) };
}
