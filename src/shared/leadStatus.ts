// Apart from the script schemas (script/script.ts re-exports these): the inbox lists the statuses
// before its first paint, and importing them from the script module would evaluate every step schema.

export const leadStatuses = ['auto', 'waiting', 'manual', 'paused', 'stopped', 'finished'] as const;
export type LeadStatus = (typeof leadStatuses)[number];
