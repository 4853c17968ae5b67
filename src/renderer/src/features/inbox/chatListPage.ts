import type { LeadFilters } from '../../../../shared/rpc/leads';

/** Chats per page of the inbox list. */
export const chatPageSize = 100;

/** `leads.list` input for one page; boot.ts sends the first one before the app is evaluated. */
export const chatPageInput = (filters: LeadFilters, cursor: string | null) => ({ filters, cursor, limit: chatPageSize });
