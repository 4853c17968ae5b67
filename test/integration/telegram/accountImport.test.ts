import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountView } from '../../../src/shared/rpc/accounts';
import type { ImportRow } from '../../../src/shared/rpc/accountImport';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';
import {
  asInput,
  issue,
  pyrogramSessionFile,
  pyrogramString,
  sessionJson,
  tdataFolder,
  telethonSessionFile,
  telethonString,
  unknownSession,
} from '../../support/import/sessionFixtures';
import { writeZip } from '../../support/import/zipWriter';
import { apiHash, closeTelegramApp, startTelegramApp, type TelegramApp } from './telegramFixture';

let fake: FakeTelegram;
let app: TelegramApp;

beforeEach(async () => {
  fake = await startFakeTelegram();
  app = startTelegramApp(fake);
});
afterEach(async () => {
  await closeTelegramApp(app);
  await fake.stop();
});

const importBatch = async (input: Record<string, unknown>): Promise<ImportRow[]> => ((await app.call('accounts.importBatch', input)) as { rows: ImportRow[] }).rows;
const accounts = async (): Promise<AccountView[]> => (await app.call('accounts.list', {})) as AccountView[];
const phone = (n: number): string => `1555020${n}`;
const add = (n: number, extra: Record<string, unknown> = {}): void => void fake.addAccount({ phone: phone(n), firstName: `Acc${n}`, username: `acc${n}`, ...extra });

const telethonJson = {
  app_id: 2496,
  app_hash: '8da85b0d5bfe62527e5b244c209159c3',
  device: 'Samsung SM-G998B',
  sdk: 'SDK 33',
  app_version: '10.14.5 (4205)',
  lang_pack: 'ru',
  system_lang_pack: 'ru-RU',
};

