import { z } from 'zod';
import { durationSchema } from './duration';

/**
 * Ids of flows, steps, routes, variants and branches: stable, URL- and JSON-path-safe. An empty one
 * is reported once, as missing (min), not also as having wrong characters.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]*$/, 'idChars');

/** A custom-field or variable name usable in macros (`{{fields.KEY}}`). */
export const keySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'keyChars');

export const tagNameSchema = z.string().trim().min(1).max(64);

/** A clock time `HH:MM` (24 h). */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'clock');

export const positionSchema = z.object({ x: z.number(), y: z.number() });

/** Text that may contain macros; checked against the script's declarations by validateScript. */
export const templateTextSchema = z.string().max(8000);

/** A follow-up sent only while the lead stays silent at the step ("догрев"). */
export const pushSchema = z.object({
  after: durationSchema,
  text: templateTextSchema.min(1),
});
export type Push = z.infer<typeof pushSchema>;

export const stepBase = {
  id: idSchema,
  title: z.string().max(200).default(''),
  position: positionSchema.default({ x: 0, y: 0 }),
};

/** Where a lead's reply goes while a step keeps it waiting on a timer or an event. */
export const onMessageSchema = z.enum(['ignore', 'queue', 'wake']);
