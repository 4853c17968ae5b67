import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import { memo } from 'react';
import type { LeadRow } from '../../../../shared/rpc/leads';
import { StatusBadge } from '../../components/StatusBadge';
import { formatWhen } from '../../lib/format';

export const rowHeight = 68;

/** One chat: unread in bold, manual (needs a human) marked red. */
export const ChatListRow = memo(function ChatListRow({ lead, selected, onOpen }: { lead: LeadRow; selected: boolean; onOpen(id: number): void }) {
  const unread = lead.unread > 0;
  return (
    <UnstyledButton
      onClick={() => onOpen(lead.id)}
      h={rowHeight}
      w="100%"
      px="sm"
      py={6}
      bg={selected ? 'violet.0' : undefined}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', display: 'block' }}
      data-testid={`chat-row-${lead.id}`}
    >
      <Stack gap={2}>
        <Group gap={6} wrap="nowrap">
          {lead.status === 'manual' && <IconHandStop size={14} color="var(--mantine-color-red-6)" />}
          <Text size="sm" fw={unread ? 700 : 500} truncate style={{ flex: 1 }}>
            {lead.name || lead.username || `#${lead.id}`}
          </Text>
          <Text size="xs" c="dimmed">
            {formatWhen(lead.lastMessageAt)}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c={unread ? undefined : 'dimmed'} fw={unread ? 600 : 400} truncate style={{ flex: 1 }}>
            {lead.preview ?? ''}
          </Text>
          {unread && (
            <Badge size="xs" circle={lead.unread < 10}>
              {lead.unread}
            </Badge>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          <StatusBadge status={lead.status} />
          <Text size="10px" c="dimmed" truncate>
            {lead.stepTitle ?? ''}
          </Text>
        </Group>
      </Stack>
    </UnstyledButton>
  );
});
