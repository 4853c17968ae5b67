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
   * The media files a script's running version uses, to save next to its exported JSON (named as in
   * the script, so importing the JSON with them copies them back in). Files that are gone are left out.
   */
  'media.ofScript': {
    input: z.object({ id: z.number().int() }).strict(),
    output: z.array(z.object({ name: z.string(), dataBase64: z.string() })),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
