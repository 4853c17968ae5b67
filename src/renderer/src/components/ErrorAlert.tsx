import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RpcCallError } from '../rpc/hooks';

/** Shows an RPC failure in the UI language, with per-field problems when the input was invalid. */
export function ErrorAlert({ error }: { error: Error }) {
  const { t } = useTranslation();
  const rpcError = error instanceof RpcCallError ? error.error : undefined;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t(`errors.${rpcError?.code ?? 'internal'}`)}>
      {rpcError?.issues?.length ? (
        <List size="sm">
          {rpcError.issues.map((issue) => (
            <List.Item key={issue.path + issue.message}>
              {issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </List.Item>
          ))}
        </List>
      ) : (
        rpcError?.message ?? error.message
      )}
    </Alert>
  );
}
