import { msg } from '../../../shared/appMessage';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { EmulatorState } from '../../../shared/rpc/emulator';
import { validateScript } from '../../../shared/script';
import { defaultStopWords } from '../../../shared/stopWords';
import type { Db } from '../../db/connection';
import { leadTimeline } from '../../db/repositories/inboxRepo';
import { messagesAfter } from '../../db/repositories/messagesRepo';
import { getDraft, getScript } from '../../db/repositories/scriptsRepo';
import type { AiPort, HttpPort } from '../../engine/ports';
import { sendParsedPostback } from '../../simulate/parsedPostback';
import { createSimulationWorld, type SimulationWorld } from '../../simulate/simulationWorld';
import { AppFailure } from '../../appFailure';
import { outgoingMediaFile } from '../../media/mediaLibrary';
import type { RpcHandlers } from '../router';

type EmulatorHandlers = Pick<RpcHandlers, 'emulator.start' | 'emulator.say' | 'emulator.photo' | 'emulator.postback' | 'emulator.advance' | 'emulator.stop'>;

interface Session {
  world: SimulationWorld;
  dir: string;
  photos: number;
  postbacks: number;
  touchedAt: number;
  /** Photo previews by message id (files do not change once sent). */
  thumbs: Map<number, string | null>;
}

const imageTypes: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };
/** Larger photos are not inlined into the state (it travels on every emulator action). */
const maxThumbBytes = 3 * 1024 * 1024;

/** A photo as a data URL the chat can show, when the file is a readable image of a sane size. */
function photoUrl(media: { kind: string; path: string } | null, dataDir: string): string | null {
  if (!media || media.kind !== 'photo' || !media.path) return null;
  const type = imageTypes[extname(media.path).toLowerCase()];
  try {
    // An absolute path is a photo the emulated lead sent (written by the emulator); a script's
    // `media/…` path is read only inside the media folder, as when sending (outgoingMediaFile).
    const path = outgoingMediaFile(dataDir, media.path);
    if (!type || statSync(path).size > maxThumbBytes) return null;
    return `data:${type};base64,${readFileSync(path).toString('base64')}`;
  } catch {
    return null;
  }
}

const maxSessions = 20;
const idleMs = 60 * 60_000;

/**
 * The emulator: each session is a throwaway world (in-memory SQLite, virtual clock, the real engine)
 * with the app's AI port, so what the operator sees is what a lead would get — minus Telegram.
 */
