import { z } from 'zod';
import { mediaSchema } from '../script/steps';

/** One file as the browser read it: its name (for the extension) and bytes as base64 (the RPC frame limit is 8 MB). */
export const mediaUploadSchema = z
  .object({
    name: z.string().trim().min(1).max(255),
    dataBase64: z.string().min(1).max(7_000_000),
  })
  .strict();

/** The largest media file the editor takes (its base64 must fit one RPC frame). */
export const mediaFileMaxBytes = 5 * 1024 * 1024;

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
  /** Copies a file into the media library under its content hash; answers the `media/…` path a script uses. */
  'media.store': {
    input: mediaUploadSchema,
    output: z.object({ path: z.string(), kind: mediaSchema.shape.kind, size: z.number().int() }),
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
