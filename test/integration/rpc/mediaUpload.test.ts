import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/main/app';
import { startHeadlessServer } from '../../../src/main/headlessServer';
import { createLogger } from '../../../src/main/log';
import { maxOpenUploads, uploadIdleMs } from '../../../src/main/media/mediaUploads';
import { maxFrameBytes } from '../../../src/main/rpc/socketTransport';
import { mediaFileMaxBytes, mediaStoreMaxBytes } from '../../../src/shared/rpc/media';
import { rpcSocket } from '../../support/rpcSocket';
import { tempDir } from '../../support/tempDb';

// Media files larger than one RPC frame (8 MB) go into the media library in pieces, through the real
// headless host's WebSocket as the editor's picker sends them: checked by size and SHA-256 before they
// get a library name, nothing left behind when an upload is cancelled, refused or abandoned.

const quiet = createLogger('test', { sink: () => {} });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Rpc = Awaited<ReturnType<typeof rpcSocket>>;

async function host(options: { dataDir?: string; now?: () => number } = {}) {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><meta http-equiv="Content-Security-Policy" content="x"></head><body>app</body></html>');
  const app = createApp({ dataDir: options.dataDir ?? tempDir(), host: 'headless', version: 't', defaultLanguage: 'en', log: quiet, tracker: { port: 0 }, ...(options.now ? { now: options.now } : {}) });
  const server = await startHeadlessServer({ app, rendererDir, port: 0 });
  const rpc = await rpcSocket(server.url);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    rpc.close();
    await server.close();
    await app.close();
  };
  cleanups.push(close);
  return { app, rpc, close, dataDir: app.info.dataDir };
}

/** The coded reason an RPC was refused (rpcSocket rejects with the wire error attached). */
async function refusal(call: Promise<unknown>): Promise<{ code: string; detail?: { code: string; params?: Record<string, unknown> } }> {
  const error = await call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as { error?: { code: string; detail?: { code: string } } },
  );
  if (!error.error) throw new Error(`not an RPC refusal: ${String(error)}`);
  return error.error;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Sends `bytes` as the picker does: begin, each piece in order (each request checked against the frame limit). */
async function sendPieces(rpc: Rpc, name: string, bytes: Buffer, size = bytes.length): Promise<string> {
  const { uploadId, pieceBytes } = await rpc.call<{ uploadId: string; pieceBytes: number }>('media.uploadBegin', { name, size });
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
    const input = { uploadId, offset, dataBase64: bytes.subarray(offset, offset + pieceBytes).toString('base64') };
    expect(JSON.stringify({ id: 1, method: 'media.uploadPiece', input }).length).toBeLessThan(maxFrameBytes);
    const { received } = await rpc.call<{ received: number }>('media.uploadPiece', input);
    expect(received).toBe(Math.min(offset + pieceBytes, bytes.length));
  }
  return uploadId;
}

const library = (dataDir: string): string[] => (existsSync(join(dataDir, 'media', 'library')) ? readdirSync(join(dataDir, 'media', 'library')) : []);
const pending = (dataDir: string): string[] => (existsSync(join(dataDir, 'media', '.uploads')) ? readdirSync(join(dataDir, 'media', '.uploads')) : []);

/** A one-message script sending `path` as a video. */
const videoScript = (path: string): string =>
  JSON.stringify({
    formatVersion: 1,
    name: 'Proof video',
    startFlow: 'main',
    flows: [{ id: 'main', name: 'Main', start: 'hi', steps: [{ id: 'hi', type: 'message', messages: [{ text: 'Payout proof', media: { kind: 'video', path } }] }] }],
  });

