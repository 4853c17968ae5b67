import type { AccountStatusEvent, HumanSettings } from '../../shared/rpc/accounts';
import type { Db } from '../db/connection';
import type { TrackerService } from '../tracker/trackerService';
import type { WriteQueue } from '../db/writeQueue';
import type { Engine } from '../engine/engine';
import type { Clock } from '../engine/ports';
import type { Logger } from '../log';
import type { SecretBox } from '../secrets/secretBox';
import type { TelegramClientOptions } from './clientFactory';

/** What every part of the Telegram adapter shares: handed down by the service, never global. */
export interface TelegramContext {
  db: Db;
  writes: WriteQueue;
  engine: Engine;
  secrets: SecretBox;
  /** Photos land in `<dataDir>/media/<accountId>/`. */
  dataDir: string;
  log: Logger;
  clock: Clock;
  clientOptions: TelegramClientOptions;
  /** Applied over every account's stored human settings; benchmarks use it to turn delays and caps off. */
  humanOverride?: Partial<HumanSettings>;
  /** Persists the status and tells the UI. */
  statusChanged(event: AccountStatusEvent): void;
  /** Campaign attribution and pending postbacks for incoming messages (see receiveMessage). */
  tracker?: Pick<TrackerService, 'attributeInbound' | 'applyPendingPostbacks'>;
  /** The sender's live notices for the UI ("typing…", a message left the queue); see OutboxSenderDeps. */
  leadActivity?(leadId: number, kind: 'typing' | 'changed', ms?: number): void;
}
