import { z } from 'zod';
import { mediaSchema } from '../script/steps';

/** One file as the browser read it: its name (for the extension) and bytes as base64 (the RPC frame limit is 8 MB). */
export const mediaUploadSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    dataBase64: z.string().min(1).max(7_000_000),
  })
  .strict();

/** The largest file `media.store` takes in one request (its base64 must fit one 8 MB RPC frame). */
export const mediaStoreMaxBytes = 5 * 1024 * 1024;

/**
 * The largest file the media library takes (through the piecewise upload): what Telegram lets a user
 * account send. Files over 10 MB go up with upload.saveBigFilePart in 512 KB parts, at most 4000
 * parts without Premium (client config `upload_max_fileparts_default`; 8000 with Premium), so
 * 4000 × 512 KB = 2000 MB — https://core.telegram.org/api/files ("Uploading files") and
 * https://telegram.org/blog/700-million-and-premium (2 GB; 4 GB with Premium). A larger file could
 * never be sent by the accounts that run scripts.
 */
export const mediaFileMaxBytes = 4000 * 512 * 1024;

/** Bytes per `media.uploadPiece`: 4 MB is 5.6 MB of base64, inside the 8 MB frame with room for the envelope. */
export const mediaUploadPieceBytes = 4 * 1024 * 1024;

/** The base64 length of a full piece (every 3 bytes become 4 characters). */
const pieceBase64Max = Math.ceil(mediaUploadPieceBytes / 3) * 4;

/** An upload in progress, named by the id `media.uploadBegin` answered (128 random bits as hex). */
const uploadIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

/** Bytes per `media.read` reply: 3 MB is 4 MB of base64, well inside the 8 MB frame. */
export const mediaReadChunkBytes = 3 * 1024 * 1024;

/** A file already copied into the media library with `media.store` (its answer), given to an import by reference. */
export const storedUploadSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    path: z.string().min(1).max(300),
  })
  .strict();

/** Media for script messages: files picked or dropped in the editor, kept in `<data folder>/media/library`. */
export const mediaMethods = {
  /** Copies a small file (up to `mediaStoreMaxBytes`, one request) into the media library under its content hash; answers the `media/…` path a script uses. */
  'media.store': {
    input: mediaUploadSchema,
    output: z.object({ path: z.string(), kind: mediaSchema.shape.kind, size: z.number().int() }),
  },
  /**
   * Starts a piecewise upload into the media library (any file up to `mediaFileMaxBytes`): the bytes
   * go to a temporary file in the media folder, never under a library name until `media.uploadFinish`
   * checked them. `size` is the whole file's; larger than the cap or than the free disk space is
   * refused here, before any byte is sent. An upload left idle for half an hour is dropped.
   */
  'media.uploadBegin': {
    input: z.object({ name: z.string().trim().min(1).max(255), size: z.number().int().min(1) }).strict(),
    output: z.object({ uploadId: z.string(), pieceBytes: z.number().int() }),
  },
  /**
   * The next piece of an upload, at `offset` (which must be the bytes received so far: pieces go in
   * order, one at a time); answers the bytes received. A piece past the declared size is refused.
   */
  'media.uploadPiece': {
    input: z.object({ uploadId: uploadIdSchema, offset: z.number().int().min(0), dataBase64: z.string().min(1).max(pieceBase64Max) }).strict(),
    output: z.object({ received: z.number().int() }),
  },
  /**
   * Ends an upload: the received bytes must be the declared size and hash to `sha256` (hex), then the
   * file is renamed into the library under its content hash (answer as `media.store`'s). On a mismatch
   * the temporary file is deleted and nothing is stored.
   */
  'media.uploadFinish': {
    input: z.object({ uploadId: uploadIdSchema, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    output: z.object({ path: z.string(), kind: mediaSchema.shape.kind, size: z.number().int() }),
  },
  /** Cancels an upload and deletes what it received; `aborted` false when there was no such upload. */
  'media.uploadAbort': {
    input: z.object({ uploadId: uploadIdSchema }).strict(),
    output: z.object({ aborted: z.boolean() }),
  },
  /**
   * A stored file for the editor's preview: an image as a data URL (null for other kinds or a large
   * file); `problem` when the path is outside the media folder or the file is missing.
   */
  'media.preview': {
    input: z.object({ path: z.string().min(1).max(300) }).strict(),
    output: z.object({ dataUrl: z.string().nullable(), size: z.number().int().nullable(), problem: z.enum(['media_outside', 'media_missing']).nullable() }),
  },
  /**
   * The media files a script's running version uses, to save next to its exported JSON: each by its
   * path in the script and the name to save it under (see `mediaExportName`), so importing the JSON
   * with them copies them back in. No bytes here (a reply must fit one RPC frame): `media.read` gets
   * each file. Files that are gone are left out.
   */
  'media.ofScript': {
    input: z.object({ id: z.number().int() }).strict(),
    output: z.array(z.object({ path: z.string(), name: z.string(), size: z.number().int() })),
  },
  /**
   * One piece of a script's media file, from `offset` (up to `mediaReadChunkBytes`, so any file is
   * read in replies that fit an RPC frame); `nextOffset` null once the file is read to the end.
   */
  'media.read': {
    input: z.object({ id: z.number().int(), path: z.string().min(1).max(300), offset: z.number().int().min(0) }).strict(),
    output: z.object({ dataBase64: z.string(), size: z.number().int(), nextOffset: z.number().int().nullable() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
