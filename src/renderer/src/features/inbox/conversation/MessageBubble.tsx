import { Box, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChecks, IconClock } from '@tabler/icons-react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { chatMessageSchema } from '../../../../../shared/rpc/leads';
import { formatDateTime } from '../../../lib/format';
import { FailedActions } from './FailedActions';
import { MediaPreview } from './MediaPreview';

export type ChatMessage = z.infer<typeof chatMessageSchema>;

function DeliveryIcon({ status }: { status: string }) {
  const { t } = useTranslation();
  const icon =
    status === 'read' ? <IconChecks size={12} color="var(--mantine-color-blue-6)" />
    : status === 'delivered' ? <IconChecks size={12} />
    : status === 'sent' ? <IconCheck size={12} />
    : status === 'failed' ? <IconAlertTriangle size={12} color="var(--mantine-color-red-6)" />
    : <IconClock size={12} />;
  const label = t(`inbox.delivery.${['read', 'delivered', 'sent', 'failed'].includes(status) ? status : 'pending'}`);
  return (
    <Tooltip label={label}>
      <span aria-label={label} data-testid="delivery" data-status={status} style={{ display: 'inline-flex' }}>
        {icon}
      </span>
    </Tooltip>
  );
}

const senderColors = { lead: 'white', bot: 'violet.0', operator: 'teal.0' } as const;

/** One message with its sender, time and (for ours) delivery state. */
export const MessageBubble = memo(function MessageBubble({ message, leadId }: { message: ChatMessage; leadId: number }) {
  const { t } = useTranslation();
  const out = message.direction === 'out';
  return (
    <Box style={{ alignSelf: out ? 'flex-end' : 'flex-start', maxWidth: '72%' }} data-testid={`message-${message.sender}`}>
      <Paper px="sm" py={6} radius="lg" withBorder bg={senderColors[message.sender]}>
        {message.media && <MediaPreview messageId={message.id} media={message.media} incoming={!out} />}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {message.text}
        </Text>
      </Paper>
      <Group gap={4} justify={out ? 'flex-end' : 'flex-start'} mt={2}>
        <Text size="10px" c="dimmed">
          {t(`inbox.sender.${message.sender}`)} · {formatDateTime(message.ts)}
        </Text>
        {out && <DeliveryIcon status={message.status} />}
      </Group>
      {out && message.status === 'failed' && <FailedActions leadId={leadId} messageId={message.id} text={message.text} error={message.error} />}
    </Box>
  );
});
