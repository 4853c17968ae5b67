import { Box, Center, Drawer, Flex, Stack, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ChatList } from './ChatList';
import { InboxFilters } from './InboxFilters';
import { Conversation, LeadCard } from './lazyPanes';
import { MessageHits } from './MessageHits';
import { SandboxSimulator } from './SandboxSimulator';
import { useWindowAtLeast } from '../../shell/breakpoints';

const border = '1px solid var(--mantine-color-gray-3)';

/**
 * Chats | conversation | lead card. The open lead is in the URL (`?lead=ID`). On a window narrower
 * than the `wide` breakpoint the lead card is a drawer opened from the conversation header, so the
 * conversation keeps a readable width (at 1024 px the three columns left it ~100 px).
 */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const leadId = Number(params.get('lead')) || null;
  const messageId = Number(params.get('message')) || null;
  const open = useCallback((id: number): void => setParams({ lead: String(id) }), [setParams]);
  const openAt = useCallback((id: number, message: number): void => setParams({ lead: String(id), message: String(message) }), [setParams]);
  const wide = useWindowAtLeast('wide');
  const roomy = useWindowAtLeast('roomy');
  const [cardOpen, setCardOpen] = useState(false);

  return (
    <Flex h="100%">
      <Stack gap={0} w={roomy ? 360 : 310} style={{ borderRight: border, flexShrink: 0 }}>
        <SandboxSimulator />
        <InboxFilters />
        <MessageHits onOpen={openAt} />
        <ChatList selectedId={leadId} onOpen={open} />
      </Stack>
      <Box style={{ flex: 1, minWidth: 0 }}>
        {leadId ? (
          <Conversation key={leadId} leadId={leadId} focusMessageId={messageId} onShowCard={wide ? undefined : () => setCardOpen(true)} />
        ) : (
          <Center h="100%">
            <Stack align="center" gap="xs">
              <IconMessages size={36} color="var(--mantine-color-gray-5)" stroke={1.5} />
              <Text c="dimmed" size="sm">
                {t('inbox.pickChat')}
              </Text>
            </Stack>
          </Center>
        )}
      </Box>
      {leadId && wide && (
        <Box w={380} style={{ borderLeft: border, flexShrink: 0 }}>
          <LeadCard key={leadId} leadId={leadId} />
        </Box>
      )}
      {leadId && !wide && (
        <Drawer
          opened={cardOpen}
          onClose={() => setCardOpen(false)}
          position="right"
          size={400}
          title={t('inbox.leadCard')}
          styles={{ body: { padding: 0, height: 'calc(100% - 60px)' } }}
          data-testid="lead-card-drawer"
        >
          <LeadCard key={leadId} leadId={leadId} />
        </Drawer>
      )}
    </Flex>
  );
}
