import type { AccountStatusEvent } from '../../shared/rpc/accounts';
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
  /** Catch-up after this long without updates (default 15 minutes, as Telethon); tests shorten it. */
  quietCatchUpMs?: number;
  /** One sender call (send, typing, read mark) may go unanswered this long (default 60 s). */
  sendCallTimeoutMs?: number;
  /** One media download attempt may take this long (default 2 minutes). */
  downloadTimeoutMs?: number;
  /** Persists the status and tells the UI. */
  statusChanged(event: AccountStatusEvent): void;
  /** Campaign attribution and pending postbacks for incoming messages (see receiveMessage). */
  tracker?: Pick<TrackerService, 'attributeInbound' | 'applyPendingPostbacks'>;
  /** The sender's live notices for the UI ("typing…", a message left the queue); see OutboxSenderDeps. */
  leadActivity?(leadId: number, kind: 'typing' | 'changed', ms?: number): void;
  /** A chat needs a human because of sending: the account got limited, or a message failed for good. */
  leadNeedsHuman?(leadId: number, cause: SendTrouble, reason: string): void;
}

/** Why sending made a chat need a human (a desktop notification names it). */
export type SendTrouble = 'account_limited' | 'send_failed';
