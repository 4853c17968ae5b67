import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { messageText } from '../lib/messageText';
import { RpcCallError } from '../rpc/hooks';

/**
 * Shows an RPC failure in the UI language: the kind of error as the title, what happened (a coded
 * message from main) as the text, with per-field problems when the input was invalid. The English
 * `message` of the error is for logs and never shown.
 */
export function ErrorAlert({ error }: { error: Error }) {
  const { t } = useTranslation();
  const rpcError = error instanceof RpcCallError ? error.error : undefined;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t(`errors.${rpcError?.code ?? 'internal'}`)}>
      {rpcError?.issues?.length ? (
        <List size="sm">
          {rpcError.issues.map((issue, i) => (
            <List.Item key={`${issue.path}:${i}`}>
              {issue.path ? `${issue.path}: ` : ''}
              {messageText(t, issue)}
            </List.Item>
          ))}
        </List>
      ) : rpcError ? (
        rpcError.detail && messageText(t, rpcError.detail)
      ) : (
        error.message
      )}
    </Alert>
  );
}
