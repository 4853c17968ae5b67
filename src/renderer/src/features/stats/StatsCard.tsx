import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A titled statistics block with a CSV export button. */
export function StatsCard({ title, subtitle, onCsv, children, testId }: { title: string; subtitle?: string; onCsv?(): void; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Text fw={600}>{title}</Text>
            {subtitle && (
              <Text size="xs" c="dimmed">
                {subtitle}
              </Text>
            )}
          </div>
          {onCsv && (
            <Button size="compact-xs" variant="default" leftSection={<IconDownload size={12} />} onClick={onCsv}>
              {t('common.exportCsv')}
            </Button>
          )}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
