import { Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconFilePlus, IconTemplate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { useRpcMutation, useRpcQuery } from '../../../rpc/hooks';

/** "New script": one of the ready funnels, or an empty one-flow script. */
export function TemplateGallery({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const templates = useRpcQuery('scripts.templates', {}, { enabled: opened });
  const create = useRpcMutation('scripts.create');
  const [name, setName] = useState('');
  const [pending, setPending] = useState<string | null>(null);

  const make = (template?: string): void => {
    setPending(template ?? '');
    create.mutate(
      { template, name: name.trim() || undefined },
      {
        onSuccess: ({ id }) => {
          onClose();
          navigate(`/scripts/${id}`);
        },
        onSettled: () => setPending(null),
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('scriptList.newScript')} size="xl" data-testid="template-gallery">
      <Stack>
        <TextInput label={t('scriptList.nameOptional')} placeholder={t('scriptList.namePlaceholder')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        {templates.isLoading && <LoadingState />}
        {templates.error && <ErrorAlert error={templates.error} />}
        {create.error && <ErrorAlert error={create.error} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {(templates.data ?? []).map((tpl) => (
            <Card key={tpl.key} withBorder padding="md" radius="md" data-testid={`template-${tpl.key}`}>
              <Stack gap="xs" h="100%">
                <Group gap="xs" wrap="nowrap">
                  <IconTemplate size={18} color="var(--mantine-color-violet-6)" />
                  <Text fw={600} size="sm">
                    {tpl.name}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" style={{ flex: 1 }} lineClamp={6}>
                  {tpl.description}
                </Text>
                <Group gap={4}>
                  <Badge size="xs" variant="light">
                    {t('scriptList.flows', { count: tpl.flows })}
                  </Badge>
                  <Badge size="xs" variant="light" color="gray">
                    {t('scriptList.steps', { count: tpl.steps })}
                  </Badge>
                </Group>
                <Button size="xs" loading={pending === tpl.key} disabled={pending !== null} onClick={() => make(tpl.key)}>
                  {t('scriptList.useTemplate')}
                </Button>
              </Stack>
            </Card>
          ))}
          <Card withBorder padding="md" radius="md" data-testid="template-empty">
            <Stack gap="xs" h="100%">
              <Group gap="xs">
                <IconFilePlus size={18} color="var(--mantine-color-gray-6)" />
                <Text fw={600} size="sm">
                  {t('scriptList.emptyScript')}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                {t('scriptList.emptyScriptBody')}
              </Text>
              <Button size="xs" variant="default" loading={pending === ''} disabled={pending !== null} onClick={() => make()}>
                {t('scriptList.createEmpty')}
              </Button>
            </Stack>
          </Card>
        </SimpleGrid>
      </Stack>
    </Modal>
  );
}
