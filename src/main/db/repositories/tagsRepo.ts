import type { Db } from '../connection';
import { stmt } from '../statements';

/** Each tag leads carry, with how many carry it (read through the lead_tags_by_tag index). */
export function leadTagCounts(db: Db): { tag: string; leads: number }[] {
  return stmt(db, 'SELECT tag, COUNT(*) AS leads FROM lead_tags GROUP BY tag').all() as { tag: string; leads: number }[];
}
