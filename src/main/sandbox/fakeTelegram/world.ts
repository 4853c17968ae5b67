import { randomBytes } from 'node:crypto';
import { Account, normalizePhone, type AccountSpec } from './account';
import { unixNow } from './bytes';
import type { MediaKind, StoredDocument } from './media';
import type { ServiceAction, SimChannel, SimUser, StoredMessage, StoredPhoto } from './worldRecords';

/**
 * Everything the fake Telegram "knows", in plain data: logged-in-able accounts, simulated people who
 * write to them, each account's message box with its pts, and a record of what each account did
 * (sent, typed, read) for assertions. Turning this into TL objects is tlViews.ts's job; pushing it
 * to connected clients is the server's.
 */

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
