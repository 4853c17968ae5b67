import { randomBytes } from 'node:crypto';
import { unixNow } from './bytes';
import type { MediaKind, StoredDocument } from './media';
import { SrpVerifier } from './srp';

/**
 * Everything the fake Telegram "knows", in plain data: logged-in-able accounts, simulated people who
 * write to them, each account's message box with its pts, and a record of what each account did
 * (sent, typed, read) for assertions. Turning this into TL objects is tlViews.ts's job; pushing it
 * to connected clients is the server's.
 */

export interface SimUser {
  id: number;
  accessHash: string;
  firstName: string;
  lastName?: string;
  username?: string;
  /** A bot account: apps answering people must ignore it. */
  bot?: boolean;
  /**
   * Telegram gives this account only a *min* user for this person, in pushes and in getDifference
   * alike (seen that way in big groups; privacy settings): the client never learns a usable
   * access_hash and can address them only through inputPeerUserFromMessage.
   */
  minOnly?: boolean;
}

export interface StoredPhoto {
  id: string;
  accessHash: string;
  bytes: Buffer;
  width: number;
  height: number;
}

/** One message in an account's box. Private-chat ids and pts are per account, as in Telegram. */
export interface StoredMessage {
  id: number;
  /** The account's pts right after this message: getDifference returns messages with pts > the client's. */
  pts: number;
  date: number;
  /** The other side of the private chat. */
  peerUserId: number;
  out: boolean;
  text: string;
  photo?: StoredPhoto;
  /** Anything sent as a document: images as files, voice, round video, video, sticker, GIF, file. */
  document?: StoredDocument;
  /**
   * How the push is shaped: `short` (updateShortMessage, text only) or `full` (updates{} with the
   * sender in users). Default: short for plain text, full for media, as Telegram does.
   */
  shape?: 'short' | 'full';
  /** The push carries the sender as a *min* user (no usable access_hash), as in big groups. */
  minSender?: boolean;
  /**
   * A service message (messageService) instead of a message: Telegram's notes in a private chat —
   * a call, the partner joining Telegram, a pinned message, the history cleared.
   */
  service?: ServiceAction;
}

export type ServiceAction = 'phoneCall' | 'contactSignUp' | 'pinMessage' | 'historyClear';

/** A channel or supergroup the account is in: its own message ids and pts, apart from the common box. */
export interface SimChannel {
  id: number;
  accessHash: string;
  title: string;
  /** A supergroup (members write) rather than a broadcast channel (only admins post). */
  megagroup: boolean;
  pts: number;
  nextMessageId: number;
}

export interface SentRecord {
  randomId: string;
  text: string;
  /** Set for messages.sendMedia with an uploaded photo. */
  photo?: StoredPhoto;
  /** Set for messages.sendMedia with an uploaded document. */
  document?: StoredDocument;
  peerUserId: number;
  messageId: number;
  time: number;
}

export interface TypingRecord {
  peerUserId: number;
  action: string;
  time: number;
}

export interface ReadRecord {
  peerUserId: number;
  maxId: number;
  time: number;
}

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

export type WorldEvent =
  | { kind: 'newMessage'; account: Account; message: StoredMessage }
  | { kind: 'groupMessage'; account: Account; chatId: number; fromUserId: number; text: string; id: number; pts: number; date: number }
  /** A QR login token was scanned: the client holding auth key `keyId` gets updateLoginToken. */
  | { kind: 'loginTokenAccepted'; keyId: string }
  /** A chat partner read the account's messages: updateReadHistoryOutbox with its pts. */
  | { kind: 'readOutbox'; account: Account; peerUserId: number; maxId: number; pts: number }
  /** A post in a channel or a message in a supergroup: updateNewChannelMessage with the channel's own pts. */
  | { kind: 'channelMessage'; account: Account; channel: SimChannel; fromUserId: number | undefined; text: string; id: number; date: number }
  /** Telegram gave up on pushing the account's updates: the client must call getDifference. */
  | { kind: 'tooLong'; account: Account };

/** A QR login token (auth.exportLoginToken), keyed by its hex. */
export interface LoginTokenRecord {
  token: Buffer;
  /** The auth key that exported it: the one that signs in once it is accepted. */
  keyId: string;
  /** Unix seconds. */
  expires: number;
  /** The phone of the logged-in account that scanned it (auth.acceptLoginToken). */
  acceptedBy?: string;
}

/** Server-side limits a test may tighten to reach Telegram's rarer answers quickly. */
export interface WorldLimits {
  /** updates.getDifference returns at most this many messages, as updates.differenceSlice. */
  differenceSlice: number;
  /** A client further behind than this many pts gets updates.differenceTooLong. */
  differenceTooLong: number;
}

