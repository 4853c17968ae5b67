import { ActionIcon, Box, Button, Center, Group, ScrollArea, Stack, Switch, Text, Title, Tooltip } from '@mantine/core';
import { messageText } from '../../../lib/messageText';
import { IconId } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { StatusBadge } from '../../../components/StatusBadge';
import { callRpc, useRpcEvent, useRpcQuery } from '../../../rpc/hooks';
import { conversationItems } from './conversationItems';
import { DecisionItem } from './DecisionItem';
import { LeadActions } from './LeadActions';
import { MessageBubble } from './MessageBubble';
import { OperatorComposer } from './OperatorComposer';
import { StateDamageAlert } from './StateDamageAlert';

const pageSize = 100;

/** The chat with one lead: history (older pages on demand), AI decisions on demand, actions, composer. */
export function Conversation({
  leadId,
  onShowCard,
  focusMessageId = null,
}: {
  leadId: number;
  /** Set when the lead card is a drawer (narrow window). */
  onShowCard?: () => void;
  /** A message to scroll to and highlight (a search hit); older pages load until it is there. */
  focusMessageId?: number | null;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const lead = useRpcQuery('leads.get', { id: leadId });
  const [showDecisions, setShowDecisions] = useState(false);
  const events = useRpcQuery('leads.events', { id: leadId, limit: 200 }, { enabled: showDecisions });
  const messages = useInfiniteQuery({
    queryKey: ['leads.messages', { id: leadId }],
    queryFn: ({ pageParam }) => callRpc('leads.messages', { id: leadId, beforeId: pageParam, limit: pageSize }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length < pageSize ? undefined : Math.min(...last.map((m) => m.id))),
  });
  const viewport = useRef<HTMLDivElement>(null);
  // "typing…" while the account types the bot's reply (pushed by the sender); cleared when it ends.
  const [typingUntil, setTypingUntil] = useState(0);
  useRpcEvent('lead.typing', ({ id, ms }) => {
    if (id === leadId) setTypingUntil(Date.now() + ms);
  });
  useEffect(() => {
    if (!typingUntil) return;
    const timer = setTimeout(() => setTypingUntil(0), Math.max(0, typingUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [typingUntil]);

  const items = useMemo(() => conversationItems(messages.data?.pages ?? [], showDecisions ? (events.data ?? []) : []), [messages.data, events.data, showDecisions]);

  const newest = messages.data?.pages[0]?.reduce((max, m) => Math.max(max, m.id), 0) ?? 0;
  const focusLoaded = focusMessageId !== null && items.some((i) => i.kind === 'message' && i.message.id === focusMessageId);
  useEffect(() => {
    if (focusMessageId !== null) return;
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [newest, leadId, typingUntil, focusMessageId]);
  // Jump to a search hit: load older pages until it is in, then bring it into view.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;
  useEffect(() => {
    if (focusMessageId === null || !messages.data) return;
    if (!focusLoaded) {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
      return;
    }
    viewport.current?.querySelector(`[data-message-id="${focusMessageId}"]`)?.scrollIntoView({ block: 'center' });
  }, [focusMessageId, focusLoaded, hasNextPage, isFetchingNextPage, fetchNextPage, messages.data]);

  const unread = lead.data?.unread ?? 0;
  useEffect(() => {
    if (unread > 0)
      void callRpc('leads.markRead', { id: leadId })
        .then(() => client.invalidateQueries({ queryKey: ['leads.list'] }))
        .catch(() => undefined);
  }, [unread, leadId, client]);

  if (lead.isLoading) return <LoadingState />;
  if (lead.error)
    return (
      <Box p="md">
        <ErrorAlert error={lead.error} />
      </Box>
    );
  if (!lead.data) return null;
  const l = lead.data;

  return (
    <Stack gap={0} h="100%" data-testid="conversation">
      <Group justify="space-between" px="md" py="xs" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Title order={5} lineClamp={1}>
              {l.name || l.username || `#${l.id}`}
            </Title>
            <StatusBadge status={l.status} />
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {[l.username && `@${l.username}`, l.flowName, l.stepTitle, l.statusReason && messageText(t, l.statusReason)].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          <LeadActions lead={l} />
          {onShowCard && (
            <Tooltip label={t('inbox.leadCard')}>
              <ActionIcon variant="default" size={30} onClick={onShowCard} aria-label={t('inbox.leadCard')} data-testid="lead-card-open">
                <IconId size={16} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <StateDamageAlert damage={l.stateDamage} />
      <Group justify="space-between" px="md" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        {messages.hasNextPage ? (
          <Button size="compact-xs" variant="subtle" loading={messages.isFetchingNextPage} onClick={() => void messages.fetchNextPage()}>
            {t('inbox.olderMessages')}
          </Button>
        ) : (
          <span />
        )}
        <Switch size="xs" label={t('inbox.showDecisions')} checked={showDecisions} onChange={(e) => setShowDecisions(e.currentTarget.checked)} data-testid="show-decisions" />
      </Group>
      <ScrollArea style={{ flex: 1 }} viewportRef={viewport} type="auto" bg="gray.0">
        {messages.isLoading && <LoadingState />}
        {messages.error && <ErrorAlert error={messages.error} />}
        {messages.data && items.length === 0 && (
          <Center p="xl">
            <Text c="dimmed" size="sm">
              {t('inbox.noMessages')}
            </Text>
          </Center>
        )}
        <Stack gap={8} p="md">
          {items.map((item) =>
            item.kind === 'message' ? <MessageBubble key={`m${item.message.id}`} message={item.message} leadId={leadId} focused={item.message.id === focusMessageId} /> : <DecisionItem key={`e${item.event.id}`} event={item.event} />,
          )}
          {typingUntil > 0 && (
            <Text size="xs" c="dimmed" fs="italic" style={{ alignSelf: 'flex-end' }} data-testid="bot-typing">
              {t('inbox.typing')}
            </Text>
          )}
        </Stack>
      </ScrollArea>
      <OperatorComposer leadId={leadId} manual={l.status === 'manual'} stopped={l.status === 'stopped'} />
    </Stack>
  );
}
