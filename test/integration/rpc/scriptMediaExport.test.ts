import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { startHeadlessServer } from '../../../src/main/headlessServer';
import { createLogger } from '../../../src/main/log';
import { maxFrameBytes } from '../../../src/main/rpc/socketTransport';
import { rpcSocket } from '../../support/rpcSocket';
import { tempDir } from '../../support/tempDb';

// Export and import of a script's media through the real RPC server (the headless host's WebSocket,
// whose frames are limited to 8 MB), the way the scripts page does it: the files are far larger
// together than one frame, and two of them share a file name in different folders.

const quiet = createLogger('test', { sink: () => {} });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function host() {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body>app</body></html>');
  const app = createApp({ dataDir: tempDir(), host: 'headless', version: 't', defaultLanguage: 'en', log: quiet, tracker: { port: 0 } });
  const server = await startHeadlessServer({ app, rendererDir, port: 0 });
  const rpc = await rpcSocket(server.url);
  cleanups.push(async () => {
    rpc.close();
    await server.close();
    await app.close();
  });
  return { app, rpc };
}

type Body = { flows: { steps: { messages: { media: { path: string } }[] }[] }[] };
const mediaOf = (body: unknown): string[] => (body as Body).flows[0]!.steps[0]!.messages.map((m) => m.media.path);

describe('script media export and import over the RPC socket', () => {
  it('two 5 MB files (plus a third with the same name in another folder) go out one reply at a time and come back in, each to its own message', { timeout: 120_000 }, async () => {
    const from = await host();
    const files: Record<string, Buffer> = { 'media/promo/offer.mp4': randomBytes(5 * 1024 * 1024), 'media/bonus/offer.mp4': randomBytes(5 * 1024 * 1024), 'media/welcome.jpg': randomBytes(1024) };
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(join(from.app.info.dataDir, ...path.split('/').slice(0, -1)), { recursive: true });
      writeFileSync(join(from.app.info.dataDir, ...path.split('/')), bytes);
    }
    const paths = Object.keys(files);
    const json = JSON.stringify({
      formatVersion: 1,
      name: 'Heavy media',
      startFlow: 'main',
      flows: [{ id: 'main', name: 'Main', start: 'hi', steps: [{ id: 'hi', type: 'message', messages: paths.map((path, i) => ({ text: `m${i}`, media: { kind: path.endsWith('.jpg') ? 'photo' : 'video', path } })) }] }],
    });
    // Files already in this data folder's media folder are used where they are.
    const created = await from.rpc.call<{ ok: boolean; id: number }>('scripts.import', { json, files: [] });
    expect(created.ok).toBe(true);

    // Export, as the scripts page does: the JSON, the list of files, then each file piece by piece.
    const exported = await from.rpc.call<{ json: string }>('scripts.export', { id: created.id, includeSecrets: false });
    const list = await from.rpc.call<{ path: string; name: string; size: number }[]>('media.ofScript', { id: created.id });
    expect(list.map((f) => [f.path, f.name, f.size]).sort()).toEqual([
      ['media/bonus/offer.mp4', 'bonus__offer.mp4', 5 * 1024 * 1024],
      ['media/promo/offer.mp4', 'promo__offer.mp4', 5 * 1024 * 1024],
      ['media/welcome.jpg', 'welcome.jpg', 1024],
    ]);
    const saved: { name: string; bytes: Buffer }[] = [];
    let total = 0;
    for (const file of list) {
      const pieces: Buffer[] = [];
      for (let offset: number | null = 0; offset !== null; ) {
        const piece: { dataBase64: string; nextOffset: number | null } = await from.rpc.call('media.read', { id: created.id, path: file.path, offset });
        expect(JSON.stringify(piece).length).toBeLessThan(maxFrameBytes);
        pieces.push(Buffer.from(piece.dataBase64, 'base64'));
        offset = piece.nextOffset;
      }
      saved.push({ name: file.name, bytes: Buffer.concat(pieces) });
      total += file.size;
    }
    expect(total).toBeGreaterThan(maxFrameBytes);
    for (const file of list) expect(saved.find((s) => s.name === file.name)?.bytes.equals(files[file.path]!)).toBe(true);

    // Import elsewhere, as the import button does: each file into the media library (uploaded piece
    // by piece), then the script naming them by the stored path.
    const to = await host();
    const stored: { name: string; path: string }[] = [];
    for (const file of saved) {
      const { uploadId, pieceBytes } = await to.rpc.call<{ uploadId: string; pieceBytes: number }>('media.uploadBegin', { name: file.name, size: file.bytes.length });
      for (let offset = 0; offset < file.bytes.length; offset += pieceBytes)
        await to.rpc.call('media.uploadPiece', { uploadId, offset, dataBase64: file.bytes.subarray(offset, offset + pieceBytes).toString('base64') });
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      stored.push({ name: file.name, path: (await to.rpc.call<{ path: string }>('media.uploadFinish', { uploadId, sha256 })).path });
    }
    const imported = await to.rpc.call<{ ok: boolean; id: number; problems?: unknown }>('scripts.import', { json: exported.json, files: stored });
    expect(imported).toMatchObject({ ok: true });
    const body = (await to.rpc.call<{ body: unknown }>('scripts.get', { id: imported.id })).body;
    const landed = mediaOf(body).map((path) => readFileSync(join(to.app.info.dataDir, ...path.split('/'))));
    paths.forEach((path, i) => expect(landed[i]?.equals(files[path]!), path).toBe(true));
  });

  it('media.read reads only files the script sends, inside the media folder: not another file, not a link out of it', async () => {
    const { app, rpc } = await host();
    const dataDir = app.info.dataDir;
    mkdirSync(join(dataDir, 'media'), { recursive: true });
    writeFileSync(join(dataDir, 'media', 'used.jpg'), randomBytes(64));
    writeFileSync(join(dataDir, 'media', 'other.jpg'), randomBytes(64));
    const secret = join(tempDir(), 'secret.jpg');
    writeFileSync(secret, 'not for export');
    writeFileSync(join(dataDir, 'media', 'link.jpg'), randomBytes(64));
    const json = JSON.stringify({
      formatVersion: 1,
      name: 'Confined',
      startFlow: 'main',
      flows: [{ id: 'main', name: 'Main', start: 'hi', steps: [{ id: 'hi', type: 'message', messages: ['media/used.jpg', 'media/link.jpg'].map((path) => ({ text: 'x', media: { kind: 'photo', path } })) }] }],
    });
    const created = await rpc.call<{ ok: boolean; id: number }>('scripts.import', { json, files: [] });
    expect(created.ok).toBe(true);
    await expect(rpc.call('media.read', { id: created.id, path: 'media/used.jpg', offset: 0 })).resolves.toMatchObject({ nextOffset: null });
    // Not named by the script (a file beside it, a path climbing out): refused as missing.
    await expect(rpc.call('media.read', { id: created.id, path: 'media/other.jpg', offset: 0 })).rejects.toThrow(/media\.read/);
    await expect(rpc.call('media.read', { id: created.id, path: 'media/../voronka.db', offset: 0 })).rejects.toThrow(/media\.read/);
    // Named by the script, but since replaced by a link to a file outside the media folder (the import
    // itself refuses such a link).
    rmSync(join(dataDir, 'media', 'link.jpg'));
    symlinkSync(secret, join(dataDir, 'media', 'link.jpg'));
    await expect(rpc.call('media.read', { id: created.id, path: 'media/link.jpg', offset: 0 })).rejects.toThrow(/media\.read/);
  });
});
