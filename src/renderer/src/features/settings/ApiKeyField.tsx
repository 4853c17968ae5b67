import { Badge, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface ApiKeyFieldProps {
  hasKey: boolean;
  /** The new key being typed (undefined: keep the stored one; null: remove it). */
  value: string | null | undefined;
  onChange(value: string | null | undefined): void;
}

/** Never shows the stored key: only that one is set, with Replace and Remove. */
export function ApiKeyField({ hasKey, value, onChange }: ApiKeyFieldProps) {
  const { t } = useTranslation();
  if (value === null)
    return (
      <Group gap="xs">
        <Badge color="orange" variant="light">
          {t('aiProvider.keyWillBeRemoved')}
        </Badge>
        <Button size="compact-xs" variant="subtle" onClick={() => onChange(undefined)}>
          {t('common.undo')}
        </Button>
      </Group>
    );
  if (hasKey && value === undefined)
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('aiProvider.apiKey')}
        </Text>
        <Group gap="xs">
          <Badge color="teal" variant="light" leftSection={<IconKey size={12} />} data-testid="key-set">
            {t('aiProvider.keyIsSet')}
          </Badge>
          <Button size="compact-xs" variant="subtle" onClick={() => onChange('')} data-testid="key-replace">
            {t('aiProvider.replaceKey')}
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() =>
              modals.openConfirmModal({
                title: t('aiProvider.removeKeyTitle'),
                children: t('aiProvider.removeKeyBody'),
                labels: { confirm: t('common.remove'), cancel: t('common.cancel') },
                confirmProps: { color: 'red' },
                onConfirm: () => onChange(null),
              })
            }
          >
            {t('common.remove')}
          </Button>
        </Group>
      </Stack>
    );
  return (
    <PasswordInput
      label={t('aiProvider.apiKey')}
      description={hasKey ? t('aiProvider.replaceHint') : t('aiProvider.keyHint')}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value)}
      autoComplete="off"
      data-testid="api-key"
    />
  );
}