export class World {
  readonly limits: WorldLimits = { differenceSlice: 100, differenceTooLong: 100_000 };
  private readonly accounts = new Map<string, Account>();
  private readonly users = new Map<number, SimUser>();
  private readonly photos = new Map<string, StoredPhoto>();
  private readonly documents = new Map<string, StoredDocument>();
  private readonly channels = new Map<number, SimChannel>();
  private readonly listeners = new Set<(e: WorldEvent) => void>();
  /** upload.saveFilePart parts by file_id, until messages.sendMedia claims them. */
  private readonly uploads = new Map<string, Map<number, Buffer>>();
  private nextAccountUserId = 1000;
  private nextSimUserId = 5000;
  private nextPhotoId = 900_000;
  /** QR login tokens by hex; see handlers/qrLoginHandlers.ts. */
  readonly loginTokens = new Map<string, LoginTokenRecord>();
  /** How long a QR login token lives (Telegram: 30 s); tests shorten it to watch the refresh. */
  loginTokenTtlSeconds = 30;

  addAccount(spec: AccountSpec): Account {
    const account = new Account(spec, spec.userId ?? this.nextAccountUserId++);
    this.accounts.set(account.phone, account);
    return account;
  }

  addUser(fields: Omit<SimUser, 'id' | 'accessHash'> & { id?: number; accessHash?: string }): SimUser {
    const id = fields.id ?? this.nextSimUserId++;
    const user: SimUser = { ...fields, id, accessHash: fields.accessHash ?? String(id * 7919 + 13) };
    this.users.set(id, user);
    return user;
  }

  account(phone: string): Account {
    const account = this.accounts.get(normalizePhone(phone));
    if (!account) throw new Error(`fake telegram: no account with phone ${phone}`);
    return account;
  }

  findAccount(phone: string): Account | undefined {
    return this.accounts.get(normalizePhone(phone));
  }

  accountByUserId(userId: number): Account | undefined {
    return [...this.accounts.values()].find((a) => a.userId === userId);
  }

