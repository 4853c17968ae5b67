import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { errorText } from '../../../lib/messageText';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callRpc } from '../../../rpc/hooks';

/**
 * Under a message Telegram refused for good: why, and what the operator can do — send it again
 * (same random_id, never doubled), edit it (the old one is dropped, the new text goes out), or drop it.
 */
export function FailedActions({ leadId, messageId, text, error }: { leadId: number; messageId: number; text: string; error: string | null }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const run = (action: () => Promise<unknown>): void => {
    action().catch((e: unknown) => notifications.show({ color: 'red', message: errorText(t, e) }));
  };
  return (
    <Stack gap={2} align="flex-end" data-testid="message-failed">
      {error && (
        <Text size="xs" c="red.7">
          {t('tg.failed.reason', { reason: error })}
        </Text>
      )}
      <Group gap={4}>
        <Button size="compact-xs" variant="light" onClick={() => run(() => callRpc('leads.retryMessage', { messageId }))}>
          {t('tg.failed.retry')}
        </Button>
        <Button size="compact-xs" variant="light" onClick={() => setEditing(true)}>
          {t('tg.failed.edit')}
        </Button>
        <Button size="compact-xs" variant="subtle" color="red" onClick={() => run(() => callRpc('leads.dropMessage', { messageId }))}>
          {t('tg.failed.drop')}
        </Button>
      </Group>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('tg.failed.editTitle')}>
        <Stack>
          <Textarea autosize minRows={3} maxRows={12} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button
              disabled={!draft.trim()}
              onClick={() => {
                setEditing(false);
                run(async () => {
                  await callRpc('leads.dropMessage', { messageId });
                  await callRpc('leads.say', { id: leadId, text: draft });
                });
              }}
            >
              {t('inbox.send')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
