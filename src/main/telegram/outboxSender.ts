import { bigInt } from './bigInteger';
import type { SendTrouble } from './telegramContext';
import { Api } from 'teleproto';
import type { HumanSettings } from '../../shared/rpc/accounts';
import type { Db } from '../db/connection';
import { cancelPendingOutbox, markOutboxSent, type OutboxItem } from '../db/repositories/outboxRepo';
import {
  deferOutbox,
  dueChatHeads,
  failOutbox,
  latestIncomingTelegramId,
  leadHasSentMessages,
  newChatTimesSince,
  nextChatHeadDueAt,
  sendTarget,
  sentTimesSince,
  setOutboxPartsSent,
} from '../db/repositories/telegramStateRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { Clock } from '../engine/ports';
import type { Logger } from '../log';
import { typingMs } from './humanSettings';
import { withTimeout } from './withTimeout';
import { partRandomId, sendResult, uploadMedia } from './sendRequests';
import { captionLengthMax, splitText } from './splitText';
import { classifySendError, describeError, floodWaitSeconds, peerRefused, telegramErrorName } from './telegramErrors';

export interface OutboxSenderDeps {
  accountId: number;
  db: Db;
  writes: WriteQueue;
  clock: Clock;
  log: Logger;
  human(): HumanSettings;
  invoke(request: Api.AnyRequest): Promise<unknown>;
  /**
   * How long one call (send, typing, read mark) may go unanswered before the row is retried as a
   * transient failure (default 60 s; tests shorten it).
   */
  callTimeoutMs?: number;
  upload(path: string): Promise<Api.TypeInputFile>;
  /** Whether the connection is up and signed in. */
  online(): boolean;
  stopLead(leadId: number, reason: string, details: Record<string, unknown>): Promise<void>;
  /** Our send moved the account's pts (the update processor must not see it as a gap). */
  ownPts(pts: number, ptsCount: number): void;
  /**
   * The account may not send until `until` (null: it may again): Telegram's FLOOD_WAIT, or its
   * PEER_FLOOD spam limit, which pauses automatic sending for the account's set time.
   */
  floodLimited(until: number | null, reason?: 'FLOOD_WAIT' | 'PEER_FLOOD'): void;
  /** A message id Telegram gave one of our sends (so the update processor knows it is ours). */
  sentMessage?(telegramId: number): void;
  /** The session died (logged out / banned): the connection takes over. */
  accountLost(error: unknown): void;
  /**
   * Told to the UI so the open chat is live: 'typing' (for `ms`) just before a reply goes out, and
   * 'changed' once a row left the queue (sent, failed or cancelled) and its message shows so.
   */
  leadActivity?(leadId: number, kind: 'typing' | 'changed', ms?: number): void;
  /**
   * A person must look at this chat: Telegram limited the account while sending to it (once per
   * pause), or one of its messages failed for good (the chat shows it with retry / drop).
   */
  leadNeedsHuman?(leadId: number, cause: SendTrouble, reason: string): void;
}

const maxSleepMs = 2 ** 31 - 1;
/**
 * teleproto waits for an answer forever: a send hung at Telegram would hold the account's whole
 * queue. Past this the row is retried with the same random_id, which Telegram de-duplicates.
 */
const callTimeoutDefaultMs = 60_000;
const day = 24 * 60 * 60 * 1000;
/** Telegram drops a typing action after about 6 s: renew it before. */
const typingRenewMs = 5_000;

interface Typing {
  /** When (the app's clock) this row's typing is over and it may be sent. */
  until: number;
  /** When (the app's clock) the typing action must be renewed. */
  renewAt: number;
}

/**
 * One per account: drains the account's outbox (its `messages` rows with status 'queued'), chat by
 * chat in order. Woken by `poke()` when rows are added, and by a single timer set for the next moment
 * something can go (a `not_before`, the end of a typing time, of a FLOOD_WAIT or of a rate cap) — it
 * never polls.
 *
 * Typing is per chat: a row due now starts "typing…" in its chat and waits out its typing time
 * while other chats' rows are typed and sent meanwhile. Typing times run on the app's clock, like
 * every other wait here, so a simulation's clock moves them too. The account-wide caps still apply
 * at the moment of sending.
 *
 * Failures: FLOOD_WAIT and transient errors move the row's `not_before` and keep its `random_id`;
 * a permanent refusal fails the row with its reason (the chat shows it, with retry / drop) and the
 * chat's next rows go on; PEER_FLOOD pauses the whole account; a lead who blocked us is stopped.
 */
/** How many RANDOM_ID_DUPLICATE answers for one part mean Telegram already stored it (see `duplicates`). */
const duplicatesMeanDelivered = 3;

