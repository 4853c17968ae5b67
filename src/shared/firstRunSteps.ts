// Apart from the RPC contract (rpc/firstRun.ts), which builds zod schemas: the checklist in the app
// shell lists these before the inbox's first paint, without evaluating zod.

/** The first-run checklist's steps, in order; each is done when the data folder shows it (never a click). */
export const firstRunSteps = ['account', 'template', 'publish', 'postbacks'] as const;
export type FirstRunStep = (typeof firstRunSteps)[number];
