import { initial } from './0001-initial';
import { engineRuntime } from './0002-engine-runtime';
import { telegramSchema } from './0003-telegram';
import { trackerSchema } from './0004-tracker';
import { scriptDrafts } from './0005-script-drafts';
import { dropUnusedLeadIndexes } from './0006-drop-unused-lead-indexes';
import { abAssignmentsByLead } from './0007-ab-assignments-by-lead';
import { postbackConversions } from './0008-postback-conversions';
import { telegramReality } from './0009-telegram-reality';
import { messagesFts } from './0010-messages-fts';
import { dropDuplicateIncomingIndex } from './0011-drop-duplicate-incoming-index';
import { outboxFailedByMessage } from './0012-outbox-failed-by-message';
import { searchIndexDeferred } from './0013-search-index-deferred';
import { outboxIntoMessages } from './0014-outbox-into-messages';
import type { Migration } from './migration';

/** Every migration in order. Versions must run 1, 2, 3… without gaps (checked by migrate()). */
export const migrations: readonly Migration[] = [
  initial,
  engineRuntime,
  telegramSchema,
  trackerSchema,
  scriptDrafts,
  dropUnusedLeadIndexes,
  abAssignmentsByLead,
  postbackConversions,
  telegramReality,
  messagesFts,
  dropDuplicateIncomingIndex,
  outboxFailedByMessage,
  searchIndexDeferred,
  outboxIntoMessages,
];
