import { Api } from 'teleproto';
import type { UpdateState } from '../db/repositories/telegramStateRepo';
import type { Logger } from '../log';
import { classifyMessage, classifyShortMessage, usersById, type Classified, type IncomingCandidate } from './incomingMessages';
import { bannedErrors, describeError, floodWaitSeconds, loggedOutErrors, telegramErrorName } from './telegramErrors';

export interface UpdateProcessorDeps {
  invoke(request: Api.AnyRequest): Promise<unknown>;
  selfId(): string;
  isKnownPeer(peerId: string): boolean;
  /**
   * Starts storing each message in order; the promises settle once stored. What happens after the
   * store (downloads, the funnel's turn) is not the update path's business: its failures are
   * retried there, and never rewind the update state.
   */
  deliver(candidates: IncomingCandidate[]): Promise<Promise<unknown>[]>;
  /**
   * The chat partner read our messages up to Telegram id `maxId` (updateReadHistoryOutbox). Settles
   * once stored; a failure only loses a read mark, never the update state.
   */
  readOutbox?(peerId: string, maxId: number): Promise<void>;
  /** A call answered that the session is gone (logged out, revoked, banned): the connection takes over. */
  accountLost(error: unknown): void;
  loadState(): UpdateState | undefined;
  saveState(state: UpdateState): Promise<void>;
  log: Logger;
  /** How long to wait before retrying a failed catch-up (ms). */
  retryMs?: number;
  /**
   * After this long without any update, fetch the difference anyway: Telegram does not promise to
   * deliver every push (Telethon waits 15 minutes, the default here).
   */
  quietMs?: number;
}

const defaultQuietMs = 15 * 60_000;

/**
 * Gap recovery over Telegram's common update box (private chats), which teleproto does not do.
 * All work runs one task at a time: a live update whose pts follows ours is applied directly; an
 * old one is ignored; a gap, an unknown sender, a (re)connect, a new server session or a long quiet
 * period runs updates.getDifference from the stored state. The new state is saved only after every
 * message up to it is stored, and a failed *store* rewinds to the last saved state, so each message
 * is stored exactly once (re-deliveries are dropped by the messages table's unique Telegram id).
 * Stored is not processed: the funnel's turn runs after the store, and its failure is retried by
 * the connection, not by rewinding the update state.
 */