  user(id: number): SimUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`fake telegram: no simulated user ${id}`);
    return user;
  }

  findUser(id: number): SimUser | undefined {
    return this.users.get(id);
  }

  userByUsername(username: string): SimUser | undefined {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((u) => u.username?.toLowerCase() === wanted);
  }

  photo(id: string): StoredPhoto | undefined {
    return this.photos.get(id);
  }

  document(id: string): StoredDocument | undefined {
    return this.documents.get(id);
  }

  /**
   * A simulated user writes text to an account; connected clients get an updateShortMessage
   * (or, with `shape: 'full'`, updates{updateNewMessage} with the sender, as a *min* user if asked).
   */
  userWrites(accountPhone: string, userId: number, text: string, options: { shape?: 'short' | 'full'; minSender?: boolean } = {}): StoredMessage {
    this.user(userId);
    const account = this.account(accountPhone);
    const message = account.addMessage({ peerUserId: userId, out: false, text, ...options });
    this.emit({ kind: 'newMessage', account, message });
    return message;
  }

  /** The account itself writes from another device (an outgoing message it did not send through this client). */
  accountWritesElsewhere(accountPhone: string, userId: number, text: string): StoredMessage {
    this.user(userId);
    const account = this.account(accountPhone);
    const message = account.addMessage({ peerUserId: userId, out: true, text });
    this.emit({ kind: 'newMessage', account, message });
    return message;
  }

  /** A simulated user writes in a basic group the account is in; pushed as updateShortChatMessage. */
  groupWrites(accountPhone: string, chatId: number, fromUserId: number, text: string): void {
    this.user(fromUserId);
    const account = this.account(accountPhone);
    this.emit({ kind: 'groupMessage', account, chatId, fromUserId, text, ...account.addGroupMessage() });
  }

  /**
   * A post in a broadcast channel (`fromUserId` undefined) or a member's message in a supergroup the
   * account is in. Channels keep their own pts and message ids, so the account's pts does not move.
   */
  channelWrites(accountPhone: string, channel: { id: number; title: string; megagroup?: boolean }, fromUserId: number | undefined, text: string): void {
    if (fromUserId !== undefined) this.user(fromUserId);
    const account = this.account(accountPhone);
    const sim = this.channels.get(channel.id) ?? { id: channel.id, accessHash: String(channel.id * 104_729 + 1), title: channel.title, megagroup: channel.megagroup ?? false, pts: 1, nextMessageId: 1 };
    this.channels.set(sim.id, sim);
    sim.pts += 1;
    this.emit({ kind: 'channelMessage', account, channel: sim, fromUserId, text, id: sim.nextMessageId++, date: unixNow() });
  }

  /**
   * The simulated user opens the chat and reads everything the account sent them (Telegram then
   * tells the account with updateReadHistoryOutbox). Nothing happens if there is nothing unread.
   */
  userReads(accountPhone: string, userId: number): void {
    this.user(userId);
    const account = this.account(accountPhone);
    const maxId = Math.max(0, ...account.messages.filter((m) => m.out && m.peerUserId === userId).map((m) => m.id));
    const already = Math.max(0, ...account.readOutbox.filter((r) => r.peerUserId === userId).map((r) => r.maxId));
    if (maxId <= already) return;
    this.emit({ kind: 'readOutbox', account, ...account.partnerRead(userId, maxId) });
  }

  /** Telegram's service note in a private chat (a call, the partner joined, a pin, history cleared): one pts like any message. */
  serviceMessage(accountPhone: string, userId: number, action: ServiceAction): StoredMessage {
    this.user(userId);
    const account = this.account(accountPhone);
    const message = account.addMessage({ peerUserId: userId, out: false, text: '', service: action, shape: 'full' });
    this.emit({ kind: 'newMessage', account, message });
    return message;
  }

  /** A simulated user sends a photo (the bytes are what upload.getFile serves back). */
  userSendsPhoto(accountPhone: string, userId: number, bytes: Buffer, caption = ''): StoredMessage {
    this.user(userId);
    const account = this.account(accountPhone);
    const photo = this.storePhoto(bytes);
    const message = account.addMessage({ peerUserId: userId, out: false, text: caption, photo });
    this.emit({ kind: 'newMessage', account, message });
    return message;
  }

  /** A simulated user sends any non-photo media kind (see media.ts); `caption` is the message text. */
  userSendsMedia(accountPhone: string, userId: number, kind: MediaKind, bytes: Buffer, options: { caption?: string; emoji?: string; fileName?: string; mimeType?: string; dcId?: number } = {}): StoredMessage {
    this.user(userId);
    const account = this.account(accountPhone);
    const document = this.storeDocument(kind, bytes, options);
    const message = account.addMessage({ peerUserId: userId, out: false, text: options.caption ?? '', document });
    this.emit({ kind: 'newMessage', account, message });
    return message;
  }

  /**
   * The document's file reference changes (Telegram rotates them): downloads with the old one
   * answer FILE_REFERENCE_EXPIRED until the client fetches the message again.
   */
  expireFileReference(documentId: string): void {
    const document = this.documents.get(documentId);
    if (document) document.fileReference = randomBytes(8);
  }

  /** Telegram drops the account's pending pushes and sends updatesTooLong instead. */
  updatesTooLong(accountPhone: string): void {
    this.emit({ kind: 'tooLong', account: this.account(accountPhone) });
  }

  storeDocument(kind: MediaKind, bytes: Buffer, options: { emoji?: string; fileName?: string; mimeType?: string; dcId?: number } = {}): StoredDocument {
    const id = String(this.nextPhotoId++);
    const document: StoredDocument = {
      id,
      accessHash: randomBytes(4).readUInt32LE(0).toString(),
      fileReference: randomBytes(8),
      bytes,
      kind,
      mimeType: options.mimeType ?? defaultMime[kind],
      ...(options.emoji === undefined ? {} : { emoji: options.emoji }),
      ...(options.fileName === undefined ? {} : { fileName: options.fileName }),
      ...(options.dcId === undefined ? {} : { dcId: options.dcId }),
    };
    this.documents.set(id, document);
    return document;
  }

  /** Keeps photo bytes so upload.getFile can serve them. */
  storePhoto(bytes: Buffer): StoredPhoto {
    const id = String(this.nextPhotoId++);
    const photo: StoredPhoto = { id, accessHash: randomBytes(4).readUInt32LE(0).toString(), bytes, width: 800, height: 600 };
    this.photos.set(id, photo);
    return photo;
  }

  saveFilePart(fileId: string, part: number, bytes: Buffer): void {
    const parts = this.uploads.get(fileId) ?? new Map<number, Buffer>();
    parts.set(part, Buffer.from(bytes));
    this.uploads.set(fileId, parts);
  }

  /** The uploaded file's bytes if all `partCount` parts arrived (and forgets them), else undefined. */
  takeUpload(fileId: string, partCount: number): Buffer | undefined {
    const parts = this.uploads.get(fileId);
    if (!parts) return undefined;
    const ordered: Buffer[] = [];
    for (let i = 0; i < partCount; i++) {
      const part = parts.get(i);
      if (!part) return undefined;
      ordered.push(part);
    }
    this.uploads.delete(fileId);
    return Buffer.concat(ordered);
  }

  /** A logged-in account scanned a QR login token: tell the exporting client. */
  loginTokenAccepted(record: LoginTokenRecord, phone: string): void {
    record.acceptedBy = normalizePhone(phone);
    this.emit({ kind: 'loginTokenAccepted', keyId: record.keyId });
  }

  /** Subscribes to world changes; returns the unsubscribe function. */
  subscribe(listener: (e: WorldEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: WorldEvent): void {
    for (const l of this.listeners) l(event);
  }
}

const defaultMime: Record<MediaKind, string> = {
  image: 'image/png',
  voice: 'audio/ogg',
  round: 'video/mp4',
  video: 'video/mp4',
  sticker: 'image/webp',
  gif: 'video/mp4',
  file: 'application/pdf',
};

/** Telegram clients send phones with or without '+' and spaces; the world keys them by digits. */
export function normalizePhone(phone: string): string {
  return phone.replace(/\D/g, '');
}
