import { Box, Center, Loader, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconMessages } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { chatListQuery } from './chatListQuery';
import type { LeadRow } from '../../../../shared/rpc/leads';
import { leadStatuses, type LeadStatus } from '../../../../shared/leadStatus';
import { ChatListRow, rowHeight } from './ChatListRow';
import { useInboxFilters } from './inboxStore';
import { preloadPanes } from './lazyPanes';

/**
 * Keys for the rendered rows that survive scrolling: a row scrolled out hands its key (its React
 * component and DOM nodes) to a row scrolled in, so a scroll frame updates a few texts instead of
 * unmounting and mounting a dozen rows. Rows still on screen keep their key. Deterministic for the
 * same indexes, so a repeated render (StrictMode) assigns the same keys.
 */
function useRowSlots(): { assign(indexes: number[]): number[] } {
  const state = useRef<{ byIndex: Map<number, number>; next: number } | null>(null);
  state.current ??= { byIndex: new Map(), next: 0 };
  const current = state.current;
  return {
    assign(indexes) {
      const wanted = new Set(indexes);
      const free: number[] = [];
      for (const [index, slot] of current.byIndex) {
        if (!wanted.has(index)) {
          current.byIndex.delete(index);
          free.push(slot);
        }
      }
      free.sort((a, b) => a - b);
      return indexes.map((index) => {
        let slot = current.byIndex.get(index);
        if (slot === undefined) {
          slot = free.shift() ?? current.next++;
          current.byIndex.set(index, slot);
        }
        return slot;
      });
    },
  };
}

/** All chats matching the filters: keyset pages loaded as the list scrolls, rows virtualized. */
export function ChatList({ selectedId, onOpen }: { selectedId: number | null; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const filters = useInboxFilters((s) => s.filters);
  const query = useInfiniteQuery(chatListQuery(filters));
  const pages = query.data?.pages;
  const rows = useMemo(() => pages?.flatMap((p) => p.rows) ?? [], [pages]);
  // Translated once per language, not by every row on every frame.
  const statusLabels = useMemo(() => Object.fromEntries(leadStatuses.map((s) => [s, t(`status.${s}`)])) as Record<LeadStatus, string>, [t]);
  const onOpenRef = useRef(onOpen);
  useEffect(() => {
    onOpenRef.current = onOpen;
  }, [onOpen]);
  const openRow = useCallback((id: number) => onOpenRef.current(id), []);
  const total = query.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const shown = rows.length > 0;
  useEffect(() => {
    if (!shown) return;
    // After the rows are painted, when the page is idle: not inside the first paint's task.
    const idle = requestIdleCallback(preloadPanes, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, [shown]);

  if (query.isLoading) return <LoadingState />;
  if (query.error)
    return (
      <Box p="sm">
        <ErrorAlert error={query.error} />
      </Box>
    );
  if (!rows.length)
    return (
      <Center style={{ flex: 1 }} p="lg" data-testid="empty-inbox">
        <Box ta="center">
          <IconMessages size={32} color="var(--mantine-color-gray-5)" stroke={1.5} />
          <Text fw={600} mt="xs">
            {Object.keys(filters).length ? t('inbox.noMatches') : t('inbox.emptyTitle')}
          </Text>
          <Text size="sm" c="dimmed" maw={280}>
            {Object.keys(filters).length ? t('inbox.noMatchesBody') : t('inbox.emptyNext')}
          </Text>
        </Box>
      </Center>
    );

  return (
    <>
      <Text size="xs" c="dimmed" px="sm" py={4} data-testid="inbox-total">
        {t('inbox.total', { count: total })}
      </Text>
      <VirtualRows rows={rows} selectedId={selectedId} statusLabels={statusLabels} onOpen={openRow} loadMore={loadMore} loading={isFetchingNextPage} />
    </>
  );
}

/** Rows ahead of the last rendered one when the next page is asked for: half a page, several frames of fast scrolling. */
const fetchAhead = 50;

/**
 * The scrolling part, apart from the query: the virtualizer re-renders this on every scroll frame,
 * and only this — not the infinite query's observer, the filters or the translations above it.
 * Everything passed in keeps its identity between frames, so rows that did not change are skipped.
 */
function VirtualRows(props: {
  rows: LeadRow[];
  selectedId: number | null;
  statusLabels: Record<LeadStatus, string>;
  onOpen(id: number): void;
  loadMore(): void;
  loading: boolean;
}) {
  const { rows, selectedId, statusLabels, onOpen, loadMore, loading } = props;
  const parent = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    // The list is never taller than the window: the first render already has the rows on screen,
    // instead of a few, then a second render once the list's size is measured.
    initialRect: { width: 0, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const slots = useRowSlots();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (lastIndex >= rows.length - fetchAhead) loadMore();
  }, [lastIndex, rows.length, loadMore]);

  return (
    <div ref={parent} style={{ flex: 1, overflowY: 'auto', contain: 'strict' }} data-testid="chat-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {slots.assign(items.map((item) => item.index)).map((slot, i) => {
          const item = items[i];
          const lead = item && rows[item.index];
          if (!item || !lead) return null;
          return (
            <div key={slot} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, contain: 'strict', transform: `translateY(${item.start}px)` }}>
              <ChatListRow lead={lead} selected={lead.id === selectedId} statusLabel={statusLabels[lead.status]} onOpen={onOpen} />
            </div>
          );
        })}
      </div>
      {loading && (
        <Center py="xs">
          <Loader size="xs" />
        </Center>
      )}
    </div>
  );
}
