import { z } from 'zod';
import { firstRunSteps } from '../firstRunSteps';
import { noInput } from './common';

export { firstRunSteps, type FirstRunStep } from '../firstRunSteps';

const firstRunStatusSchema = z.object({
  /** account: an account is connected (the sandbox's counts); template: a script exists; publish: an account runs a script; postbacks: tracker settings saved, a campaign made, or a postback received. */
  done: z.record(z.enum(firstRunSteps), z.boolean()),
  /** The operator closed the checklist before it was complete. */
  dismissed: z.boolean(),
  /** The host runs the sandbox Telegram (--sandbox-telegram). */
  sandbox: z.boolean(),
});
export type FirstRunStatus = z.infer<typeof firstRunStatusSchema>;

export const firstRunMethods = {
  'firstRun.status': { input: noInput, output: firstRunStatusSchema },
  /** Hides the checklist for good (it also goes by itself once every step is done). */
  'firstRun.dismiss': { input: noInput, output: firstRunStatusSchema },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