export class UpdateProcessor {
  private local: UpdateState | undefined;
  private queue: Promise<void> = Promise.resolve();
  private saving: Promise<void> = Promise.resolve();
  /** Bumped when a store failed and we rewound: saves started before it must not land. */
  private generation = 0;
  private broken = false;
  private catchUpQueued = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private quietTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: UpdateProcessorDeps) {}

  /** On connect and after every reconnect. Coalesced: one queued catch-up covers all requests. */
  catchUp(): Promise<void> {
    if (this.catchUpQueued) return this.queue;
    this.catchUpQueued = true;
    return this.enqueue(() => {
      this.catchUpQueued = false;
      return this.runDifference();
    });
  }

  /** A pushed update (already split out of its container by teleproto, with `_entities`). */
  live(update: unknown): void {
    this.quiet();
    void this.enqueue(() => this.applyLive(update));
  }

  /** (Re)arms the quiet-period catch-up: any update or catch-up pushes it back. */
  private quiet(): void {
    if (this.stopped) return;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      this.deps.log.debug('no updates for a while; fetching the difference');
      void this.catchUp();
    }, this.deps.quietMs ?? defaultQuietMs);
    this.quietTimer.unref?.();
  }

  /** Our own send advanced pts (updateShortSentMessage, affectedMessages). */
  ownPts(pts: number, ptsCount: number): void {
    void this.enqueue(async () => {
      if (!this.local) return; // the first catch-up sets the state (and covers this send)
      const verdict = this.check(pts, ptsCount);
      if (verdict === 'apply') this.advance({ ...this.local, pts }, []);
      else if (verdict === 'gap') await this.runDifference();
    });
  }

  /** Resolves when every queued update is handled and its state saved. */
  async idle(): Promise<void> {
    let queue: Promise<void>;
    let saving: Promise<void>;
    do {
      queue = this.queue;
      saving = this.saving;
      await queue;
      await saving;
    } while (queue !== this.queue || saving !== this.saving);
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.quietTimer) clearTimeout(this.quietTimer);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.stopped) return;
      try {
        await task();
      } catch (error) {
        this.failed(error);
      }
    });
    this.queue = run;
    return run;
  }

  private failed(error: unknown): void {
    const name = telegramErrorName(error);
    if (name && (loggedOutErrors.has(name) || bannedErrors.has(name))) {
      // Retrying with a dead session only repeats the refusal: the account must be signed in again.
      this.deps.accountLost(error);
      return;
    }
    const wait = floodWaitSeconds(error);
    const retryMs = wait !== undefined ? wait * 1000 : (this.deps.retryMs ?? 5_000);
    this.deps.log.warn('catch-up failed; retrying', { error: describeError(error), retryMs });
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.catchUp();
    }, retryMs);
    this.retryTimer.unref?.();
  }

  private state(): UpdateState {
    if (!this.local) throw new Error('update state used before the first catch-up');
    return this.local;
  }

  private check(pts: number, ptsCount: number): 'apply' | 'old' | 'gap' {
    const local = this.state().pts;
    if (local + ptsCount === pts) return 'apply';
    return pts <= local ? 'old' : 'gap';
  }

  private async applyLive(update: unknown): Promise<void> {
    if (update instanceof Api.UpdatesTooLong || !this.local) return this.runDifference();
    if (!hasCommonPts(update)) return;
    const verdict = this.check(update.pts, update.ptsCount);
    if (verdict === 'old') return;
    if (verdict === 'gap') return this.runDifference();
    let classified: Classified | undefined;
    if (update instanceof Api.UpdateShortMessage) {
      classified = classifyShortMessage(update, this.deps.selfId(), (peer) => this.deps.isKnownPeer(peer));
    } else if (update instanceof Api.UpdateNewMessage) {
      classified = classifyMessage(update.message, entitiesOf(update), this.deps.selfId());
    }
    // A sender we have no access hash for: the difference carries their user object.
    if (classified?.kind === 'unknown_user') return this.runDifference();
    await this.applyRead(update);
    const candidates = classified?.kind === 'lead' ? [classified.candidate] : [];
    const stored = await this.deps.deliver(candidates);
    this.advance({ ...this.state(), pts: update.pts }, stored);
  }

  private async runDifference(): Promise<void> {
    this.quiet();
    if (this.broken) {
      // A store failed: forget unsaved progress, and redo everything after the last saved state.
      this.generation += 1;
      this.broken = false;
      this.local = this.deps.loadState();
    }
    this.local ??= this.deps.loadState();
    if (!this.local) {
      // Never synced (an imported session): start from now rather than the account's whole history.
      const s = (await this.deps.invoke(new Api.updates.GetState())) as Api.updates.State;
      return this.advance({ pts: s.pts, qts: s.qts, date: s.date }, []);
    }
    for (;;) {
      const from = this.state();
      const diff = await this.deps.invoke(new Api.updates.GetDifference({ pts: from.pts, qts: from.qts, date: from.date }));
      if (diff instanceof Api.updates.DifferenceEmpty) return this.advance({ ...from, date: diff.date }, []);
      if (diff instanceof Api.updates.DifferenceTooLong) {
        // Telegram dropped the history between: what is in it cannot be fetched by difference.
        this.deps.log.warn('update gap too long; some messages cannot be recovered', { fromPts: from.pts, toPts: diff.pts });
        this.advance({ ...from, pts: diff.pts }, []);
        continue;
      }
      if (!(diff instanceof Api.updates.Difference || diff instanceof Api.updates.DifferenceSlice)) return;
      const users = usersById(diff.users);
      const candidates: IncomingCandidate[] = [];
      for (const message of diff.newMessages) {
        const c = classifyMessage(message, users, this.deps.selfId(), true);
        if (c.kind === 'lead') candidates.push(c.candidate);
        else if (c.kind === 'unknown_user') this.deps.log.warn('difference without the sender', { peerId: c.peerId });
      }
      const stored = await this.deps.deliver(candidates);
      for (const other of diff.otherUpdates) await this.applyRead(other);
      const next = diff instanceof Api.updates.Difference ? diff.state : diff.intermediateState;
      this.advance({ pts: next.pts, qts: next.qts, date: next.date }, stored);
      if (diff instanceof Api.updates.Difference) return;
    }
  }

  /** Our messages were read by the chat partner: their status shows it (a lost mark is only cosmetic). */
  private async applyRead(update: unknown): Promise<void> {
    if (!(update instanceof Api.UpdateReadHistoryOutbox) || !(update.peer instanceof Api.PeerUser) || !this.deps.readOutbox) return;
    await this.deps.readOutbox(update.peer.userId.toString(), update.maxId).catch((error: unknown) => this.deps.log.warn('storing a read mark failed', { error: describeError(error) }));
  }

  /** Moves the in-memory state now; saves it once everything stored so far is durable. */
  private advance(state: UpdateState, stored: Promise<unknown>[]): void {
    this.local = state;
    const generation = this.generation;
    this.saving = this.saving.then(async () => {
      const results = await Promise.allSettled(stored);
      if (generation !== this.generation || this.broken) return;
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) {
        this.broken = true;
        this.deps.log.error('storing an incoming message failed; will fetch it again', { error: failure.reason as unknown });
        void this.catchUp();
        return;
      }
      await this.deps.saveState(state);
    });
  }
}

/** Updates counted in the account's common pts (channel updates have their own pts per channel). */
function hasCommonPts(update: unknown): update is { pts: number; ptsCount: number } {
  if (!update || typeof update !== 'object' || !('pts' in update) || !('ptsCount' in update)) return false;
  const name = 'className' in update ? String(update.className) : '';
  return !name.includes('Channel') && typeof update.pts === 'number' && typeof update.ptsCount === 'number';
}

/** teleproto attaches the container's users and chats to each update it splits out, keyed by peer id. */
function entitiesOf(update: object): ReadonlyMap<string, Api.TypeUser> {
  const entities: unknown = (update as { _entities?: unknown })._entities;
  if (!(entities instanceof Map)) return new Map();
  const users = new Map<string, Api.TypeUser>();
  for (const value of (entities as Map<unknown, unknown>).values()) {
    if (value instanceof Api.User) users.set(value.id.toString(), value);
  }
  return users;
}
