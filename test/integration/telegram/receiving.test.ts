import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import type { MediaKind } from '../../../src/main/sandbox/fakeTelegram/media';
import type { SimUser } from '../../../src/main/sandbox/fakeTelegram/worldRecords';
import { signIn, startTelegramApp, type TelegramApp, closeAppAndServer } from './telegramFixture';

/** §2.3 media kinds, §2.4 downloads off the update path, §2.7 the owner answering from the phone, §2.8 min users and fresh names. */

let fake: FakeTelegram;
let app: TelegramApp;
let alice: SimUser;
let bob: SimUser;
let accountId: number;
const PHONE = '15550801';

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addAccount({ phone: PHONE });
  alice = fake.world.addUser({ firstName: 'Alice', username: 'alice' });
  bob = fake.world.addUser({ firstName: 'Bob' });
  app = startTelegramApp(fake);
  accountId = (await signIn(app, fake, PHONE)).id;
});
afterEach(() => closeAppAndServer(app, fake));

const sent = (): { text: string; peerUserId: number }[] => fake.world.account(PHONE).sent;
const db = (): TelegramApp['engine']['db'] => app.engine.db;
const leadOf = (user: SimUser): { id: number; status: string; access_hash: string | null; first_name: string | null } | undefined =>
  db().prepare('SELECT id, status, access_hash, first_name FROM leads WHERE peer_id = ?').get(String(user.id)) as never;
const incoming = (): { text: string; media: string | null; handled_at: number | null }[] =>
  db().prepare("SELECT text, media, handled_at FROM messages WHERE direction = 'in' ORDER BY id").all() as never;

describe('telegram: every media kind reaches the funnel (§2.3)', () => {
  it('an image sent as a file is stored as a photo with its bytes, like a compressed photo', async () => {
    const png = Buffer.from('\x89PNG fake screenshot bytes '.repeat(30), 'latin1');
    fake.world.userSendsMedia(PHONE, alice.id, 'image', png, { caption: 'мой ID' });
    await fake.waitFor(() => sent().length === 1, 'the answer');
    const [row] = incoming();
    const media = JSON.parse(row?.media ?? 'null') as { kind: string; path: string } | null;
    expect(media?.kind).toBe('photo');
    expect(media && existsSync(media.path) && readFileSync(media.path).equals(png)).toBe(true);
  });

  const kinds: [MediaKind, string][] = [
    ['voice', 'voice'],
    ['round', 'round'],
    ['video', 'video'],
    ['sticker', 'sticker'],
    ['gif', 'gif'],
    ['file', 'document'],
  ];
  it.each(kinds)('a %s is stored as its kind with its bytes, and the funnel answers it', async (kind, stored) => {
    const bytes = Buffer.from(`${kind} bytes `.repeat(20));
    fake.world.userSendsMedia(PHONE, alice.id, kind, bytes, { emoji: '👍', fileName: 'terms.pdf' });
    await fake.waitFor(() => sent().length === 1, 'the answer');
    const [row] = incoming();
    const media = JSON.parse(row?.media ?? 'null') as { kind: string; path: string; emoji?: string } | null;
    expect(media?.kind).toBe(stored);
    expect(media && readFileSync(media.path).equals(bytes)).toBe(true);
    if (kind === 'sticker') expect(media?.emoji).toBe('👍');
  });
});

describe('telegram: downloads never stall the account (§2.4)', () => {
  it('a slow upload.getFile for one lead’s photo does not hold another lead’s answer', async () => {
    fake.faults.delay('upload.getFile', 600_000);
    fake.world.userSendsPhoto(PHONE, alice.id, Buffer.from('jpeg'.repeat(100)), 'screenshot');
    await fake.waitFor(() => fake.server.callsTo('upload.GetFile').length > 0, 'the download to start');
    fake.world.userWrites(PHONE, bob.id, 'hello');
    await fake.waitFor(() => sent().some((s) => s.peerUserId === bob.id), 'Bob’s answer while Alice’s photo downloads');
    // Alice's message is stored already, before its media arrived.
    expect(db().prepare("SELECT COUNT(*) FROM messages WHERE direction = 'in'").pluck().get()).toBe(2);
    fake.faults.delay('upload.getFile', 0);
  });

  it('a voice note stored on another data centre is downloaded there (exported authorization)', async () => {
    const ogg = Buffer.from('OggS voice on DC 4 '.repeat(30));
    fake.world.userSendsMedia(PHONE, alice.id, 'voice', ogg, { dcId: 4 });
    await fake.waitFor(() => sent().length === 1, 'the answer');
    await app.service.idle();
    const media = JSON.parse(incoming()[0]?.media ?? 'null') as { kind: string; path: string } | null;
    expect(media?.kind).toBe('voice');
    expect(media && readFileSync(media.path).equals(ogg)).toBe(true);
    expect(fake.server.callsTo('auth.ImportAuthorization')).toEqual([expect.objectContaining({ error: undefined })]);
  });

  it('FILE_REFERENCE_EXPIRED: the message is fetched again and the download completes', async () => {
    const jpeg = Buffer.from('\xff\xd8\xff refreshed '.repeat(30), 'latin1');
    const sentMessage = fake.world.userSendsMedia(PHONE, alice.id, 'image', jpeg);
    // Telegram rotated the reference after the push went out: the pushed copy is stale.
    fake.world.expireFileReference(sentMessage.document?.id ?? '');
    await fake.waitFor(() => sent().length === 1, 'the answer');
    const media = JSON.parse(incoming()[0]?.media ?? 'null') as { kind: string; path: string } | null;
    expect(media && readFileSync(media.path).equals(jpeg)).toBe(true);
    expect(fake.server.callsTo('messages.GetMessages').length).toBeGreaterThan(0);
  });
});

