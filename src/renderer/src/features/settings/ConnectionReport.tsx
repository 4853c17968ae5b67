import { Alert, Badge, Group, Text } from '@mantine/core';
import { messageText } from '../../lib/messageText';
import { IconCircleCheck, IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../shared/rpc';

/** What "Test connection" found: models listed, configured ones missing, or the plain reason. */
export function ConnectionReport({ report }: { report: RpcOutput<'ai.testConnection'> }) {
  const { t } = useTranslation();
  return (
    <Alert
      color={report.ok ? 'teal' : 'red'}
      variant="light"
      icon={report.ok ? <IconCircleCheck size={18} /> : <IconPlugConnectedX size={18} />}
      title={report.ok ? t('aiProvider.testOk', { ms: Math.round(report.latencyMs) }) : t('aiProvider.testFailed')}
      data-testid="connection-report"
    >
      {report.error && <Text size="sm">{messageText(t, report.error)}</Text>}
      {report.models.length > 0 && report.missing.length > 0 && (
        <Text size="sm" c="red">
          {t('aiProvider.missingModels', { models: report.missing.join(', ') })}
        </Text>
      )}
      {report.models.length > 0 && (
        <Group gap={4} mt={4}>
          <Text size="xs" c="dimmed">
            {t('aiProvider.modelsListed', { count: report.models.length })}
          </Text>
          {report.models.slice(0, 30).map((m) => (
            <Badge key={m} size="xs" variant="outline" color="gray">
              {m}
            </Badge>
          ))}
        </Group>
      )}
    </Alert>
  );
}
