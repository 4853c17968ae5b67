import { Box, Center, Flex, Stack, Text } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ChatList } from './ChatList';
import { Conversation } from './conversation/Conversation';
import { InboxFilters } from './InboxFilters';
import { SandboxSimulator } from './SandboxSimulator';
import { LeadCard } from './card/LeadCard';

const border = '1px solid var(--mantine-color-gray-3)';

/** Chats | conversation | lead card. The open lead is in the URL (`?lead=ID`). */
export function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const leadId = Number(params.get('lead')) || null;
  const open = (id: number): void => setParams({ lead: String(id) });

  return (
    <Flex h="100%">
      <Stack gap={0} w={360} style={{ borderRight: border, flexShrink: 0 }}>
        <SandboxSimulator />
        <InboxFilters />
        <ChatList selectedId={leadId} onOpen={open} />
      </Stack>
      <Box style={{ flex: 1, minWidth: 0 }}>
        {leadId ? (
          <Conversation key={leadId} leadId={leadId} />
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
      {leadId && (
        <Box w={340} style={{ borderLeft: border, flexShrink: 0 }}>
          <LeadCard key={leadId} leadId={leadId} />
        </Box>
      )}
    </Flex>
  );
}
