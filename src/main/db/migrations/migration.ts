import type { Db } from '../connection';

/**
 * One schema step. Shipped migrations are never edited: a change is a new file with the next number.
 * `up` runs inside the transaction that also covers every other pending migration.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
