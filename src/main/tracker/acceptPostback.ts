import type { Db } from '../db/connection';
import { insertPostback } from '../db/repositories/postbacksRepo';
import type { ParsedPostback } from './parsePostback';

export interface PostbackSource {
  receivedAt: number;
  method: string;
  remoteIp: string | null;
  preset: string | null;
  raw: Record<string, unknown>;
}

/**
 * Stores a parsed postback as accepted. Its (click id, event, transaction id) claims the dedupe key,
 * so a replay is kept in the log as a duplicate and never reaches the engine. Shared by the HTTP
 * listener and the simulator's direct postbacks, so both de-duplicate the same way.
 */
export function storeParsedPostback(db: Db, source: PostbackSource, postback: ParsedPostback): { id: number; duplicate: boolean } {
  return insertPostback(db, {
    ...source,
    clickId: postback.clickId,
    event: postback.event,
    transactionId: postback.transactionId,
    parsed: { ...postback },
    outcome: 'received',
  });
}
