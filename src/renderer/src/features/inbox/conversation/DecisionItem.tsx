import { eventLabel } from '../../../lib/eventLabel';
import { Code, Group, Paper, Text } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';

export interface LeadEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  ts: number;
}

/** An engine/AI decision between messages; the full input/output opens on click. */
export function DecisionItem({ event }: { event: LeadEvent }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const brief = ['route', 'decision', 'reason', 'step', 'to', 'model'].map((k) => event.payload[k]).find((v) => typeof v === 'string');
  return (
    <Paper withBorder radius="sm" px="xs" py={4} bg="gray.0" style={{ alignSelf: 'center', maxWidth: '80%', cursor: 'pointer' }} onClick={() => setOpen((o) => !o)} data-testid="decision">
      <Group gap={6} wrap="nowrap">
        <IconSparkles size={12} color="var(--mantine-color-violet-6)" />
        <Text span fz="xs" fw={600}>{eventLabel(t, event.type)}</Text>
        {typeof brief === 'string' && (
          <Text size="xs" truncate>
            {brief}
          </Text>
        )}
        <Text size="10px" c="dimmed">
          {formatDateTime(event.ts)}
        </Text>
      </Group>
      {open && (
        <Code block fz="10px" mt={4}>
          {JSON.stringify(event.payload, null, 2)}
        </Code>
      )}
    </Paper>
  );
}
