import { Box, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { Fragment, memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWhen } from '../../lib/format';
import { useRpcQuery } from '../../rpc/hooks';
import { useInboxFilters } from './inboxStore';

/** A snippet with its matches (wrapped in \u0002…\u0003 by the server) in bold. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(/[\u0002\u0003]/);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <mark key={i} style={{ background: 'var(--mantine-color-yellow-2)', padding: 0 }}>{part}</mark> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}

/**
 * Messages matching the inbox search, over the whole history (FTS5 on the main side): lead, date and
 * the matching part. A click opens the chat at that message.
 */
export const MessageHits = memo(function MessageHits({ onOpen }: { onOpen(leadId: number, messageId: number): void }) {
  const { t } = useTranslation();
  const search = useInboxFilters((s) => s.filters.search ?? '');
  const enabled = search.trim().length >= 2;
  const hits = useRpcQuery('leads.searchMessages', { query: search, limit: 30 }, { enabled });
  if (!enabled || !hits.data?.length) return null;
  return (
    <Box style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="message-hits">
      <Text size="xs" fw={600} c="dimmed" px="sm" pt={6}>
        {t('inbox.messageHits', { count: hits.data.length })}
      </Text>
      <ScrollArea.Autosize mah={220} type="auto">
        <Stack gap={0} pb={4}>
          {hits.data.map((h) => (
            <UnstyledButton key={h.messageId} px="sm" py={4} onClick={() => onOpen(h.leadId, h.messageId)} data-testid={`message-hit-${h.messageId}`}>
              <Text size="xs" fw={600} truncate>
                {h.leadName} · {formatWhen(h.ts)}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={2}>
                <Snippet text={h.snippet} />
              </Text>
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Box>
  );
});
