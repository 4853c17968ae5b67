import { createHash, randomBytes, type Hash } from 'node:crypto';
import { copyFile, open, rename, rm, statfs, unlink, type FileHandle } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { msg } from '../../shared/appMessage';
import { mediaFileMaxBytes, mediaUploadPieceBytes } from '../../shared/rpc/media';
import { AppFailure } from '../appFailure';
import { libraryTarget, mediaKindOf, mediaUploadsFolder, type ScriptMediaKind } from './mediaLibrary';

/** An upload nobody touched for this long is dropped (its tab closed mid-way) when another begins. */
export const uploadIdleMs = 30 * 60 * 1000;

/** Uploads open at once: each holds a file handle and a temporary file. */
export const maxOpenUploads = 8;

interface Upload {
  id: string;
  name: string;
  size: number;
  received: number;
  hash: Hash;
  handle: FileHandle;
  temp: string;
  touchedAt: number;
  /** Operations on one upload run one after another (a piece, then finish or abort), never interleaved. */
  chain: Promise<unknown>;
}

const mb = (bytes: number): number => Math.ceil(bytes / 1024 / 1024);

/**
 * Files larger than one RPC frame come into the media library in pieces: each upload writes to its own
 * temporary file in `media/.uploads`, hashing as it goes; finishing checks the size and the SHA-256 the
 * sender computed, then renames the file into the library under its content hash (same name as
 * `storeMediaFile` gives), so a library file is always whole. Uploads live in memory only: whatever
 * is in the temporary folder when the app starts is left from a run that stopped, and is deleted.
 */
export class MediaUploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly folder: string;
  /** Begins past the cap check, still waiting for the disk: counted with the open uploads. */
  private readonly opening = new Set<{ size: number }>();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number,
  ) {
    this.folder = join(dataDir, ...mediaUploadsFolder.split('/'));
    // The data folder is locked to this process: nothing else is uploading into it.
    if (existsSync(this.folder)) for (const leftover of readdirSync(this.folder)) rmSync(join(this.folder, leftover), { recursive: true, force: true });
  }

  async begin(name: string, size: number): Promise<{ uploadId: string; pieceBytes: number }> {
    if (size > mediaFileMaxBytes) throw new AppFailure('invalid_input', msg('mediaTooLarge', { size: mb(size), max: mediaFileMaxBytes / 1024 / 1024 }));
    for (const upload of [...this.uploads.values()]) if (this.now() - upload.touchedAt > uploadIdleMs) await this.abort(upload.id);
    // Counted before the first await: begins racing each other must not all pass the cap, nor all
    // count the same free space.
    if (this.uploads.size + this.opening.size >= maxOpenUploads) throw new AppFailure('conflict', msg('uploadsTooMany', { max: maxOpenUploads }));
    const reservation = { size };
    this.opening.add(reservation);
    try {
      mkdirSync(this.folder, { recursive: true });
      const free = await statfs(this.folder);
      let promised = 0; // bytes other uploads have yet to write
      for (const upload of this.uploads.values()) promised += upload.size - upload.received;
      for (const other of this.opening) if (other !== reservation) promised += other.size;
      if (free.bavail * free.bsize < size + promised) throw new AppFailure('unavailable', msg('diskFull', { mb: mb(size) }));
      const id = randomBytes(16).toString('hex');
      const temp = join(this.folder, `${id}.part`);
      // 'wx': a fresh file, never one that is already there.
      const handle = await open(temp, 'wx');
      this.uploads.set(id, { id, name, size, received: 0, hash: createHash('sha256'), handle, temp, touchedAt: this.now(), chain: Promise.resolve() });
      return { uploadId: id, pieceBytes: mediaUploadPieceBytes };
    } finally {
      this.opening.delete(reservation);
    }
  }

  put(id: string, offset: number, bytes: Buffer): Promise<{ received: number }> {
    return this.serial(id, async (upload) => {
      // In order only: a resent or skipped piece would put bytes in the wrong place.
      if (offset !== upload.received) throw new AppFailure('conflict', msg('uploadOutOfOrder', { offset, received: upload.received }));
      if (bytes.length > mediaUploadPieceBytes || upload.received + bytes.length > upload.size) {
        await this.drop(upload);
        throw new AppFailure('invalid_input', msg('uploadOverflow', { size: upload.size }));
      }
      try {
        await upload.handle.write(bytes, 0, bytes.length, offset);
      } catch (error) {
        await this.drop(upload);
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') throw new AppFailure('unavailable', msg('diskFull', { mb: mb(upload.size) }));
        throw error;
      }
      upload.hash.update(bytes);
      upload.received += bytes.length;
      upload.touchedAt = this.now();
      return { received: upload.received };
    });
  }

  finish(id: string, sha256: string): Promise<{ path: string; kind: ScriptMediaKind; size: number }> {
    return this.serial(id, async (upload) => {
      // Whatever happens next, this upload is over: a refused one leaves nothing behind.
      this.uploads.delete(id);
      try {
        if (upload.received !== upload.size) throw new AppFailure('invalid_input', msg('uploadIncomplete', { received: upload.received, size: upload.size }));
        const digest = upload.hash.digest('hex');
        if (digest !== sha256) throw new AppFailure('invalid_input', msg('uploadDamaged'));
        // On disk before it gets a name a script can point at.
        await upload.handle.sync();
        await upload.handle.close();
        const { target, path } = libraryTarget(this.dataDir, digest, upload.name);
        if (existsSync(target)) await unlink(upload.temp);
        else await moveInto(upload.temp, target);
        return { path, kind: mediaKindOf(upload.name), size: upload.size };
      } catch (error) {
        await discard(upload);
        throw error;
      }
    });
  }

  async abort(id: string): Promise<{ aborted: boolean }> {
    if (!this.uploads.has(id)) return { aborted: false };
    return this.serial(id, async (upload) => {
      await this.drop(upload);
      return { aborted: true };
    });
  }

  /** Ends every upload (the app is closing): their temporary files are deleted. */
  async close(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.abort(id)));
  }

  private serial<T>(id: string, run: (upload: Upload) => Promise<T>): Promise<T> {
    const upload = this.uploads.get(id);
    if (!upload) return Promise.reject(new AppFailure('not_found', msg('uploadUnknown')));
    upload.touchedAt = this.now();
    const next = upload.chain.then(() => {
      // Finished or aborted while this call waited its turn.
      if (this.uploads.get(id) !== upload) throw new AppFailure('not_found', msg('uploadUnknown'));
      return run(upload);
    });
    upload.chain = next.catch(() => undefined);
    return next;
  }

  private async drop(upload: Upload): Promise<void> {
    this.uploads.delete(upload.id);
    await discard(upload);
  }
}

async function discard(upload: Upload): Promise<void> {
  await upload.handle.close(); // resolves at once when finish already closed it
  await rm(upload.temp, { force: true });
}

/** Renames the finished file into the library; a library on another disk (a link) gets a copy renamed into place. */
async function moveInto(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const aside = `${target}.${process.pid}.tmp`;
    await copyFile(temp, aside);
    await rename(aside, target);
    await unlink(temp);
  }
}
