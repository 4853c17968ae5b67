import { Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus, IconRoute } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LoadingState } from '../../../components/LoadingState';
import { SectionEmptyState } from '../../../components/SectionEmptyState';
import { formatDateTime } from '../../../lib/format';
import { useRpcQuery } from '../../../rpc/hooks';
import { ImportScriptButton } from './ImportScriptButton';
import { ScriptRowActions } from './ScriptRowActions';
import { TemplateGallery } from './TemplateGallery';
import { useScriptsLive } from './useScriptsLive';

/** All scripts, with create-from-template, import, and per-script actions. */
export function ScriptList() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useRpcQuery('scripts.list', {});
  const [galleryOpen, setGalleryOpen] = useState(false);
  useScriptsLive();

  return (
    <Stack p="xl" gap="lg" h="100%">
      <Group justify="space-between">
        <Title order={2}>{t('scripts.title')}</Title>
        <Group gap="xs">
          <ImportScriptButton />
          <Button leftSection={<IconPlus size={16} />} onClick={() => setGalleryOpen(true)} data-testid="new-script">
            {t('scriptList.newScript')}
          </Button>
        </Group>
      </Group>
      {list.isLoading && <LoadingState />}
      {list.error && <ErrorAlert error={list.error} />}
      {list.data?.length === 0 && <SectionEmptyState section="scripts" icon={<IconRoute size={36} stroke={1.5} />} />}
      {!!list.data?.length && (
        <Paper withBorder radius="md" style={{ flex: 1, minHeight: 0 }}>
          <ScrollArea h="100%">
            <Table highlightOnHover verticalSpacing="sm" data-testid="script-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('scriptList.name')}</Table.Th>
                  <Table.Th>{t('scriptList.size')}</Table.Th>
                  <Table.Th>{t('scriptList.accounts')}</Table.Th>
                  <Table.Th>{t('scriptList.state')}</Table.Th>
                  <Table.Th>{t('scriptList.updated')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((s) => (
                  <Table.Tr key={s.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/scripts/${s.id}`)} data-testid={`script-row-${s.id}`}>
                    <Table.Td miw={220}>
                      <Text fw={600} size="sm">
                        {s.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {t('scriptList.flows', { count: s.flows })} · {t('scriptList.steps', { count: s.steps })}
                      </Text>
                    </Table.Td>
                    <Table.Td>{s.accounts}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge size="sm" variant="light" color={s.revision > 0 ? 'teal' : 'gray'}>
                          {s.revision > 0 ? t('scriptList.revision', { revision: s.revision }) : t('scriptList.neverPublished')}
                        </Badge>
                        {/* A never-published script is all draft: one badge says it. */}
                        {s.hasDraft && s.revision > 0 && (
                          <Badge size="sm" variant="light" color="yellow">
                            {t('scriptList.draft')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(s.updatedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <ScriptRowActions script={s} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      <TemplateGallery opened={galleryOpen} onClose={() => setGalleryOpen(false)} />
    </Stack>
  );
}
