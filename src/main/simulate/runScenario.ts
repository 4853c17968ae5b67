import { DateTime } from 'luxon';
import { englishText } from '../../shared/appMessage';
import { durationMs, type Script } from '../../shared/script';
import type { Scenario, ScenarioAction, ScriptedAiTurn } from '../../shared/scenario';
import { LocalOcr } from '../ai/ocr';
import { createResilientAi } from '../ai/resilientAi';
import { eventsOfType, eventTypesSince, lastEventId } from '../db/repositories/eventsRepo';
import { messagesAfter } from '../db/repositories/messagesRepo';
import type { AiPort, HttpPort } from '../engine/ports';
import { checkExpectation, type LastAction } from './expectations';
import { sendPostbackOverHttp } from './httpPostback';
import { sendParsedPostback } from './parsedPostback';
import { ScriptedAi } from './scriptedAi';
import { ScriptedHttp } from './scriptedHttp';
import { createSimulationWorld, type SimulationWorld } from './simulationWorld';

export interface TranscriptLine {
  at: number;
  kind: 'lead' | 'bot' | 'operator' | 'system' | 'expect' | 'fail';
  text: string;
}

export interface ScenarioOutcome {
  ok: boolean;
  transcript: TranscriptLine[];
  failures: { action: number; message: string }[];
  final: { flow: string | null; step: string | null; status: string; tags: string[]; fields: Record<string, string | number>; stepErrors: string[] };
}

export type AiMode = 'scripted' | 'offline';

/** Runs a scenario against a script on the production funnel and a virtual clock; never touches the network. */
export interface RunOptions {
  /** `scripted`/`offline`, or an AI port the caller composed as the app does (resilient around a provider). */
  ai: AiMode | AiPort;
  /** Where relative photo paths of the scenario are read from by local OCR (default: the working folder). */
  photoDir?: string;
  dbPath?: string;
  /** Real outbound HTTP for webhooks and tracker events (`--real-http`); by default nothing is sent. */
  http?: HttpPort;
  /** Called before each action with what that action scripts for the AI (endpoint tests program their server with it). */
  onAiTurn?: (turn: ScriptedAiTurn | undefined, now: number) => void;
  /** Called after each action has settled (property tests check invariants on the world here). */
  afterAction?: (world: SimulationWorld, action: ScenarioAction, index: number) => void;
}

export async function runScenario(script: Script, scenario: Scenario, options: RunOptions): Promise<ScenarioOutcome> {
  const scripted = options.ai === 'scripted' ? new ScriptedAi() : undefined;
  // The app's resilient AI path around the scripted provider (or none, offline): a scripted outage
  // falls back to keyword routing and local OCR exactly as production does.
  const ocr = typeof options.ai === 'object' ? undefined : new LocalOcr();
  const ai: AiPort =
    typeof options.ai === 'object' ? options.ai : createResilientAi({ provider: () => scripted, ocr: ocr as LocalOcr, dataDir: options.photoDir ?? process.cwd() });
  const http = new ScriptedHttp(scenario.webhooks);
  const world = createSimulationWorld({
    script,
    ai,
    start: Date.parse(scenario.start),
    seed: scenario.seed,
    lead: scenario.lead,
    tracker: scenario.tracker,
    fields: scenario.fields,
    debounceMs: scenario.settings.debounce ? durationMs(scenario.settings.debounce) : 0,
    stopWords: scenario.settings.stopWords,
    dbPath: options.dbPath,
    // Real outbound requests only when asked for (`--real-http`); else the scenario's scripted answers.
    http: options.http ?? http,
  });
  const transcript: TranscriptLine[] = [];
  const failures: ScenarioOutcome['failures'] = [];
  let seenId = 0;
  let httpSeen = 0;
  let last: LastAction = { sent: [], events: [] };
  const log = (kind: TranscriptLine['kind'], text: string): void => {
    transcript.push({ at: world.clock.now(), kind, text });
  };
  /** Collects what the bot queued since the last look, so `expect.sent` sees exactly one action's output. */
  const collect = (): string[] => {
    const fresh = messagesAfter(world.db, world.leadId, seenId);
    seenId = fresh.at(-1)?.id ?? seenId;
    const out = fresh.filter((m) => m.direction === 'out');
    for (const m of out) transcript.push({ at: m.ts, kind: m.sender === 'operator' ? 'operator' : 'bot', text: m.media ? `[${m.media.kind}] ${m.text}` : m.text });
    return out.map((m) => m.text);
  };

  let current = 0;
  let lastStatus: string | undefined;
  try {
    for (const [index, action] of scenario.actions.entries()) {
      current = index;
      if ('expect' in action) {
        const problems = checkExpectation(world, action.expect, last);
        log(problems.length ? 'fail' : 'expect', problems.length ? problems.join('; ') : `ok ${JSON.stringify(action.expect)}`);
        for (const message of problems) failures.push({ action: index, message });
        continue;
      }
      const turn = 'ai' in action ? action.ai : undefined;
      scripted?.setTurn(turn);
      options.onAiTurn?.(turn, world.clock.now());
      const eventMark = lastEventId(world.db);
      await perform(world, action, log);
      for (const call of http.calls.slice(httpSeen)) log('system', `${call.method} ${call.url} → ${call.outcome}`);
      httpSeen = http.calls.length;
      last = { sent: collect(), events: eventTypesSince(world.db, world.leadId, eventMark) };
      options.afterAction?.(world, action, index);
      const lead = world.store.lead(world.leadId);
      if (lead && lead.status !== lastStatus && lead.status !== 'waiting') log('system', `status: ${lead.status}${lead.statusReason ? ` — ${englishText(lead.statusReason)}` : ''}`);
      lastStatus = lead?.status;
    }
  } catch (error) {
    // A broken scenario step (e.g. release to an unknown step) fails the run; it never crashes it.
    const message = error instanceof Error ? error.message : String(error);
    log('fail', message);
    failures.push({ action: current, message });
  }
  await world.stopTracker?.();
  await ocr?.close();
  {
    const lead = world.store.lead(world.leadId);
    const script = world.store.script(world.scriptId);
    const outcome = {
      flow: lead?.position ? (script?.flowById.get(lead.position.flowId)?.name ?? lead.position.flowId) : null,
      step: lead?.position ? (script?.stepById.get(lead.position.stepId)?.step.title || lead.position.stepId) : null,
      status: lead?.status ?? 'unknown',
      tags: lead?.tags ?? [],
      fields: lead?.fields ?? {},
      stepErrors: eventsOfType(world.db, world.leadId, 'step.error').map((e) => String(e.error)),
    };
    world.close();
    return { ok: failures.length === 0, transcript, failures, final: outcome };
  }
}

