import type { Db } from './connection';

interface PendingWrite {
  write: () => unknown;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Rows writes gather for the end of their transaction (e.g. a batch's timeline events, inserted
 * in one statement instead of one per turn). `beforeCommit` runs inside every transaction the queue
 * opens, after its writes; `discard` drops what a rolled-back transaction gathered.
 */
export interface BatchEnd {
  beforeCommit(): void;
  discard(): void;
}

/**
 * Group commit. Writes requested in the same tick run in one SQLite transaction: every write is
 * still all-or-nothing (if one throws, the batch rolls back and each write is redone in its own
 * transaction, so only the failing one fails), but the commit is paid once per batch.
 * A caller's promise resolves only after the batch is committed, so nothing acts on data that is
 * not durable yet ("store before acting" holds).
 */
export class WriteQueue {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  /** Batches committed and writes in them, for diagnostics and benchmarks. */
  readonly stats = { batches: 0, writes: 0 };
  private readonly batchEnds: BatchEnd[] = [];
  /** Inside one of this queue's transactions (a write calling flush() must not open a nested batch). */
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 1000,
  ) {}

  /**
   * Queues a write. `durable`: its batch commits with `synchronous = FULL`, so the promise resolves
   * only once the commit is on disk (WAL with NORMAL may lose the last commits on power loss) —
   * for writes someone outside is told about, e.g. a postback the tracker will not resend.
   */
  run<T>(write: () => T, options: { durable?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, durable: options.durable === true, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Adds work that runs at the end of every transaction this queue opens (see BatchEnd). */
  atBatchEnd(end: BatchEnd): void {
    this.batchEnds.push(end);
  }

  /** Runs `writes` and the batch ends in one transaction; on any error nothing gathered is kept. */
  private inTransaction<T>(writes: () => T): T {
    this.running = true;
    try {
      return this.db.transaction(() => {
        const value = writes();
        for (const end of this.batchEnds) end.beforeCommit();
        return value;
      })();
    } catch (error) {
      for (const end of this.batchEnds) end.discard();
      throw error;
    } finally {
      this.running = false;
    }
  }

  /** Commits everything queued so far (called by the scheduled tick; also safe to call directly). */
  flush(): void {
    // Called from inside a write of this queue: the running flush's loop takes what was queued next,
    // after this batch (a nested batch would share, and on failure drop, this one's gathered rows).
    if (this.running) return;
    this.scheduled = false;
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.maxBatch);
      // Only outside a transaction may SQLite change it; one fsync then covers the whole batch.
      const durable = batch.some((op) => op.durable) && !this.db.inTransaction;
      if (durable) this.db.pragma('synchronous = FULL');
      try {
        // Fast path: the whole batch in one transaction, no savepoints.
        const values = this.inTransaction(() => batch.map((op) => op.write()));
        this.stats.batches++;
        this.stats.writes += batch.length;
        batch.forEach((op, i) => op.resolve(values[i]));
      } catch {
        // Something in the batch failed and the batch rolled back: redo each write in its own
        // transaction, so only the failing one fails and the others still land.
        for (const op of batch) {
          try {
            op.resolve(this.inTransaction(op.write));
            this.stats.batches++;
            this.stats.writes++;
          } catch (error) {
            op.reject(error);
          }
        }
      } finally {
        if (durable) this.db.pragma('synchronous = NORMAL');
      }
    }
  }
}
