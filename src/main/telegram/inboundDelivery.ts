import { msg } from '../../shared/appMessage';
import type { Db } from '../db/connection';
import { insertOwnerMessage, setIncomingMedia } from '../db/repositories/messagesRepo';
import { isOwnOutgoing, knownPeer } from '../db/repositories/telegramStateRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { Engine } from '../engine/engine';
import type { Clock } from '../engine/ports';
import type { IncomingMedia } from '../engine/types';
import { handInbound, storeInbound, type InboundMessage, type StoredInbound } from '../inbound/receiveMessage';
import type { Logger } from '../log';
import type { TrackerService } from '../tracker/trackerService';
import type { CandidateMedia, IncomingCandidate } from './incomingMessages';

export interface InboundDeliveryDeps {
  accountId: number;
  db: Db;
  writes: WriteQueue;
  engine: Engine;
  clock: Clock;
  log: Logger;
  tracker?: Pick<TrackerService, 'attributeInbound' | 'applyPendingPostbacks'>;
  scriptId(): number | null;
  download(peerId: string, media: CandidateMedia): Promise<IncomingMedia>;
  /** The per-account setting: the owner writing from another device puts the chat in manual. */
  ownerRepliesTakeOver(): boolean;
  /** A message id one of our own sends got in this run. */
  isOwnSend(telegramId: number): boolean;
  /** A turn may have queued replies. */
  turnDone(): void;
  /** First retry of a failed turn after this long (doubling); default 2 s. */
  retryMs?: number;
}

const maxTurnRetries = 8;

/**
 * What happens to a message after the update processor hands it over. Storing is the only part on
 * the ordered update path (its promise is what the processor waits for); downloads and the funnel's
 * turn run after it, in order per chat but never holding other chats. A turn that fails leaves the
 * message stored and unhandled and is tried again here (and by the engine's recovery at start-up);
 * it never sends the update processor back to Telegram for a message it already has.
 */
export class InboundDelivery {
  /** Per chat: the tail of its downloads and turns, so a chat's messages reach the funnel in order. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly deps: InboundDeliveryDeps) {}

  /** Starts storing each message in order; each promise settles once its message is stored. */
  deliver(candidates: IncomingCandidate[]): Promise<unknown>[] {
    return candidates.map((c) => (c.out ? this.ownerMessage(c) : this.leadMessage(c)));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** Resolves when every chat's downloads and turns so far are done. */
  async idle(): Promise<void> {
    let chains: Promise<void>[];
    do {
      chains = [...this.chains.values()];
      await Promise.all(chains);
    } while (chains.length !== this.chains.size || [...this.chains.values()].some((c, i) => c !== chains[i]));
  }

  private leadMessage(c: IncomingCandidate): Promise<StoredInbound> {
    const { db, writes, accountId, clock } = this.deps;
    const inbound: InboundMessage = {
      lead: { accountId, ...(c.profile ?? { peerId: c.peerId }) },
      scriptId: this.deps.scriptId(),
      message: {
        telegramId: c.telegramId,
        text: c.text,
        // Stored at once with an empty path: the chat shows it is coming, the download fills it in.
        ...(c.media ? { media: { kind: c.media.kind, path: '', ...(c.media.emoji ? { emoji: c.media.emoji } : {}), ...(c.media.fileName ? { fileName: c.media.fileName } : {}) } } : {}),
        ts: c.ts || clock.now(),
      },
    };
    const stored = storeInbound(db, writes, inbound, this.deps.tracker);
    this.then(c.peerId, async () => {
      const s = await stored;
      if (s.messageId === undefined) return; // seen before: handled (or recovered) already
      const messageId = s.messageId;
      if (c.media) {
        const media = await this.deps.download(c.peerId, c.media);
        await writes.run(() => setIncomingMedia(db, messageId, media));
      }
      await this.turn(s, 0, c.peerId);
    });
    return stored;
  }

  /**
   * An outgoing message in a lead's chat that Voronka did not send: the owner answered from their
   * phone. Stored as an operator message; with the setting on, the chat goes to manual so the
   * funnel does not talk over them. Chats without a lead are none of our business (inbound only).
   */
  private async ownerMessage(c: IncomingCandidate): Promise<void> {
    const { db, writes, accountId, engine, log } = this.deps;
    const lead = knownPeer(db, accountId, c.peerId);
    if (!lead) return;
    if (this.deps.isOwnSend(c.telegramId) || isOwnOutgoing(db, accountId, c.peerId, c.telegramId, c.text)) return;
    const inserted = await writes.run(() => insertOwnerMessage(db, lead.leadId, c.telegramId, c.text || '[media]', c.ts || this.deps.clock.now()));
    if (!inserted || !this.deps.ownerRepliesTakeOver()) return;
    this.then(c.peerId, () =>
      engine.operator(lead.leadId, { kind: 'takeover', reason: msg('ownerWrote') }).catch((error: unknown) => {
        log.error('owner takeover failed', { leadId: lead.leadId, error });
      }),
    );
  }

  private then(peerId: string, task: () => Promise<void>): void {
    const next = (this.chains.get(peerId) ?? Promise.resolve())
      .then(task)
      .catch((error: unknown) => this.deps.log.error('incoming message follow-up failed', { peerId, error }));
    this.chains.set(peerId, next);
    void next.then(() => {
      if (this.chains.get(peerId) === next) this.chains.delete(peerId);
    });
  }

  private async turn(stored: StoredInbound, attempt: number, peerId: string): Promise<void> {
    if (this.stopped) return;
    try {
      if (attempt === 0) await handInbound(this.deps.engine, stored, this.deps.tracker);
      else await this.deps.engine.incomingMessage(stored.leadId); // whatever is unhandled by now
      this.deps.turnDone();
    } catch (error) {
      const delay = (this.deps.retryMs ?? 2_000) * 2 ** attempt;
      this.deps.log.error('the funnel turn failed; the message stays stored and will be handled again', { leadId: stored.leadId, attempt, retryInMs: delay, error });
      if (attempt + 1 >= maxTurnRetries) return; // the engine's recovery at start-up still has it
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.then(peerId, () => this.turn(stored, attempt + 1, peerId));
      }, delay);
      timer.unref?.();
      this.timers.add(timer);
    }
  }
}
