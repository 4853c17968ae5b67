import { infiniteQueryOptions, type QueryClient } from '@tanstack/react-query';
import type { LeadFilters } from '../../../../shared/rpc/leads';
import { callRpcOrEarly } from '../../rpc/hooks';
import { chatPageInput } from './chatListPage';
import { useInboxFilters } from './inboxStore';

/** The chat list's pages: keyset cursors (the first page may be the one boot.ts asked for). */
export const chatListQuery = (filters: LeadFilters) =>
  infiniteQueryOptions({
    queryKey: ['leads.list', filters],
    queryFn: ({ pageParam }) => callRpcOrEarly('leads.list', chatPageInput(filters, pageParam)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 5_000,
  });

/**
 * Opening the app on the inbox: its first page is asked for together with the settings, instead of
 * after the language is loaded and the shell has rendered (a waterfall of 200–400 ms on a busy machine).
 */
export function prefetchChatList(client: QueryClient): void {
  void client.prefetchInfiniteQuery(chatListQuery(useInboxFilters.getState().filters));
}
