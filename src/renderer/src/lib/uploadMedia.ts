import type { RpcOutput } from '../../../shared/rpc';
import { callRpc } from '../rpc/hooks';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** The user pressed cancel: not a failure to report. */
export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/** A local file that could not be read (moved, deleted or unreadable since it was picked). */
export class FileUnreadable extends Error {
  constructor(readonly fileName: string) {
    super(`could not read ${fileName}`);
    this.name = 'FileUnreadable';
  }
}

/** Bytes as base64, in slices: one String.fromCharCode over 4 MB would overflow the argument stack. */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/**
 * Copies a picked file into the media library piece by piece (media.uploadBegin / uploadPiece /
 * uploadFinish), each piece read from disk only when it is sent, so neither a request nor the
 * renderer's memory ever holds the whole file. The SHA-256 is computed on the way and checked by main
 * before the file gets its library name. Cancelled (`signal`) or failed midway, the partial upload is
 * deleted.
 */
export async function uploadMedia(file: File, options: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal } = {}): Promise<RpcOutput<'media.uploadFinish'>> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw new UploadCancelled();
  const { uploadId, pieceBytes } = await callRpc('media.uploadBegin', { name: file.name, size: file.size });
  // Incremental: the browser's crypto.subtle.digest wants the whole file in memory at once.
  const hash = sha256.create();
  try {
    onProgress?.(0, file.size);
    for (let offset = 0; offset < file.size; ) {
      if (signal?.aborted) throw new UploadCancelled();
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.slice(offset, offset + pieceBytes).arrayBuffer());
      } catch {
        throw new FileUnreadable(file.name);
      }
      hash.update(bytes);
      offset = (await callRpc('media.uploadPiece', { uploadId, offset, dataBase64: base64Of(bytes) })).received;
      onProgress?.(offset, file.size);
    }
    if (signal?.aborted) throw new UploadCancelled();
    return await callRpc('media.uploadFinish', { uploadId, sha256: bytesToHex(hash.digest()) });
  } catch (error) {
    // Deleted now rather than at the next start. If this fails too (the connection is gone), main
    // drops the upload after half an hour idle or at its next start; the first error is the one to show.
    await callRpc('media.uploadAbort', { uploadId }).catch((abortError: unknown) => {
      // eslint-disable-next-line no-console -- a developer's trace; the user sees the first error
      console.warn('media upload abort failed', abortError);
    });
    throw error;
  }
}