async function perform(world: SimulationWorld, action: Exclude<ScenarioAction, { expect: unknown }>, log: (kind: TranscriptLine['kind'], text: string) => void): Promise<void> {
  const { engine, clock, leadId } = world;
  if ('say' in action) {
    log('lead', action.say);
    await world.receive(action.say);
  } else if ('photo' in action) {
    log('lead', `[photo ${action.photo}]${action.caption ? ` ${action.caption}` : ''}`);
    await world.receive(action.caption ?? '', { kind: 'photo', path: action.photo });
  } else if ('postback' in action) {
    const postback = action.postback;
    if ('http' in postback) {
      const { status, outcome } = await sendPostbackOverHttp(world, postback.preset, postback.http);
      log('system', `postback over HTTP (${postback.preset}) → ${status} ${outcome}`);
      return;
    }
    const { event, payout, currency } = postback;
    const outcome = await sendParsedPostback(world, postback);
    log('system', `postback ${event}${payout !== undefined ? ` ${payout}${currency ? ` ${currency}` : ''}` : ''} → ${outcome}`);
  } else if ('advance' in action) {
    const target = clock.now() + durationMs(action.advance);
    log('system', `advance ${action.advance}`);
    await world.advanceTo(target);
  } else {
    const op = action.operator;
    if ('takeover' in op) await engine.operator(leadId, { kind: 'takeover' });
    else if ('stop' in op) await engine.operator(leadId, { kind: 'stop' });
    else if ('say' in op) await engine.operator(leadId, { kind: 'say', text: op.say });
    else {
      const script = world.store.script(world.scriptId);
      const target = op.release === true ? undefined : [...(script?.stepById.values() ?? [])].find((e) => e.step.id === op.release || e.step.title === op.release);
      if (op.release !== true && !target) throw new Error(`operator.release: no step "${op.release}"`);
      await engine.operator(leadId, { kind: 'release', to: target ? { flowId: target.flowId, stepId: target.step.id } : undefined });
    }
    log('system', `operator ${Object.keys(op)[0]}`);
  }
  // As the app's scheduler does: whatever the action made due now (a timer restored overdue) fires now.
  await world.advanceTo(clock.now());
}

/** A transcript timestamp in the script's timezone, e.g. `2026-03-02 12:00:05`. */
export function formatTime(at: number, zone = 'utc'): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-LL-dd HH:mm:ss');
}
