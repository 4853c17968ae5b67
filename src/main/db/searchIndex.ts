import type { Db } from './connection';
import { stmt } from './statements';
import type { WriteQueue } from './writeQueue';

/**
 * Adds the messages stored since the last batch to the inbox's full-text index (migration 0013):
 * one INSERT … SELECT for up to `limit` rows, and the cursor moved past them, in one transaction.
 * Returns how many rows were indexed. The text is folded as migration 0010 folds it (ё → е).
 */
export function indexNewMessages(db: Db, limit = Number.MAX_SAFE_INTEGER): number {
  return indexTx(db)(limit);
}

const indexTxs = new WeakMap<Db, (limit: number) => number>();

function indexTx(db: Db): (limit: number) => number {
  let tx = indexTxs.get(db);
  if (!tx) {
    tx = db.transaction((limit: number): number => {
      const last = stmt(db, 'SELECT last_id FROM messages_fts_cursor').pluck().get() as number;
      const upTo = stmt(db, 'SELECT max(id) FROM (SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?)').pluck().get(last, limit) as number | null;
      if (upTo === null) return 0;
      const indexed = stmt(
        db,
        "INSERT INTO messages_fts (rowid, text) SELECT id, replace(replace(text, 'ё', 'е'), 'Ё', 'Е') FROM messages WHERE id > ? AND id <= ? ORDER BY id",
      ).run(last, upTo).changes;
      stmt(db, 'UPDATE messages_fts_cursor SET last_id = ?').run(upTo);
      return indexed;
    });
    indexTxs.set(db, tx);
  }
  return tx;
}

export interface SearchIndexer {
  stop(): void;
}

/**
 * Keeps the index close behind the messages while the app runs: a batch every `intervalMs` through
 * the write queue (it commits with whatever else is queued), at most `batchLimit` rows each so a
 * large backlog (an import, a restored folder) never holds the event loop for long; a full batch is
 * followed by the next one at once. A search indexes the rest itself first (messageSearchRepo).
 */
export function startSearchIndexer(db: Db, writes: WriteQueue, options: { intervalMs?: number; batchLimit?: number; onError?(error: unknown): void } = {}): SearchIndexer {
  const { intervalMs = 1000, batchLimit = 5000 } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      writes
        .run(() => indexNewMessages(db, batchLimit))
        .then(
          (count) => schedule(count >= batchLimit ? 0 : intervalMs),
          (error: unknown) => {
            options.onError?.(error);
            schedule(intervalMs);
          },
        );
    }, ms);
    timer.unref();
  };
  schedule(intervalMs);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
