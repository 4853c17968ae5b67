import { bigInt } from './bigInteger';
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
} from '../db/repositories/telegramStateRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { Clock } from '../engine/ports';
import type { Logger } from '../log';
import { typingMs } from './humanSettings';
import { sendResult, uploadMedia } from './sendRequests';
import { bannedErrors, describeError, floodWaitSeconds, leadRefusals, loggedOutErrors, telegramErrorName } from './telegramErrors';

export interface OutboxSenderDeps {
  accountId: number;
  db: Db;
  writes: WriteQueue;
  clock: Clock;
  log: Logger;
  human(): HumanSettings;
  invoke(request: Api.AnyRequest): Promise<unknown>;
  upload(path: string): Promise<Api.TypeInputFile>;
  /** Whether the connection is up and signed in. */
  online(): boolean;
  stopLead(leadId: number, reason: string, details: Record<string, unknown>): Promise<void>;
  /** Our send moved the account's pts (the update processor must not see it as a gap). */
  ownPts(pts: number, ptsCount: number): void;
  /** Telegram asked the whole account to wait (FLOOD_WAIT) until `until`; null when it is over. */
  floodLimited(until: number | null): void;
  /** The session died (logged out / banned): the connection takes over. */
  accountLost(error: unknown): void;
  /**
   * Told to the UI so the open chat is live: 'typing' (for `ms`) just before a reply goes out, and
   * 'changed' once a row left the queue (sent, failed or cancelled) and its message shows so.
   */
  leadActivity?(leadId: number, kind: 'typing' | 'changed', ms?: number): void;
}

const maxSleepMs = 2 ** 31 - 1;
const day = 24 * 60 * 60 * 1000;

/**
 * One per account: drains the account's outbox, chat by chat in order. Woken by `poke()` when rows
 * are added, and by a single timer set for the next moment something can go (a `not_before`, the end
 * of a FLOOD_WAIT or of a rate cap) — it never polls. A row is only ever delayed, never dropped:
 * FLOOD_WAIT and network failures move its `not_before`; resends reuse its `random_id`.
 */
export class OutboxSender {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private stopped = true;
  private floodUntil = 0;
  /** A rate cap holds sending until then. */
  private heldUntil = 0;
  private readonly readUpTo = new Map<number, number>();

  constructor(private readonly deps: OutboxSenderDeps) {}