export class OutboxSender {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = true;
  private floodUntil = 0;
  /** A rate cap holds sending until then. */
  private heldUntil = 0;
  private readonly readUpTo = new Map<number, number>();
  /**
   * RANDOM_ID_DUPLICATE answers per part random_id. Telegram answers it while the first call is still
   * being processed (worth retrying), but also, after a crash between its storing a part and our
   * recording it, for a send it already completed — then on every resend, which would block the chat
   * for good. Once it has recurred this often the part is taken as delivered.
   */
  private readonly duplicates = new Map<string, number>();
  /**
   * The access_hash Telegram refused, by lead: they are addressed through their message until a
   * full user brings another hash.
   */
  private readonly hashRefused = new Map<number, string>();
  /** Rows whose chat is showing "typing…", by message id (in memory: a restart just types again). */
  private readonly typing = new Map<number, Typing>();

  constructor(private readonly deps: OutboxSenderDeps) {}

  start(floodUntil: number | null): void {
    this.stopped = false;
    this.floodUntil = floodUntil ?? 0;
    this.poke();
  }

  /** The operator lifts a PEER_FLOOD (or FLOOD_WAIT) pause before its time. */
  resume(): void {
    if (!this.floodUntil) return;
    this.floodUntil = 0;
    this.deps.floodLimited(null);
    this.poke();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** New rows, a reconnect, or a settings change: look again. */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again && !this.stopped);
    } catch (error) {
      this.deps.log.error('sender failed', { error });
    } finally {
      this.running = false;
      this.arm();
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const now = this.deps.clock.now();
      if (this.stopped || !this.deps.online() || now < this.floodUntil || now < this.heldUntil) return;
      if (this.floodUntil) {
        this.floodUntil = 0;
        this.deps.floodLimited(null);
      }
      const rows = dueChatHeads(this.deps.db, this.deps.accountId, now, 50);
      if (!rows.length) return;
      let sentAny = false;
      for (const row of rows) {
        if (this.stopped || !this.deps.online()) return;
        const outcome = await this.sendRow(row);
        if (outcome === 'done') this.deps.leadActivity?.(row.leadId, 'changed');
        if (outcome === 'halt') return;
        if (outcome === 'done') sentAny = true;
      }
      if (!sentAny) return;
    }
  }

  /** 'done': the row left the queue (sent, cancelled, failed); 'wait': it stays (typing, deferred); 'halt': stop sending for now. */
  private async sendRow(row: OutboxItem): Promise<'done' | 'wait' | 'halt'> {
    const { db, writes } = this.deps;
    const target = sendTarget(db, row.leadId);
    if (!target || target.status === 'stopped') {
      await writes.run(() => cancelPendingOutbox(db, row.leadId));
      return 'done';
    }
    const peer = this.peerFor(row.leadId, target);
    if (!peer) {
      await writes.run(() => failOutbox(db, row.id, 'NO_ACCESS_HASH'));
      this.deps.leadNeedsHuman?.(row.leadId, 'send_failed', 'NO_ACCESS_HASH');
      return 'done';
    }
    const hold = this.capDelay(row.leadId);
    if (hold === 'minute') return 'halt';
    if (hold !== undefined) {
      // Only this chat waits (a new chat over the daily cap); chats already talking go on.
      await writes.run(() => deferOutbox(db, row.id, hold.until, 'New chats per day cap'));
      return 'wait';
    }
    const human = this.deps.human();
    try {
      if (await this.stillTyping(row, peer, human)) return 'wait';
      await this.sendParts(row, peer);
      this.typing.delete(row.id);
      return 'done';
    } catch (error) {
      // A refused access_hash (stale, or never valid): address the lead through a message they
      // sent us before giving up on the row.
      if (peer instanceof Api.InputPeerUser && peerRefused(error) && target.accessHash) {
        this.hashRefused.set(row.leadId, target.accessHash);
        if (this.peerFor(row.leadId, target)) {
          this.deps.log.warn('access hash refused; addressing the lead through their message', { leadId: row.leadId });
          return this.sendRow(row);
        }
      }
      return this.failed(row, error);
    }
  }

  /**
   * How to address the lead: by the stored access_hash, or — when there is none (only a *min* user
   * was ever seen) or Telegram refused it — by the last message they sent us
   * (inputPeerUserFromMessage, core.telegram.org/api/min). Private-chat message ids belong to the
   * account's common box, named by inputPeerSelf. Undefined: no way to reach them.
   */
  private peerFor(leadId: number, target: { peerId: string; accessHash: string | null }): Api.TypeInputPeer | undefined {
    if (target.accessHash && this.hashRefused.get(leadId) !== target.accessHash) return new Api.InputPeerUser({ userId: bigInt(target.peerId), accessHash: bigInt(target.accessHash) });
    const msgId = latestIncomingTelegramId(this.deps.db, leadId);
    if (msgId === undefined) return undefined;
    return new Api.InputPeerUserFromMessage({ peer: new Api.InputPeerSelf(), msgId, userId: bigInt(target.peerId) });
  }

  /**
   * Starts or renews this chat's "typing…" (after the read mark), and says whether the row must
   * still wait for it. A row is typed once; its later parts (a split text) follow at once.
   */
  private async stillTyping(row: OutboxItem, peer: Api.TypeInputPeer, human: HumanSettings): Promise<boolean> {
    // The app's clock, like every other wait of the sender: a simulation or test that moves the
    // clock moves typing with it, and the timer below still fires in real time when it is real.
    const now = this.deps.clock.now();
    const typing = this.typing.get(row.id);
    if (!typing) {
      if (row.partsSent > 0) return false;
      if (human.markRead) await this.markRead(row.leadId, peer);
      const ms = typingMs(row.text, human);
      if (ms <= 0) return false;
      this.deps.leadActivity?.(row.leadId, 'typing', ms);
      await this.setTyping(peer);
      this.typing.set(row.id, { until: now + ms, renewAt: now + typingRenewMs });
      this.deps.leadActivity?.(row.leadId, 'typing', ms);
      return true;
    }
    if (typing.until <= now) return false;
    if (typing.renewAt <= now) {
      await this.setTyping(peer);
      typing.renewAt = now + typingRenewMs;
    }
    return true;
  }

  /**
   * Sends the row as one or more messages: a text over 4096 characters in parts cut at paragraph or
   * sentence ends; a caption over 1024 as its own message after the media. Each part has its own
   * random_id derived from the row's, and progress is saved after each, so a resend after a crash
   * neither repeats nor skips a part.
   */
  private async sendParts(row: OutboxItem, peer: Api.TypeInputPeer): Promise<void> {
    const { db, writes, clock } = this.deps;
    const captionFits = row.text.length <= captionLengthMax;
    const texts = row.media && captionFits ? [] : splitText(row.text);
    const total = (row.media ? 1 : 0) + texts.length;
    let firstId: number | null = null;
    for (let i = row.partsSent; i < total; i++) {
      const randomId = bigInt(partRandomId(row.randomId, i));
      const request =
        row.media && i === 0
          ? new Api.messages.SendMedia({ peer, media: await uploadMedia(row.media, (p) => this.deps.upload(p)), message: captionFits ? row.text : '', randomId })
          : new Api.messages.SendMessage({ peer, message: texts[i - (row.media ? 1 : 0)] ?? '', randomId });
      const sent = await this.invokeSend(request, randomId.toString(), row.id, i);
      if (sent.messageId !== null) this.deps.sentMessage?.(sent.messageId);
      firstId ??= sent.messageId;
      if (sent.pts !== undefined) this.deps.ownPts(sent.pts, sent.ptsCount);
      if (i < total - 1) await writes.run(() => setOutboxPartsSent(db, row.id, i + 1));
    }
    await writes.run(() => markOutboxSent(db, row.id, firstId, clock.now()));
  }

  /** One part's send; a RANDOM_ID_DUPLICATE that keeps coming back counts as delivered (no message id). */
  private async invokeSend(request: Api.AnyRequest, randomId: string, messageId: number, part: number): Promise<ReturnType<typeof sendResult>> {
    try {
      const sent = sendResult(await this.call(request), randomId);
      this.duplicates.delete(randomId);
      return sent;
    } catch (error) {
      if (telegramErrorName(error) !== 'RANDOM_ID_DUPLICATE') throw error;
      const times = (this.duplicates.get(randomId) ?? 0) + 1;
      if (times < duplicatesMeanDelivered) {
        this.duplicates.set(randomId, times);
        throw error;
      }
      this.duplicates.delete(randomId);
      this.deps.log.warn('RANDOM_ID_DUPLICATE keeps coming back: Telegram already has this part; counted as sent', { messageId, part, times });
      return { messageId: null, ptsCount: 0 };
    }
  }

  private async failed(row: OutboxItem, error: unknown): Promise<'done' | 'wait' | 'halt'> {
    const { db, writes, clock, log } = this.deps;
    const reason = describeError(error);
    switch (classifySendError(error)) {
      case 'flood_wait': {
        const until = clock.now() + (floodWaitSeconds(error) ?? 60) * 1000;
        await writes.run(() => deferOutbox(db, row.id, until, reason));
        this.floodUntil = until;
        this.deps.floodLimited(until, 'FLOOD_WAIT');
        log.warn('flood wait on send', { messageId: row.id, until });
        return 'halt';
      }
      case 'account_limited': {
        // Nothing is lost: the row keeps its place and random_id; every chat waits for the pause.
        const until = clock.now() + this.deps.human().peerFloodPauseHours * 60 * 60_000;
        await writes.run(() => deferOutbox(db, row.id, row.notBefore, reason));
        this.typing.delete(row.id);
        this.floodUntil = until;
        this.deps.floodLimited(until, 'PEER_FLOOD');
        log.warn('telegram limited the account (PEER_FLOOD); automatic sending paused', { messageId: row.id, until });
        this.deps.leadNeedsHuman?.(row.leadId, 'account_limited', reason);
        return 'halt';
      }
      case 'account_lost':
        this.deps.accountLost(error);
        return 'halt';
      case 'lead_refused':
        log.warn('telegram refused the chat; stopping the lead', { leadId: row.leadId, error: reason });
        this.typing.delete(row.id);
        await writes.run(() => failOutbox(db, row.id, reason));
        await this.deps.stopLead(row.leadId, reason, { error: reason, messageId: row.id });
        this.deps.leadNeedsHuman?.(row.leadId, 'send_failed', reason);
        return 'done';
      case 'permanent':
        // The same request would be refused again: fail it where the operator sees it, and let the
        // chat's later messages go.
        log.warn('telegram refused the message; marked failed', { messageId: row.id, error: reason });
        this.typing.delete(row.id);
        await writes.run(() => failOutbox(db, row.id, reason));
        this.deps.leadNeedsHuman?.(row.leadId, 'send_failed', reason);
        return 'done';
      case 'transient': {
        const backoff = Math.min(5 * 60_000, 2_000 * 2 ** Math.min(row.attempts, 8));
        await writes.run(() => deferOutbox(db, row.id, clock.now() + backoff, reason));
        log.warn('send failed; will retry', { messageId: row.id, error: reason, retryInMs: backoff });
        return 'wait';
      }
    }
  }

  /** 'minute' holds the whole account; a `{until}` holds only a chat that never got a message from us. */
  private capDelay(leadId: number): 'minute' | { until: number } | undefined {
    const { db, accountId, clock } = this.deps;
    const human = this.deps.human();
    const now = clock.now();
    const lastMinute = human.messagesPerMinute > 0 ? sentTimesSince(db, accountId, now - 60_000) : [];
    if (human.messagesPerMinute > 0 && lastMinute.length >= human.messagesPerMinute) {
      this.heldUntil = (lastMinute[lastMinute.length - human.messagesPerMinute] ?? now) + 60_000;
      this.deps.log.debug('sending held by the per-minute cap', { accountId, until: this.heldUntil });
      return 'minute';
    }
    if (human.newChatsPerDay > 0 && !leadHasSentMessages(db, leadId)) {
      const lastDay = newChatTimesSince(db, accountId, now - day);
      if (lastDay.length >= human.newChatsPerDay) return { until: (lastDay[lastDay.length - human.newChatsPerDay] ?? now) + day };
    }
    return undefined;
  }

  private async markRead(leadId: number, peer: Api.TypeInputPeer): Promise<void> {
    const maxId = latestIncomingTelegramId(this.deps.db, leadId);
    if (maxId === undefined || maxId <= (this.readUpTo.get(leadId) ?? 0)) return;
    const affected = (await this.call(new Api.messages.ReadHistory({ peer, maxId }))) as Api.messages.AffectedMessages;
    this.readUpTo.set(leadId, maxId);
    this.deps.ownPts(affected.pts, affected.ptsCount);
  }

  private async setTyping(peer: Api.TypeInputPeer): Promise<void> {
    await this.call(new Api.messages.SetTyping({ peer, action: new Api.SendMessageTypingAction() }));
  }

  /**
   * One call to Telegram, given up after the call timeout (a real timer: it bounds network I/O,
   * not a wait of the funnel, so a held or simulated clock must not stretch it). The timeout is a
   * transient failure; a late answer to the abandoned call is ignored.
   */
  private call(request: Api.AnyRequest): Promise<unknown> {
    return withTimeout(this.deps.invoke(request), this.deps.callTimeoutMs ?? callTimeoutDefaultMs);
  }

  /** One timer, for the earliest moment something can be sent. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Offline: the connection pokes us when it is back, so no timer can spin meanwhile.
    if (this.stopped || !this.deps.online()) return;
    // Rows still typing are timed here; rows whose typing is over are ordinary due rows.
    const now = this.deps.clock.now();
    const typing = [...this.typing].filter(([, t]) => t.until > now);
    const next = nextChatHeadDueAt(this.deps.db, this.deps.accountId, typing.map(([id]) => id));
    if (next === undefined && !typing.length) return;
    const at = Math.max(next ?? Number.POSITIVE_INFINITY, this.floodUntil, this.heldUntil > now ? this.heldUntil : 0);
    let delay = at - now;
    if (now >= this.floodUntil) for (const [, t] of typing) delay = Math.min(delay, Math.min(t.until, t.renewAt) - now);
    this.timer = setTimeout(() => this.poke(), Math.min(Math.max(0, delay), maxSleepMs));
    this.timer.unref?.();
  }
}