export function emulatorHandlers(options: { db: Db; ai: AiPort; http: HttpPort; dataDir: string; stopWords: () => readonly string[] }): EmulatorHandlers & { closeAll(): void } {
  const sessions = new Map<string, Session>();

  const close = (id: string): void => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    session.world.close();
    rmSync(session.dir, { recursive: true, force: true });
  };
  const session = (id: string): Session => {
    const found = sessions.get(id);
    if (!found) throw new AppFailure('not_found', msg('emulatorEnded'));
    found.touchedAt = Date.now();
    return found;
  };
  const state = (id: string): EmulatorState => {
    const { world, thumbs } = session(id);
    const thumb = (m: { id: number; media: { kind: string; path: string } | null }): string | null => {
      if (!thumbs.has(m.id)) thumbs.set(m.id, photoUrl(m.media, options.dataDir));
      return thumbs.get(m.id) ?? null;
    };
    const lead = world.store.lead(world.leadId);
    const script = world.store.script(world.scriptId);
    if (!lead || !script) throw new AppFailure('internal', msg('emulatorLostLead'));
    const step = lead.position ? script.stepById.get(lead.position.stepId)?.step : undefined;
    return {
      sessionId: id,
      now: world.clock.now(),
      timezone: script.body.timezone,
      lead: {
        status: lead.status,
        statusReason: lead.statusReason,
        flowId: lead.position?.flowId ?? null,
        flowName: lead.position ? (script.flowById.get(lead.position.flowId)?.name ?? null) : null,
        stepId: lead.position?.stepId ?? null,
        stepTitle: step ? step.title || step.id : null,
        tags: lead.tags,
        fields: lead.fields,
        variants: lead.variants,
      },
      messages: messagesAfter(world.db, world.leadId, 0).map((m) => ({ id: m.id, direction: m.direction, sender: m.sender, text: m.text, media: m.media ? m.media.kind : null, mediaUrl: thumb(m), ts: m.ts })),
      events: leadTimeline(world.db, world.leadId, 300).reverse(),
      nextTimerAt: world.store.nextJobDueAt() ?? null,
    };
  };
  const act = async (id: string, run: (s: Session) => Promise<void>): Promise<EmulatorState> => {
    const s = session(id);
    await run(s);
    await s.world.engine.idle();
    return state(id);
  };

  return {
    'emulator.start': async ({ scriptId, startAt, useDraft, lead, tracker, realRequests }) => {
      const row = getScript(options.db, scriptId);
      if (!row) throw new AppFailure('not_found', msg('scriptMissing', { id: scriptId }));
      let script = row.body;
      if (useDraft) {
        const draft = getDraft(options.db, scriptId)?.draft;
        if (draft) {
          const result = validateScript(JSON.parse(draft));
          if (!result.ok) throw new AppFailure('invalid_input', msg('draftHasProblems', { count: result.problems.length }));
          script = result.script;
        }
      }
      for (const [oldest] of [...sessions.entries()].filter(([, s]) => Date.now() - s.touchedAt > idleMs)) close(oldest);
      if (sessions.size >= maxSessions) close([...sessions.keys()][0] as string);
      const id = randomUUID();
      const dir = join(options.dataDir, 'emulator', id);
      mkdirSync(dir, { recursive: true });
      const world = createSimulationWorld({
        script,
        ai: options.ai,
        // Webhooks and tracker events of a test chat reach nobody unless the operator turns that on.
        ...(realRequests ? { http: options.http } : {}),
        start: Date.now(),
        seed: Math.floor(Math.random() * 2 ** 31),
        lead: { first_name: lead.firstName, ...(lead.username ? { username: lead.username } : {}) },
        tracker,
        stopWords: options.stopWords() ?? defaultStopWords,
      });
      sessions.set(id, { world, dir, photos: 0, postbacks: 0, touchedAt: Date.now(), thumbs: new Map() });
      if (startAt) {
        if (!world.store.script(world.scriptId)?.stepById.has(startAt.stepId)) throw new AppFailure('not_found', msg('stepNotInScript', { step: startAt.stepId }));
        await world.engine.operator(world.leadId, { kind: 'release', to: startAt });
      }
      return state(id);
    },
    'emulator.say': ({ sessionId, text }) =>
      act(sessionId, ({ world }) => world.receive(text)),
    'emulator.photo': ({ sessionId, dataUrl, caption }) =>
      act(sessionId, async (s) => {
        const [, kind = 'png', base64 = ''] = /^data:image\/(png|jpeg|webp);base64,(.*)$/s.exec(dataUrl) ?? [];
        const path = join(s.dir, `photo-${++s.photos}.${kind === 'jpeg' ? 'jpg' : kind}`);
        writeFileSync(path, Buffer.from(base64, 'base64'));
        await s.world.receive(caption, { kind: 'photo', path });
      }),
    'emulator.postback': ({ sessionId, event, payout }) =>
      act(sessionId, async (s) => {
        // Through the listener's storage, de-duplication and processing, as a tracker's postback would
        // go; each press is a new transaction (a replay would apply once, as in production).
        if (!s.world.store.lead(s.world.leadId)?.tracker.clickid) {
          throw new AppFailure('invalid_input', msg('noClickIdYet'));
        }
        await sendParsedPostback(s.world, { event, ...(payout === null ? {} : { payout }), tid: `emulator-${++s.postbacks}` });
      }),
    'emulator.advance': ({ sessionId, ms }) => act(sessionId, ({ world }) => world.advanceTo(world.clock.now() + ms)),
    'emulator.stop': ({ sessionId }) => {
      close(sessionId);
      return { ok: true as const };
    },
    closeAll: () => {
      for (const id of [...sessions.keys()]) close(id);
    },
  };
}
