import type { Migration } from './migration';

/**
 * A failed message is found by its chat message id: the chat view shows why it failed, and the
 * operator retries or drops it. No outbox index started with `message_id`, so each of those read the
 * whole outbox (every message ever sent). A partial index over failed rows only: a row enters it
 * when it fails and leaves when it is retried or dropped, so queuing and sending pay nothing for it.
 */
export const outboxFailedByMessage: Migration = {
  version: 12,
  name: 'outbox-failed-by-message',
  up(db) {
    db.exec("CREATE INDEX outbox_failed_by_message ON outbox (message_id) WHERE status = 'failed';");
  },
};