describe('account import: every format, checked against the local Telegram server', () => {
  it('imports Telethon .session + .json, Pyrogram .session, Telethon / Pyrogram / gramjs strings and tdata (folder and zip)', async () => {
    for (let n = 1; n <= 8; n++) add(n);
    const s = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => issue(fake.server, phone(n))));
    const [telethonFile, pyroFile, telethonStr, pyroStr, gramStr, td1, td2, tdZip] = s as [typeof s[0], typeof s[0], typeof s[0], typeof s[0], typeof s[0], typeof s[0], typeof s[0], typeof s[0]];
    const folder = await tdataFolder([td1, td2]);
    const zipped = await tdataFolder([tdZip]);
    const rows = await importBatch({
      files: [
        ...asInput([
          { path: 'shop/79990001.session', bytes: telethonSessionFile(telethonFile) },
          { path: 'shop/79990001.json', bytes: sessionJson(telethonJson) },
          { path: 'shop/pyro.session', bytes: pyrogramSessionFile(pyroFile) },
          { path: 'strings.txt', bytes: Buffer.from(`${telethonString(telethonStr)}\n\n${pyrogramString(pyroStr)}\n`) },
        ]),
        ...asInput(folder, 'Telegram Desktop/tdata/'),
        ...asInput([{ path: 'desktop.zip', bytes: writeZip(zipped.map((f) => ({ path: `tdata/${f.path}`, bytes: f.bytes }))) }]),
      ],
      text: gramStr.gramjs,
      apiId: 7,
      apiHash,
      scriptId: app.engine.scriptId,
    });
    expect(rows.map((r) => [r.format, r.outcome, r.account?.username])).toEqual([
      ['tdata', 'imported', 'acc6'],
      ['tdata', 'imported', 'acc7'],
      ['tdata', 'imported', 'acc8'],
      ['telethon_session', 'imported', 'acc1'],
      ['pyrogram_session', 'imported', 'acc2'],
      ['telethon_string', 'imported', 'acc3'],
      ['pyrogram_string', 'imported', 'acc4'],
      ['gramjs_string', 'imported', 'acc5'],
    ]);
    expect(rows.map((r) => r.source)).toEqual([
      'Telegram Desktop/tdata (account 1)',
      'Telegram Desktop/tdata (account 2)',
      'desktop.zip/tdata',
      'shop/79990001.session + .json',
      'shop/pyro.session',
      'strings.txt, line 1',
      'strings.txt, line 3',
      'pasted text',
    ]);
    const list = await accounts();
    expect(list).toHaveLength(8);
    expect(list.every((a) => a.status === 'online')).toBe(true);
    // No login round trips: every account came in on the session it was given.
    expect(fake.server.callsTo('auth.SignIn')).toHaveLength(0);
    expect(fake.server.callsTo('auth.SendCode')).toHaveLength(0);

    // Each keeps the API id and device it came with: tdata as Telegram Desktop, the .json's phone as itself.
    const byUser = new Map(list.map((a) => [a.username, a]));
    expect(byUser.get('acc1')).toMatchObject({ apiId: 2496, device: { deviceModel: 'Samsung SM-G998B', systemVersion: 'SDK 33', appVersion: '10.14.5 (4205)', langCode: 'ru', systemLangCode: 'ru-RU' } });
    expect(byUser.get('acc6')).toMatchObject({ apiId: 2040, device: { deviceModel: 'Desktop' } });
    expect(byUser.get('acc3')).toMatchObject({ apiId: 7 });
    const seen = fake.server.activeSessions(phone(1)).map((x) => x.initConnection);
    expect(seen).toContainEqual({ apiId: 2496, deviceModel: 'Samsung SM-G998B', systemVersion: 'SDK 33', appVersion: '10.14.5 (4205)', langCode: 'ru', systemLangCode: 'ru-RU' });
    expect(fake.server.activeSessions(phone(6)).map((x) => x.initConnection?.apiId)).toContain(2040);

    // The imported account works: a lead writes and the funnel answers through it.
    const lead = fake.world.addUser({ firstName: 'Lead' });
    fake.world.userWrites(phone(1), lead.id, 'hello');
    await fake.waitFor(() => fake.world.account(phone(1)).sent.length > 0, 'the imported account to answer');
  });

  it('one row per account for a mixed batch: duplicate, already present, dead, banned, AUTH_KEY_DUPLICATED, 2FA, wrong format, no API id', async () => {
    for (let n = 1; n <= 7; n++) add(n, n === 6 ? { password: 'open sesame' } : {});
    const good = await issue(fake.server, phone(1));
    const goodOtherSession = await issue(fake.server, phone(1));
    const present = await issue(fake.server, phone(2));
    const dead = await issue(fake.server, phone(3));
    fake.server.terminateSessions(phone(3));
    const banned = await issue(fake.server, phone(4));
    fake.world.account(phone(4)).banned = true;
    const duplicated = await issue(fake.server, phone(5));
    fake.server.markDuplicated(duplicated.keyId);
    const pending = await issue(fake.server, phone(6), { pendingPassword: true });
    const pendingWithJson = await issue(fake.server, phone(6), { pendingPassword: true });
    const noApi = await issue(fake.server, phone(7));

    // Account 2 is already in Voronka (same session), then comes again in the batch.
    await importBatch({ text: present.gramjs, apiId: 7, apiHash });
    const rows = await importBatch({
      files: asInput([
        { path: 'a/good.session', bytes: telethonSessionFile(good) },
        { path: 'b/good-again.session', bytes: telethonSessionFile(goodOtherSession) },
        { path: 'c/good-copy.session', bytes: telethonSessionFile(good) },
        { path: 'pending.session', bytes: telethonSessionFile(pendingWithJson) },
        { path: 'pending.json', bytes: sessionJson({ ...telethonJson, twoFA: 'open sesame' }) },
        { path: 'notes.docx', bytes: Buffer.from('PK\u0003\u0004 not really a zip') },
        { path: 'photo.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
        { path: 'orphan.json', bytes: sessionJson(telethonJson) },
      ]),
      text: [present.gramjs, dead.gramjs, unknownSession(2), telethonString(banned), telethonString(duplicated), pending.gramjs, 'hello world'].join('\n'),
      apiId: 7,
      apiHash,
    });
    const outcomes = rows.map((r) => [r.source, r.outcome, r.detail]);
    expect(outcomes).toEqual([
      // Archives are opened first, so a broken one is reported before the accounts.
      ['notes.docx', 'wrong_format', expect.stringMatching(/zip/i)],
      ['a/good.session', 'imported', null],
      ['b/good-again.session', 'already_present', 'The same account appears twice in this batch'],
      ['c/good-copy.session', 'already_present', 'This exact session is already in Voronka'],
      ['pending.session + .json', 'imported', null],
      ['photo.jpg', 'wrong_format', expect.stringMatching(/Not a format Voronka imports/)],
      ['orphan.json', 'wrong_format', expect.stringMatching(/without its \.session/)],
      ['pasted text, line 1', 'already_present', 'This exact session is already in Voronka'],
      ['pasted text, line 2', 'dead', 'AUTH_KEY_UNREGISTERED'],
      ['pasted text, line 3', 'dead', 'AUTH_KEY_UNKNOWN'],
      ['pasted text, line 4', 'banned', 'USER_DEACTIVATED_BAN'],
      ['pasted text, line 5', 'duplicated', 'AUTH_KEY_DUPLICATED'],
      ['pasted text, line 6', 'needs_password', 'SESSION_PASSWORD_NEEDED'],
      ['pasted text, line 7', 'wrong_format', expect.stringMatching(/Not a Telethon, Pyrogram or gramjs session string/)],
    ]);
    expect(rows[7]).toMatchObject({ warning: 'session_shared', account: { username: 'acc2' } });
    expect((await accounts()).map((a) => a.username).sort()).toEqual(['acc1', 'acc2', 'acc6']);

    // A batch-wide 2FA password completes the session that waited for one; a wrong one says so.
    const again = await issue(fake.server, phone(6), { pendingPassword: true });
    expect((await importBatch({ text: again.gramjs, apiId: 7, apiHash, password: 'wrong' }))[0]).toMatchObject({ outcome: 'needs_password', detail: 'PASSWORD_HASH_INVALID' });
    // Without API credentials, formats that carry none cannot be checked.
    expect((await importBatch({ text: noApi.gramjs }))[0]).toMatchObject({ outcome: 'needs_api' });
  });

  it('reads a tdata locked with a local passcode only with that passcode', async () => {
    add(1);
    const files = await tdataFolder([await issue(fake.server, phone(1))], 'local-pass');
    expect((await importBatch({ files: asInput(files, 'tdata/') }))[0]).toMatchObject({ format: 'tdata', outcome: 'wrong_format', detail: expect.stringMatching(/passcode/) });
    expect((await importBatch({ files: asInput(files, 'tdata/'), tdataPasscode: 'local-pass' }))[0]).toMatchObject({ format: 'tdata', outcome: 'imported' });
  });
});