  start(floodUntil: number | null): void {
    this.stopped = false;
    this.floodUntil = floodUntil ?? 0;
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

  /** 'done': the row left the queue (sent, cancelled, failed); 'wait': it stays; 'halt': stop sending for now. */
  private async sendRow(row: OutboxItem): Promise<'done' | 'wait' | 'halt'> {
    const { db, writes, clock } = this.deps;
    const target = sendTarget(db, row.leadId);
    if (!target || target.status === 'stopped') {
      await writes.run(() => cancelPendingOutbox(db, row.leadId));
      return 'done';
    }
    if (!target.accessHash) {
      await writes.run(() => failOutbox(db, row.id, 'No access hash for this chat'));
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
    const peer = new Api.InputPeerUser({ userId: bigInt(target.peerId), accessHash: bigInt(target.accessHash) });
    try {
      if (human.markRead) await this.markRead(row.leadId, peer);
      const typing = typingMs(row.text, human);
      if (typing > 0) this.deps.leadActivity?.(row.leadId, 'typing', typing);
      await this.showTyping(peer, typing);
      const request = row.media
        ? new Api.messages.SendMedia({ peer, media: await uploadMedia(row.media, (p) => this.deps.upload(p)), message: row.text, randomId: bigInt(row.randomId) })
        : new Api.messages.SendMessage({ peer, message: row.text, randomId: bigInt(row.randomId) });
      const sent = sendResult(await this.deps.invoke(request), row.randomId);
      await writes.run(() => markOutboxSent(db, row.id, sent.messageId, clock.now()));
      if (sent.pts !== undefined) this.deps.ownPts(sent.pts, sent.ptsCount);
      return 'done';
    } catch (error) {
      return this.failed(row, error);
    }
  }

  private async failed(row: OutboxItem, error: unknown): Promise<'done' | 'wait' | 'halt'> {
    const { db, writes, clock, log } = this.deps;
    const name = telegramErrorName(error);
    const wait = floodWaitSeconds(error);
    if (wait !== undefined) {
      const until = clock.now() + wait * 1000;
      await writes.run(() => deferOutbox(db, row.id, until, describeError(error)));
      this.floodUntil = until;
      this.deps.floodLimited(until);
      log.warn('flood wait on send', { outboxId: row.id, seconds: wait });
      return 'halt';
    }
    if (name && leadRefusals.has(name)) {
      log.warn('telegram refused the chat; stopping the lead', { leadId: row.leadId, error: name });
      await this.deps.stopLead(row.leadId, name, { error: name, outboxId: row.id });
      return 'done';
    }
    if (name && (loggedOutErrors.has(name) || bannedErrors.has(name))) {
      this.deps.accountLost(error);
      return 'halt';
    }
    // Anything else (network trouble, a server hiccup): try again later with the same random_id.
    const backoff = Math.min(5 * 60_000, 2_000 * 2 ** Math.min(row.attempts, 8));
    await writes.run(() => deferOutbox(db, row.id, clock.now() + backoff, describeError(error)));
    log.warn('send failed; will retry', { outboxId: row.id, error: describeError(error), retryInMs: backoff });
    return 'wait';
  }

  /** 'minute' holds the whole account; a `{until}` holds only a chat that never got a message from us. */
  private capDelay(leadId: number): 'minute' | { until: number } | undefined {
    const { db, accountId, clock } = this.deps;
    const human = this.deps.human();
    const now = clock.now();
    const lastMinute = sentTimesSince(db, accountId, now - 60_000);
    if (lastMinute.length >= human.messagesPerMinute) {
      this.heldUntil = (lastMinute[lastMinute.length - human.messagesPerMinute] ?? now) + 60_000;
      this.deps.log.debug('sending held by the per-minute cap', { accountId, until: this.heldUntil });
      return 'minute';
    }
    if (!leadHasSentMessages(db, leadId)) {
      const lastDay = newChatTimesSince(db, accountId, now - day);
      if (lastDay.length >= human.newChatsPerDay) return { until: (lastDay[lastDay.length - human.newChatsPerDay] ?? now) + day };
    }
    return undefined;
  }

  private async markRead(leadId: number, peer: Api.InputPeerUser): Promise<void> {
    const maxId = latestIncomingTelegramId(this.deps.db, leadId);
    if (maxId === undefined || maxId <= (this.readUpTo.get(leadId) ?? 0)) return;
    const affected = (await this.deps.invoke(new Api.messages.ReadHistory({ peer, maxId }))) as Api.messages.AffectedMessages;
    this.readUpTo.set(leadId, maxId);
    this.deps.ownPts(affected.pts, affected.ptsCount);
  }

  /** "typing…" for `ms`, renewed every 5 s (Telegram drops the action after about 6 s). */
  private async showTyping(peer: Api.InputPeerUser, ms: number): Promise<void> {
    for (let left = ms; left > 0 && !this.stopped; left -= 5_000) {
      await this.deps.invoke(new Api.messages.SetTyping({ peer, action: new Api.SendMessageTypingAction() }));
      await sleep(Math.min(left, 5_000));
    }
  }

  /** One timer, for the earliest moment something can be sent. */
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Offline: the connection pokes us when it is back, so no timer can spin meanwhile.
    if (this.stopped || !this.deps.online()) return;
    const next = nextChatHeadDueAt(this.deps.db, this.deps.accountId);
    if (next === undefined) return;
    const now = this.deps.clock.now();
    const at = Math.max(next, this.floodUntil, this.heldUntil > now ? this.heldUntil : 0);
    this.timer = setTimeout(() => this.poke(), Math.min(Math.max(0, at - now), maxSleepMs));
    this.timer.unref?.();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
