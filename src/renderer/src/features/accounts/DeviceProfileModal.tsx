import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { issueText } from '../../lib/messageText';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceProfileSchema, type DeviceProfile } from '../../../../shared/rpc/accounts';

const fields = ['deviceModel', 'systemVersion', 'appVersion', 'langCode', 'systemLangCode'] as const;

/** The device this account presents to Telegram; validated by the same schema as the RPC. */
export function DeviceProfileModal({ initial, onClose, onSave }: { initial: DeviceProfile; onClose(): void; onSave(next: DeviceProfile): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DeviceProfile>(initial);
  const parsed = deviceProfileSchema.safeParse(draft);
  const errorOf = (key: (typeof fields)[number]): string | undefined => {
    const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === key);
    return issue && issueText(t, issue);
  };
  return (
    <Modal opened onClose={onClose} title={t('tg.device.title')} data-testid="device-profile">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('tg.device.hint')}
        </Text>
        {fields.map((key) => (
          <TextInput key={key} label={t(`tg.device.${key}`)} value={draft[key]} error={errorOf(key)} onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })} />
        ))}
        <Group justify="flex-end">
          <Button disabled={!parsed.success} onClick={() => parsed.success && onSave(parsed.data)}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
