import { create } from 'zustand';
import type { LeadFilters } from '../../../../shared/rpc/leads';

/** Inbox filters survive switching sections (kept in memory for the session). */
export const useInboxFilters = create<{ filters: LeadFilters; set(patch: Partial<LeadFilters>): void; reset(): void }>((set) => ({
  filters: {},
  set: (patch) =>
    set((s) => {
      const next: LeadFilters = { ...s.filters, ...patch };
      for (const key of Object.keys(next) as (keyof LeadFilters)[]) if (next[key] === undefined || next[key] === '') delete next[key];
      return { filters: next };
    }),
  reset: () => set({ filters: {} }),
}));
