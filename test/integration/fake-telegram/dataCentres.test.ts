import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'teleproto';
import { NewMessage, type NewMessageEvent } from 'teleproto/events';
import { bigInt } from '../../../src/main/telegram/bigInteger';
import { startFakeTelegram, type FakeTelegram } from '../../support/fake-telegram/harness';

/** Two data centres: PHONE_MIGRATE at login, FILE_MIGRATE and the exported authorization for files. */

let fake: FakeTelegram;
beforeEach(async () => {
  fake = await startFakeTelegram();
});
afterEach(async () => {
  const errors = fake.server.connectionErrors;
  await fake.stop();
  expect(errors).toEqual([]);
});

describe('fake telegram: two data centres', () => {
  it('an account that lives on DC 4: the login on DC 2 is sent there (PHONE_MIGRATE_4) and completes on DC 4', async () => {
    fake.addAccount({ phone: '15551201', homeDc: 4 });
    const client = await fake.signedInClient('15551201');
    const me = (await client.getMe()) as Api.User;
    expect(me.phone).toBe('15551201');
    expect(fake.server.calls.find((c) => c.error === 'PHONE_MIGRATE_4')).toBeDefined();
    expect(client.session.dcId).toBe(4);
  });

  it('a file stored on DC 4: DC 2 answers FILE_MIGRATE_4; teleproto fetches it on DC 4 with an exported authorization', async () => {
    fake.addAccount({ phone: '15551202' });
    const alice = fake.world.addUser({ firstName: 'Alice' });
    const client = await fake.signedInClient('15551202');
    const received: Api.Message[] = [];
    client.addEventHandler((e: NewMessageEvent) => received.push(e.message), new NewMessage({ incoming: true }));
    const bytes = Buffer.from('voice on another data centre '.repeat(40));
    fake.world.userSendsMedia('15551202', alice.id, 'voice', bytes, { dcId: 4 });
    const message = await fake.waitFor(() => received[0], 'the pushed voice note');
    const doc = (message.media as Api.MessageMediaDocument).document as Api.Document;
    expect(doc.dcId).toBe(4);
    const onHomeDc = client.invoke(
      new Api.upload.GetFile({ location: new Api.InputDocumentFileLocation({ id: doc.id, accessHash: doc.accessHash, fileReference: doc.fileReference, thumbSize: '' }), offset: bigInt(0), limit: 4096 }),
    );
    await expect(onHomeDc).rejects.toMatchObject({ newDc: 4 });
    const downloaded = await client.downloadMedia(message, {});
    expect(Buffer.isBuffer(downloaded) && downloaded.equals(bytes)).toBe(true);
    expect(fake.server.callsTo('auth.ExportAuthorization')).toHaveLength(1);
    expect(fake.server.callsTo('auth.ImportAuthorization')).toEqual([expect.objectContaining({ error: undefined })]);
  });
});
