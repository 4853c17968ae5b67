import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { errorText } from '../../../lib/messageText';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRpcMutation } from '../../../rpc/hooks';
import { toastSaved } from '../../../lib/operatorToasts';

/** Custom fields: edit a value (saved when the input loses focus), add a field, clear one. */
export function LeadFieldsEditor({ leadId, fields }: { leadId: number; fields: Record<string, string | number> }) {
  const { t } = useTranslation();
  const update = useRpcMutation('leads.update');
  const [newKey, setNewKey] = useState('');
  const save = (key: string, value: string | null): void =>
    update.mutate(
      { id: leadId, addTags: [], removeTags: [], fields: { [key]: value } },
      { onSuccess: () => toastSaved(t), onError: (e) => notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorText(t, e) }) },
    );
  const entries = Object.entries(fields);
  const keyOk = /^[A-Za-z_][A-Za-z0-9_]*$/.test(newKey);
  return (
    <Stack gap={4}>
      {entries.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('common.none')}
        </Text>
      )}
      {entries.map(([key, value]) => (
        <Group key={key} gap={4} wrap="nowrap">
          <Text size="xs" w={100} truncate title={key}>
            {key}
          </Text>
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            key={String(value)}
            defaultValue={String(value)}
            onBlur={(e) => e.currentTarget.value !== String(value) && save(key, e.currentTarget.value)}
          />
          <ActionIcon size="sm" variant="subtle" color="red" onClick={() => save(key, null)} aria-label={t('common.remove')}>
            <IconTrash size={12} />
          </ActionIcon>
        </Group>
      ))}
      <Group gap={4} wrap="nowrap">
        <TextInput size="xs" style={{ flex: 1 }} placeholder={t('inbox.newFieldKey')} value={newKey} onChange={(e) => setNewKey(e.currentTarget.value)} error={newKey && !keyOk ? t('inbox.badFieldKey') : undefined} />
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          disabled={!keyOk}
          onClick={() => {
            save(newKey, '');
            setNewKey('');
          }}
        >
          {t('common.add')}
        </Button>
      </Group>
    </Stack>
  );
}
