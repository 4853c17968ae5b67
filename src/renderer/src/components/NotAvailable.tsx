import { Alert } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RpcCallError } from '../rpc/hooks';

/** True when the connected app does not offer the method (an older or partial build). */
export function isUnavailable(error: unknown): boolean {
  return error instanceof RpcCallError && error.error.code === 'unknown_method';
}

/** The honest state of a section whose backend is not in this build. */
export function NotAvailable({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" variant="light" icon={<IconPlugConnectedX size={18} />} title={t('common.notAvailableTitle')} data-testid={testId}>
      {t('common.notAvailableBody')}
    </Alert>
  );
}
