import { z } from 'zod';

/** Input of a method that takes no arguments. */
export const noInput = z.object({}).strict();