describe('media upload in pieces over the RPC socket', () => {
  it('a 40 MB video goes up in pieces, lands in the library under its hash, imports with a script and reads back byte for byte', { timeout: 120_000 }, async () => {
    const { rpc, dataDir } = await host();
    const video = randomBytes(40 * 1024 * 1024 + 12345);
    expect(video.length).toBeGreaterThan(mediaStoreMaxBytes);
    // The one-request store refuses it: it could not fit a frame.
    expect((await refusal(rpc.call('media.store', { name: 'proof.mp4', dataBase64: video.subarray(0, mediaStoreMaxBytes + 1).toString('base64') }))).detail?.code).toBe('fileTooLarge');

    const uploadId = await sendPieces(rpc, 'Payout Proof.MP4', video);
    // Nothing under a library name until finished.
    expect(library(dataDir)).toEqual([]);
    expect(pending(dataDir)).toEqual([`${uploadId}.part`]);
    const stored = await rpc.call<{ path: string; kind: string; size: number }>('media.uploadFinish', { uploadId, sha256: sha256(video) });
    expect(stored).toEqual({ path: `media/library/${sha256(video).slice(0, 32)}.mp4`, kind: 'video', size: video.length });
    expect(readFileSync(join(dataDir, ...stored.path.split('/'))).equals(video)).toBe(true);
    expect(pending(dataDir)).toEqual([]);
    // The same bytes again: one library file.
    const again = await sendPieces(rpc, 'copy.mp4', video);
    expect((await rpc.call<{ path: string }>('media.uploadFinish', { uploadId: again, sha256: sha256(video) })).path).toBe(stored.path);
    expect(library(dataDir)).toHaveLength(1);

    // A script imported with it (as the import button does: uploaded first, then named by path).
    const imported = await rpc.call<{ ok: boolean; id: number }>('scripts.import', { json: videoScript('media/offer.mp4'), files: [{ name: 'offer.mp4', path: stored.path }] });
    expect(imported).toMatchObject({ ok: true });
    const [file, ...more] = await rpc.call<{ path: string; name: string; size: number }[]>('media.ofScript', { id: imported.id });
    expect(more).toEqual([]);
    expect(file).toMatchObject({ path: stored.path, size: video.length });
    const pieces: Buffer[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const piece: { dataBase64: string; nextOffset: number | null } = await rpc.call('media.read', { id: imported.id, path: file!.path, offset });
      pieces.push(Buffer.from(piece.dataBase64, 'base64'));
      offset = piece.nextOffset;
    }
    expect(Buffer.concat(pieces).equals(video)).toBe(true);
  });

  it('an upload aborted midway leaves no file in the library and no temporary file; its later pieces are refused', { timeout: 60_000 }, async () => {
    const { rpc, dataDir } = await host();
    const video = randomBytes(12 * 1024 * 1024);
    const uploadId = await sendPieces(rpc, 'demo.mp4', video.subarray(0, 8 * 1024 * 1024), video.length);
    expect(pending(dataDir)).toHaveLength(1);
    expect(await rpc.call('media.uploadAbort', { uploadId })).toEqual({ aborted: true });
    expect(pending(dataDir)).toEqual([]);
    expect(library(dataDir)).toEqual([]);
    expect((await refusal(rpc.call('media.uploadPiece', { uploadId, offset: 8 * 1024 * 1024, dataBase64: video.subarray(8 * 1024 * 1024).toString('base64') }))).detail?.code).toBe('uploadUnknown');
    expect((await refusal(rpc.call('media.uploadFinish', { uploadId, sha256: sha256(video) }))).detail?.code).toBe('uploadUnknown');
    expect(await rpc.call('media.uploadAbort', { uploadId })).toEqual({ aborted: false });
    expect(library(dataDir)).toEqual([]);
  });

  it('a wrong checksum, a short upload or a piece past the declared size is refused with nothing stored', { timeout: 60_000 }, async () => {
    const { rpc, dataDir } = await host();
    const video = randomBytes(9 * 1024 * 1024);

    const damaged = await sendPieces(rpc, 'a.mp4', video);
    const wrong = sha256(Buffer.concat([video, Buffer.from([0])]));
    expect((await refusal(rpc.call('media.uploadFinish', { uploadId: damaged, sha256: wrong }))).detail?.code).toBe('uploadDamaged');
    expect([library(dataDir), pending(dataDir)]).toEqual([[], []]);

    // Declared one byte more than sent: finishing early is refused, even with the right hash of what came.
    const short = await sendPieces(rpc, 'b.mp4', video, video.length + 1);
    expect(await refusal(rpc.call('media.uploadFinish', { uploadId: short, sha256: sha256(video) }))).toMatchObject({ detail: { code: 'uploadIncomplete', params: { received: video.length, size: video.length + 1 } } });
    expect([library(dataDir), pending(dataDir)]).toEqual([[], []]);

    // Declared one byte less than sent: the last piece overflows and the upload is dropped.
    const { uploadId: long } = await rpc.call<{ uploadId: string }>('media.uploadBegin', { name: 'c.mp4', size: 10 });
    expect((await refusal(rpc.call('media.uploadPiece', { uploadId: long, offset: 0, dataBase64: randomBytes(11).toString('base64') }))).detail?.code).toBe('uploadOverflow');
    expect((await refusal(rpc.call('media.uploadFinish', { uploadId: long, sha256: wrong }))).detail?.code).toBe('uploadUnknown');
    expect([library(dataDir), pending(dataDir)]).toEqual([[], []]);

    // Over the cap (Telegram's limit for an account): refused before a byte is sent.
    expect(await refusal(rpc.call('media.uploadBegin', { name: 'huge.mp4', size: mediaFileMaxBytes + 1 }))).toMatchObject({ code: 'invalid_input', detail: { code: 'mediaTooLarge', params: { max: 2000 } } });
    expect(pending(dataDir)).toEqual([]);
  });

  it('pieces go in order: a skipped or resent piece is refused and the upload carries on from where it is', async () => {
    const { rpc, dataDir } = await host();
    const bytes = randomBytes(1000);
    const { uploadId } = await rpc.call<{ uploadId: string }>('media.uploadBegin', { name: 'voice.ogg', size: bytes.length });
    const piece = (from: number, to: number) => ({ uploadId, offset: from, dataBase64: bytes.subarray(from, to).toString('base64') });
    expect((await refusal(rpc.call('media.uploadPiece', piece(500, 1000)))).detail).toEqual({ code: 'uploadOutOfOrder', params: { offset: 500, received: 0 } });
    await rpc.call('media.uploadPiece', piece(0, 500));
    expect((await refusal(rpc.call('media.uploadPiece', piece(0, 500)))).detail).toEqual({ code: 'uploadOutOfOrder', params: { offset: 0, received: 500 } });
    await rpc.call('media.uploadPiece', piece(500, 1000));
    const stored = await rpc.call<{ path: string; kind: string }>('media.uploadFinish', { uploadId, sha256: sha256(bytes) });
    expect(stored.kind).toBe('voice');
    expect(readFileSync(join(dataDir, ...stored.path.split('/'))).equals(bytes)).toBe(true);
  });

  it('nothing climbs out of the media folder: a name is only an extension, ids are checked, a half upload is no script file', async () => {
    const { rpc, dataDir } = await host();
    const bytes = randomBytes(2048);
    // The name's directories are ignored: the file lands in the library under its hash.
    const uploadId = await sendPieces(rpc, '../../../../etc/cron.d/evil.mp4', bytes);
    const stored = await rpc.call<{ path: string }>('media.uploadFinish', { uploadId, sha256: sha256(bytes) });
    expect(stored.path).toBe(`media/library/${sha256(bytes).slice(0, 32)}.mp4`);
    expect(library(dataDir)).toEqual([`${sha256(bytes).slice(0, 32)}.mp4`]);
    const everywhere = (readdirSync(join(dataDir, '..'), { recursive: true }) as string[]).filter((f) => f.includes('evil') || f.includes('cron'));
    expect(everywhere).toEqual([]);
    // An upload id is 32 hex digits, nothing that could be a path.
    for (const id of ['../../voronka.db', '..%2f..%2fvoronka', `${'a'.repeat(31)}/`, 'A'.repeat(32)]) {
      expect((await refusal(rpc.call('media.uploadPiece', { uploadId: id, offset: 0, dataBase64: 'AAAA' }))).code, id).toBe('invalid_input');
      expect((await refusal(rpc.call('media.uploadAbort', { uploadId: id }))).code, id).toBe('invalid_input');
    }
    // A file still being uploaded cannot be given to an import, nor a path out of the media folder.
    const { uploadId: open } = await rpc.call<{ uploadId: string }>('media.uploadBegin', { name: 'x.mp4', size: 100 });
    await rpc.call('media.uploadPiece', { uploadId: open, offset: 0, dataBase64: randomBytes(50).toString('base64') });
    for (const path of [`media/.uploads/${open}.part`, 'media/../voronka.db', 'media/library/../../voronka.db']) {
      const refused = await refusal(rpc.call('scripts.import', { json: videoScript('media/offer.mp4'), files: [{ name: 'offer.mp4', path }] }));
      expect(refused.detail?.code, path).toMatch(/^media(Missing|Outside)$/);
    }
    expect((await rpc.call<unknown[]>('scripts.list', {})).length).toBe(0);
  });

  it('temporary files of uploads the last run never finished are deleted at start-up; closing the app deletes open ones', { timeout: 60_000 }, async () => {
    const first = await host();
    const dataDir = first.dataDir;
    await sendPieces(first.rpc, 'open.mp4', randomBytes(1024), 4096);
    expect(pending(dataDir)).toHaveLength(1);
    await first.close();
    expect(pending(dataDir)).toEqual([]);
    // A run that stopped hard (power cut) leaves its temporary files behind.
    mkdirSync(join(dataDir, 'media', '.uploads'), { recursive: true });
    writeFileSync(join(dataDir, 'media', '.uploads', `${'0'.repeat(32)}.part`), randomBytes(5000));
    const second = await host({ dataDir });
    expect(pending(dataDir)).toEqual([]);
    expect(library(second.dataDir)).toEqual([]);
  });

  it('at most eight uploads are open at once; cancelling one makes room', async () => {
    const { rpc, dataDir } = await host();
    const ids: string[] = [];
    for (let i = 0; i < maxOpenUploads; i++) ids.push((await rpc.call<{ uploadId: string }>('media.uploadBegin', { name: `v${i}.mp4`, size: 100 })).uploadId);
    expect(await refusal(rpc.call('media.uploadBegin', { name: 'one-more.mp4', size: 100 }))).toMatchObject({ code: 'conflict', detail: { code: 'uploadsTooMany', params: { max: maxOpenUploads } } });
    expect(pending(dataDir)).toHaveLength(maxOpenUploads);
    await rpc.call('media.uploadAbort', { uploadId: ids[0] });
    await expect(rpc.call('media.uploadBegin', { name: 'one-more.mp4', size: 100 })).resolves.toMatchObject({ uploadId: expect.stringMatching(/^[0-9a-f]{32}$/) as unknown });
  });

  it('begins sent all at once still open at most eight (the cap is counted before the disk check)', async () => {
    const { rpc, dataDir } = await host();
    const results = await Promise.allSettled(Array.from({ length: maxOpenUploads + 3 }, (_, i) => rpc.call('media.uploadBegin', { name: `v${i}.mp4`, size: 100 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(maxOpenUploads);
    expect(pending(dataDir)).toHaveLength(maxOpenUploads);
  });

  it('an upload left idle for half an hour is dropped when another begins', async () => {
    let clock = Date.parse('2026-01-10T10:00:00Z');
    const { rpc, dataDir } = await host({ now: () => clock });
    const bytes = randomBytes(300);
    const idle = await sendPieces(rpc, 'idle.mp4', bytes.subarray(0, 100), bytes.length);
    clock += uploadIdleMs - 1;
    // Still within the half hour: kept.
    const fresh = await sendPieces(rpc, 'fresh.mp4', bytes.subarray(0, 100), bytes.length);
    expect(pending(dataDir)).toHaveLength(2);
    clock += 2;
    // `idle` went quiet more than half an hour ago, `fresh` did not.
    const { uploadId: third } = await rpc.call<{ uploadId: string }>('media.uploadBegin', { name: 'third.mp4', size: 10 });
    expect(pending(dataDir).sort()).toEqual([`${fresh}.part`, `${third}.part`].sort());
    expect((await refusal(rpc.call('media.uploadPiece', { uploadId: idle, offset: 100, dataBase64: bytes.subarray(100).toString('base64') }))).detail?.code).toBe('uploadUnknown');
    await rpc.call('media.uploadPiece', { uploadId: fresh, offset: 100, dataBase64: bytes.subarray(100).toString('base64') });
    expect((await rpc.call<{ path: string }>('media.uploadFinish', { uploadId: fresh, sha256: sha256(bytes) })).path).toMatch(/^media\/library\//);
  });
});
