import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outgoingMediaFile } from '../../../src/main/media/mediaLibrary';
import { testApp } from '../../support/appFixture';
import { tempDir } from '../../support/tempDb';

const app = testApp();
afterAll(() => app.close());

const jpeg = Buffer.from('\xff\xd8\xff\xe0 a small jpeg for the media tests', 'latin1');

/** A one-step script whose greeting carries `path` as a photo. */
const scriptWith = (path: string) =>
  JSON.stringify({
    formatVersion: 1,
    name: 'With media',
    startFlow: 'main',
    flows: [{ id: 'main', name: 'Main', start: 'hi', steps: [{ id: 'hi', type: 'message', messages: [{ text: 'Look', media: { kind: 'photo', path } }] }] }],
  });

const mediaPath = async (id: number): Promise<string> => {
  const body = (await app.call('scripts.get', { id })).body as { flows: { steps: { messages: { media: { path: string } }[] }[] }[] };
  return body.flows[0]!.steps[0]!.messages[0]!.media.path;
};

describe('script media: copied into the data folder, confined to its media folder', () => {
  it('media.store copies a picked file under its content hash; the same bytes are stored once', async () => {
    const a = await app.call('media.store', { name: 'Offer.JPG', dataBase64: jpeg.toString('base64') });
    const b = await app.call('media.store', { name: 'copy.jpg', dataBase64: jpeg.toString('base64') });
    expect(a).toEqual({ path: expect.stringMatching(/^media\/library\/[0-9a-f]{32}\.jpg$/) as unknown, kind: 'photo', size: jpeg.length });
    expect(b.path).toBe(a.path);
    expect(readFileSync(join(app.info.dataDir, a.path))).toEqual(jpeg);
    const preview = await app.call('media.preview', { path: a.path });
    expect(preview).toEqual({ dataUrl: `data:image/jpeg;base64,${jpeg.toString('base64')}`, size: jpeg.length, problem: null });
  });

  it('import copies the referenced media given with the script and points the script at the copy', async () => {
    const result = await app.call('scripts.import', { json: scriptWith('media/welcome.jpg'), files: [{ name: 'welcome.jpg', dataBase64: jpeg.toString('base64') }] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const path = await mediaPath(result.id);
    expect(path).toMatch(/^media\/library\/[0-9a-f]{32}\.jpg$/);
    expect(readFileSync(join(app.info.dataDir, path))).toEqual(jpeg);
  });

  it('export then import into another data folder: the media saved next to the JSON come back in', async () => {
    const result = await app.call('scripts.import', { json: scriptWith('media/welcome.jpg'), files: [{ name: 'welcome.jpg', dataBase64: jpeg.toString('base64') }] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { json } = await app.call('scripts.export', { id: result.id });
    const list = await app.call('media.ofScript', { id: result.id });
    expect(list).toEqual([{ path: expect.stringMatching(/^media\/library\/[0-9a-f]{32}\.jpg$/) as unknown, name: expect.stringMatching(/^[0-9a-f]{32}\.jpg$/) as unknown, size: jpeg.length }]);
    const files = await Promise.all(list.map(async (f) => ({ name: f.name, dataBase64: (await app.call('media.read', { id: result.id, path: f.path, offset: 0 })).dataBase64 })));
    expect(files[0]?.dataBase64).toBe(jpeg.toString('base64'));
    const other = testApp();
    try {
      expect((await other.call('scripts.import', { json })).ok).toBe(false);
      const again = await other.call('scripts.import', { json, files });
      if (!again.ok) throw new Error(JSON.stringify(again.problems));
      const body = (await other.call('scripts.get', { id: again.id })).body as { flows: { steps: { messages: { media: { path: string } }[] }[] }[] };
      expect(readFileSync(join(other.info.dataDir, body.flows[0]!.steps[0]!.messages[0]!.media.path))).toEqual(jpeg);
    } finally {
      await other.close();
    }
  });

  it('import without the media file is refused, naming the missing file; nothing is stored', async () => {
    const before = (await app.call('scripts.list', {})).length;
    const result = await app.call('scripts.import', { json: scriptWith('media/promo.mp4') });
    expect(result).toEqual({ ok: false, problems: [{ path: 'flows[0].steps[0].messages[0].media.path', code: 'mediaMissing', params: { path: 'media/promo.mp4' } }] });
    expect((await app.call('scripts.list', {})).length).toBe(before);
  });

  it('paths that climb out, absolute paths and backslashes are refused by import and publish', async () => {
    for (const path of ['media/../secrets.json', '../media/x.jpg', '/etc/passwd', 'C:\\Windows\\win.ini', 'media\\..\\x.jpg', 'media//x.jpg', 'offer.jpg']) {
      const result = await app.call('scripts.import', { json: scriptWith(path), files: [{ name: 'x.jpg', dataBase64: jpeg.toString('base64') }] });
      expect(result, path).toEqual({ ok: false, problems: [{ path: 'flows[0].steps[0].messages[0].media.path', code: 'mediaPath' }] });
    }
    const { id } = await app.call('scripts.create', { name: 'Traversal' });
    const { body, revision } = await app.call('scripts.get', { id });
    const bad = structuredClone(body) as { flows: { steps: { messages?: { text: string; media?: unknown }[] }[] }[] };
    bad.flows[0]!.steps[0]!.messages![0]!.media = { kind: 'document', path: 'media/../../etc/passwd' };
    expect(await app.call('scripts.publish', { id, body: bad, revision })).toMatchObject({ ok: false, problems: [{ code: 'mediaPath' }] });
    expect(await app.call('media.preview', { path: 'media/../etc/passwd' })).toEqual({ dataUrl: null, size: null, problem: 'media_outside' });
  });

  it('a symlink in the media folder that leads out is refused on publish, preview and send', async () => {
    const outside = join(tempDir(), 'secret.txt');
    writeFileSync(outside, 'not for leads');
    mkdirSync(join(app.info.dataDir, 'media'), { recursive: true });
    symlinkSync(outside, join(app.info.dataDir, 'media', 'link.txt'));
    const { id } = await app.call('scripts.create', { name: 'Symlink' });
    const { body, revision } = await app.call('scripts.get', { id });
    const linked = structuredClone(body) as { flows: { steps: { messages?: { text: string; media?: unknown }[] }[] }[] };
    linked.flows[0]!.steps[0]!.messages![0]!.media = { kind: 'document', path: 'media/link.txt' };
    expect(await app.call('scripts.publish', { id, body: linked, revision })).toEqual({
      ok: false,
      problems: [{ path: 'flows[0].steps[0].messages[0].media.path', code: 'mediaOutside', params: { path: 'media/link.txt' } }],
    });
    expect((await app.call('media.preview', { path: 'media/link.txt' })).problem).toBe('media_outside');
    // The sender refuses it too, as an unreadable file (the row fails for good, nothing is uploaded).
    expect(() => outgoingMediaFile(app.info.dataDir, 'media/link.txt')).toThrow(expect.objectContaining({ code: 'EPERM' }) as Error);
    expect(existsSync(outside)).toBe(true);
  });

  it('publishing a script whose media file is gone is refused with the missing file', async () => {
    const { id } = await app.call('scripts.create', { name: 'Missing' });
    const { body, revision } = await app.call('scripts.get', { id });
    const gone = structuredClone(body) as { flows: { steps: { messages?: { text: string; media?: unknown }[] }[] }[] };
    gone.flows[0]!.steps[0]!.messages![0]!.media = { kind: 'photo', path: 'media/library/0000.jpg' };
    expect(await app.call('scripts.publish', { id, body: gone, revision })).toEqual({
      ok: false,
      problems: [{ path: 'flows[0].steps[0].messages[0].media.path', code: 'mediaMissing', params: { path: 'media/library/0000.jpg' } }],
    });
  });
});
