import { unixNow } from './bytes';
import type { StoredDocument } from './media';
import { SrpVerifier } from './srp';
import type { ReadRecord, SentRecord, StoredMessage, StoredPhoto, TypingRecord } from './worldRecords';

/** One Telegram account of the fake world: its login data, its message box with pts, and the record of what it did. */

export interface AccountSpec {
  phone: string;
  /** The account's home data centre (default 2); a login on another DC answers PHONE_MIGRATE_<dc>. */
  homeDc?: number;
  /** The login code auth.signIn accepts; default 12345. */
  code?: string;
  /** Enables 2FA: auth.signIn answers SESSION_PASSWORD_NEEDED and auth.checkPassword checks SRP. */
  password?: string;
  passwordHint?: string;
  firstName?: string;
  lastName?: string;
  username?: string;
  userId?: number;
  /** How auth.sendCode delivers the code (default `app`, with SMS offered after `resendTimeout`). */
  codeVia?: 'app' | 'sms' | 'email' | 'email_setup_required';
  /** For `codeVia: 'email'`: the masked address Telegram shows. */
  emailPattern?: string;
}

export class Account {
  readonly phone: string;
  readonly code: string;
  readonly userId: number;
  readonly firstName: string;
  readonly lastName: string | undefined;
  readonly username: string | undefined;
  /** Kept in clear only so the harness can log in for a test; the server checks through `srp`. */
  readonly password: string | undefined;
  readonly srp: SrpVerifier | undefined;
  readonly homeDc: number;
  pts = 1;
  readonly codeVia: NonNullable<AccountSpec['codeVia']>;
  readonly emailPattern: string;
  /** auth.resendCode calls so far in the current login (the code moves app → SMS → call). */
  resends = 0;
  /** Telegram closed the account (USER_DEACTIVATED_BAN on every call of its sessions). */
  banned = false;
  /**
   * Set when the session was revoked or the account banned (`AUTH_KEY_UNREGISTERED`,
   * `SESSION_REVOKED`, `USER_DEACTIVATED_BAN`): every call of its keys fails with it (401).
   */
  revoked: string | undefined;
  readonly messages: StoredMessage[] = [];
  readonly sent: SentRecord[] = [];
  readonly typing: TypingRecord[] = [];
  readonly reads: ReadRecord[] = [];
  /**
   * Chat partners reading the account's messages (updateReadHistoryOutbox), each one pts event of
   * the common box: getDifference replays them in other_updates.
   */
  readonly readOutbox: { peerUserId: number; maxId: number; pts: number }[] = [];
  private nextMessageId = 1;
  /** random_id → message, so a resent sendMessage (teleproto resends after reconnects) is one message. */
  private readonly byRandomId = new Map<string, StoredMessage>();

  constructor(spec: AccountSpec, userId: number) {
    this.phone = normalizePhone(spec.phone);
    this.code = spec.code ?? '12345';
    this.homeDc = spec.homeDc ?? 2;
    this.userId = userId;
    this.firstName = spec.firstName ?? 'Test';
    this.lastName = spec.lastName;
    this.username = spec.username;
    this.password = spec.password;
    this.srp = spec.password === undefined ? undefined : new SrpVerifier(spec.password, spec.passwordHint);
    this.codeVia = spec.codeVia ?? 'app';
    this.emailPattern = spec.emailPattern ?? 'o*****r@example.com';
  }

  /** Appends a message and advances pts by one (every new message is one pts event). */
  addMessage(fields: Omit<StoredMessage, 'id' | 'pts' | 'date'>): StoredMessage {
    this.pts += 1;
    const message: StoredMessage = { ...fields, id: this.nextMessageId++, pts: this.pts, date: unixNow() };
    this.messages.push(message);
    return message;
  }

  /**
   * New message ids start after `messageId`. The sandbox host uses it so a fresh server never reuses
   * the ids of messages an earlier run stored (the app ignores a lead's message id it has seen).
   */
  continueAfter(messageId: number): void {
    this.nextMessageId = Math.max(this.nextMessageId, messageId + 1);
  }

  /** Records an outgoing message; a repeated random_id returns the first message and records nothing. */
  send(peerUserId: number, text: string, randomId: string, media?: { photo?: StoredPhoto; document?: StoredDocument }): { message: StoredMessage; duplicate: boolean } {
    const existing = this.byRandomId.get(randomId);
    if (existing) return { message: existing, duplicate: true };
    const message = this.addMessage({ peerUserId, out: true, text, ...media });
    this.byRandomId.set(randomId, message);
    this.sent.push({ randomId, text, peerUserId, messageId: message.id, time: Date.now(), ...media });
    return { message, duplicate: false };
  }

  /**
   * A read mark: Telegram counts it as one pts event of the common box (messages.affectedMessages
   * with pts_count 1), so a client that does not apply it sees a gap.
   */
  markRead(): { pts: number; ptsCount: number } {
    this.pts += 1;
    return { pts: this.pts, ptsCount: 1 };
  }

  /** random_ids of sends still being processed: a repeat of one answers RANDOM_ID_DUPLICATE. */
  readonly sendsInFlight = new Set<string>();

  /** The pts each updates.getDifference asked from, in order (tests: was the state rewound?). */
  readonly differenceFrom: number[] = [];

  /** The partner read the account's messages up to `maxId`: one pts event, like Telegram's updateReadHistoryOutbox. */
  partnerRead(peerUserId: number, maxId: number): { peerUserId: number; maxId: number; pts: number } {
    this.pts += 1;
    const read = { peerUserId, maxId, pts: this.pts };
    this.readOutbox.push(read);
    return read;
  }

  /** The message an earlier send with this random_id created, if any. */
  messageForRandomId(randomId: string): StoredMessage | undefined {
    return this.byRandomId.get(randomId);
  }

  /**
   * A message in a basic group the account is in: it takes a message id and one pts like any
   * message, but the box keeps only private chats, so getDifference never replays it.
   */
  addGroupMessage(): { id: number; pts: number; date: number } {
    this.pts += 1;
    return { id: this.nextMessageId++, pts: this.pts, date: unixNow() };
  }

  messagesAfter(pts: number): StoredMessage[] {
    return this.messages.filter((m) => m.pts > pts);
  }
}

/** Telegram clients send phones with or without '+' and spaces; the world keys them by digits. */
export function normalizePhone(phone: string): string {
  return phone.replace(/\D/g, '');
}
