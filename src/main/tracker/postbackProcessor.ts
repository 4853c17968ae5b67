import { msg } from '../../shared/appMessage';
import type { PostbackLogRow } from '../../shared/rpc/tracker';
import type { Db } from '../db/connection';
import {
  claimPending,
  expirePending,
  getPostback,
  pendingIdsForClick,
  postbackEventRecorded,
  setPostbackOutcome,
  unfinishedIds,
} from '../db/repositories/postbacksRepo';
import { leadIdByClickId, leadTracker } from '../db/repositories/trackerRepo';
import type { WriteQueue } from '../db/writeQueue';
import type { LeadEventInput } from '../engine/engineInputs';
import type { Logger } from '../log';
import { parsedPostbackSchema, type ParsedPostback } from './parsePostback';

export interface PostbackProcessorDeps {
  db: Db;
  writes: WriteQueue;
  engine: { event(leadId: number, input: LeadEventInput): Promise<void> };
  now: () => number;
  log: Logger;
  pendingWindowMs: () => number;
  /** Told about every row whose outcome changed (the live log). */
  onOutcome(row: PostbackLogRow): void;
}

type Decision = { kind: 'apply'; leadId: number; postback: ParsedPostback; preset: string | null } | { kind: 'done' };

/**
 * Turns stored postbacks into lead events. Every decision (find the lead, or park the row as
 * pending) is one write-queue transaction, so a lead appearing concurrently is either seen here or
 * finds the pending row when it looks — never neither. The engine records the postback id with the
 * event, so a row interrupted by a crash is recognised at start-up and applied at most once.
 */
export class PostbackProcessor {
  private readonly inFlight = new Set<Promise<void>>();
  /** Accepted rows waiting for a slot, in arrival order (they are durable: a restart finds them too). */
  private readonly queue: number[] = [];

  constructor(
    private readonly deps: PostbackProcessorDeps,
    /**
     * Lead turns run a few at a time: under a burst the listener keeps answering trackers (who time
     * out and retry) instead of competing with dozens of turns for the one write queue.
     */
    private readonly concurrency = 4,
  ) {}

  /** Processes one accepted row in the background; `idle()` waits for it. */
  enqueue(id: number): void {
    this.queue.push(id);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < this.concurrency && this.queue.length) {
      const id = this.queue.shift() as number;
      const task = this.process(id).catch((error: unknown) => this.deps.log.error('postback processing failed', { id, error }));
      this.inFlight.add(task);
      void task.finally(() => {
        this.inFlight.delete(task);
        this.pump();
      });
    }
  }

  async idle(): Promise<void> {
    while (this.inFlight.size || this.queue.length) await Promise.all([...this.inFlight]);
  }

  /** Start-up: rows accepted but not finished, and pending rows past their window. */
  async recover(): Promise<number> {
    await this.expire();
    const ids = await this.deps.writes.run(() => unfinishedIds(this.deps.db));
    for (const id of ids) await this.process(id);
    return ids.length;
  }

  async expire(): Promise<number> {
    const days = Math.round(this.deps.pendingWindowMs() / 86_400_000);
    return this.deps.writes.run(() => expirePending(this.deps.db, this.deps.now() - this.deps.pendingWindowMs(), msg('pbExpired', { days })));
  }

  /** Applies, in arrival order, the pending postbacks that carry this lead's click id. */
  async applyPending(leadId: number): Promise<number> {
    const { db } = this.deps;
    const ids = await this.deps.writes.run(() => {
      const clickId = leadTracker(db, leadId)?.clickid;
      if (!clickId) return [];
      return pendingIdsForClick(db, clickId, this.deps.now() - this.deps.pendingWindowMs()).filter((id) => claimPending(db, id, leadId));
    });
    // One at a time: a registration that waited must reach the engine before the deposit after it.
    for (const id of ids) await this.process(id);
    return ids.length;
  }

  private async process(id: number): Promise<void> {
    const { db } = this.deps;
    const decision = await this.deps.writes.run((): Decision => {
      const row = getPostback(db, id);
      if (!row || row.outcome !== 'received' || !row.clickId || !row.event) return { kind: 'done' };
      const parsed = parsedPostbackSchema.safeParse(row.parsed);
      // Written by the intake from the same schema; a row that fails it was damaged, so say so.
      if (!parsed.success) {
        setPostbackOutcome(db, id, 'error', { error: msg('pbStoredUnreadable', { detail: parsed.error.issues[0]?.message ?? 'invalid' }) });
        return { kind: 'done' };
      }
      const postback = parsed.data;
      const leadId = row.leadId ?? leadIdByClickId(db, row.clickId);
      if (leadId === undefined) {
        setPostbackOutcome(db, id, 'pending');
        return { kind: 'done' };
      }
      if (postbackEventRecorded(db, leadId, id)) {
        setPostbackOutcome(db, id, 'applied', { leadId });
        return { kind: 'done' };
      }
      setPostbackOutcome(db, id, 'received', { leadId });
      return { kind: 'apply', leadId, postback, preset: row.preset };
    });
    if (decision.kind === 'apply') {
      const { leadId, postback, preset } = decision;
      try {
        await this.deps.engine.event(leadId, {
          name: postback.event,
          amount: postback.amount,
          currency: postback.currency,
          transactionId: postback.transactionId,
          source: 'postback',
          // Applied inside the lead's turn, before auto actions: no concurrent turn can overwrite them.
          fields: postback.fields,
          payload: {
            postbackId: id,
            preset,
            clickId: postback.clickId,
            status: postback.status,
            ...(postback.resaleNumber ? { resaleNumber: postback.resaleNumber } : {}),
            // An unreadable payout stays visible on the lead, not silently zero.
            ...(postback.payoutUnparsed ? { payoutRaw: postback.payoutRaw, payoutUnparsed: true } : {}),
          },
        });
        await this.deps.writes.run(() => setPostbackOutcome(db, id, 'applied', { leadId }));
      } catch (error) {
        this.deps.log.error('postback event failed', { id, leadId, error });
        await this.deps.writes.run(() => setPostbackOutcome(db, id, 'error', { leadId, error: msg('pbFailed', { detail: error instanceof Error ? error.message : String(error) }) }));
      }
    }
    const row = getPostback(db, id);
    if (row) this.deps.onOutcome(row);
  }
}