describe('telegram: the owner answers from the phone (§2.7)', () => {
  it('an outgoing message the app did not send is stored as an operator message and the chat goes to manual', async () => {
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => sent().length === 1, 'the funnel’s answer');
    fake.world.accountWritesElsewhere(PHONE, alice.id, 'Это я, отвечу сам');
    await fake.waitFor(() => leadOf(alice)?.status === 'manual', 'the chat to go manual');
    const out = db().prepare("SELECT sender, text, status FROM messages WHERE direction = 'out' ORDER BY id").all();
    expect(out).toEqual([
      { sender: 'bot', text: 'ping', status: 'sent' },
      { sender: 'operator', text: 'Это я, отвечу сам', status: 'sent' },
    ]);
    // The funnel's own message (seen again through getDifference) is not taken for the owner's.
    fake.faults.dropPushes(1);
    fake.world.userWrites(PHONE, alice.id, 'ok');
    fake.world.userWrites(PHONE, alice.id, 'ok?');
    await fake.waitFor(() => incoming().length === 3, 'both later messages');
    expect(db().prepare("SELECT COUNT(*) FROM messages WHERE sender = 'operator'").pluck().get()).toBe(1);
    expect(sent()).toHaveLength(1); // manual: the funnel is quiet
  });

  it('with the setting off, the owner’s message is stored but the funnel keeps going', async () => {
    await app.call('accounts.update', { id: accountId, human: { ownerRepliesTakeOver: false } });
    fake.world.userWrites(PHONE, alice.id, 'hello');
    await fake.waitFor(() => sent().length === 1, 'the funnel’s answer');
    fake.world.accountWritesElsewhere(PHONE, alice.id, 'from my phone');
    await fake.waitFor(() => db().prepare("SELECT COUNT(*) FROM messages WHERE sender = 'operator'").pluck().get() === 1, 'the owner’s message stored');
    expect(leadOf(alice)?.status).not.toBe('manual');
  });
});

describe('telegram: peers (§2.8)', () => {
  it('a first message whose sender comes as a min user: the min access_hash is not stored and the answer goes out', async () => {
    fake.world.userWrites(PHONE, alice.id, 'hello', { shape: 'full', minSender: true });
    await fake.waitFor(() => sent().length === 1 || leadOf(alice)?.status === 'stopped', 'an answer (or a refusal)');
    expect(leadOf(alice)).toMatchObject({ access_hash: alice.accessHash });
    expect(sent()).toHaveLength(1);
  });

  it('a full user with a new name refreshes the lead’s name and access_hash', async () => {
    fake.world.userWrites(PHONE, alice.id, 'hello', { shape: 'full' });
    await fake.waitFor(() => sent().length === 1, 'the first answer');
    alice.firstName = 'Алиса';
    fake.world.userWrites(PHONE, alice.id, 'again', { shape: 'full' });
    await fake.waitFor(() => sent().length === 2, 'the second answer');
    expect(leadOf(alice)).toMatchObject({ first_name: 'Алиса', access_hash: alice.accessHash });
  });

  it('a lead Telegram shows only as a min user (no usable access_hash ever): the answer goes out through inputPeerUserFromMessage', async () => {
    const carol = fake.world.addUser({ firstName: 'Carol', minOnly: true });
    const first = fake.world.userWrites(PHONE, carol.id, 'hello', { shape: 'full' });
    await fake.waitFor(() => sent().length === 1 || leadOf(carol)?.status === 'stopped' || failedRows() > 0, 'an answer (or a refusal)');
    expect(failedRows()).toBe(0);
    expect(sent()).toMatchObject([{ peerUserId: carol.id }]);
    expect(leadOf(carol)?.access_hash).toBeNull(); // the min hash is never stored
    expect(fake.server.callsTo('messages.SendMessage').filter((c) => c.error)).toEqual([]);
    expect(fake.world.account(PHONE).reads.at(-1)).toMatchObject({ peerUserId: carol.id, maxId: first.id });
  });

  it('a stored access_hash Telegram refuses (PEER_ID_INVALID): the answer goes through inputPeerUserFromMessage, once', async () => {
    fake.world.userWrites(PHONE, alice.id, 'hello', { shape: 'full' });
    await fake.waitFor(() => sent().length === 1, 'the first answer');
    await app.service.idle();
    db().prepare('UPDATE leads SET access_hash = ? WHERE peer_id = ?').run('424242', String(alice.id));
    fake.world.userWrites(PHONE, alice.id, 'again');
    await fake.waitFor(() => sent().length === 2 || failedRows() > 0, 'the second answer (or a failed row)');
    expect(failedRows()).toBe(0);
    expect(sent().filter((s) => s.peerUserId === alice.id)).toHaveLength(2);
  });
});

const failedRows = (): number => db().prepare("SELECT COUNT(*) FROM messages WHERE direction = 'out' AND status = 'failed'").pluck().get() as number;
