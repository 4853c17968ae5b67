import { ActionIcon, Group, Textarea } from '@mantine/core';
import { errorText } from '../../../lib/messageText';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRpcMutation } from '../../../rpc/hooks';

/** The operator writes as the account; Enter sends, Shift+Enter is a new line. */
export function OperatorComposer({ leadId, manual, stopped = false }: { leadId: number; manual: boolean; /** The bot is stopped for this lead: the placeholder says so. */ stopped?: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const say = useRpcMutation('leads.say');
  const send = (): void => {
    const message = text.trim();
    if (!message) return;
    say.mutate(
      { id: leadId, text: message },
      {
        onSuccess: () => setText(''),
        onError: (e) => notifications.show({ color: 'red', title: t('inbox.sendFailed'), message: errorText(t, e) }),
      },
    );
  };
  return (
    <Group gap={6} p="sm" wrap="nowrap" align="flex-end" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <Textarea
        style={{ flex: 1 }}
        autosize
        minRows={1}
        maxRows={6}
        placeholder={stopped ? t('inbox.writeStopped') : manual ? t('inbox.writeAsOperator') : t('inbox.writeTakesOver')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            send();
          }
        }}
        data-testid="operator-input"
      />
      <ActionIcon size="lg" onClick={send} loading={say.isPending} disabled={!text.trim()} aria-label={t('inbox.send')} data-testid="operator-send">
        <IconSend size={18} />
      </ActionIcon>
    </Group>
  );
}
