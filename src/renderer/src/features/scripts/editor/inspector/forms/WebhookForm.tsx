import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ArrayEditor } from '../ArrayEditor';
import { macrosHint, PNumber, PSelect, PSwitch, PTarget, PText, PTextarea } from '../fields';
import { useStepField } from '../stepFieldContext';
import { useScriptLists } from './useScriptLists';

function HeadersEditor() {
  const { t } = useTranslation();
  const f = useStepField<Record<string, string>>(['headers']);
  const entries = Object.entries(f.value ?? {});
  const write = (next: [string, string][]): void => f.set(Object.fromEntries(next));
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {t('inspector.headers')}
        </Text>
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => write([...entries, [`X-Header-${entries.length + 1}`, '']])}>
          {t('common.add')}
        </Button>
      </Group>
      {entries.map(([name, value], i) => (
        <Group key={i} gap={4} wrap="nowrap">
          <TextInput size="xs" w={120} value={name} onChange={(e) => write(entries.map((x, j) => (j === i ? [e.currentTarget.value, x[1]] : x)))} />
          <TextInput size="xs" style={{ flex: 1 }} value={value} onChange={(e) => write(entries.map((x, j) => (j === i ? [x[0], e.currentTarget.value] : x)))} />
          <ActionIcon size="sm" variant="subtle" color="red" onClick={() => write(entries.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
            <IconTrash size={12} />
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}

export function WebhookForm() {
  const { t } = useTranslation();
  const { fields } = useScriptLists();
  return (
    <>
      <PSelect path={['method']} label={t('inspector.method')} data={['GET', 'POST']} />
      <PText path={['url']} label="URL" description={macrosHint(t('inspector.macrosHint'))} />
      <PTextarea path={['body']} label={t('inspector.body')} optional />
      <HeadersEditor />
      <PNumber path={['retries']} label={t('inspector.retries')} min={0} max={10} />
      <PText path={['timeout']} label={t('inspector.timeout')} placeholder="10s" />
      <PSwitch path={['followRedirects']} label={t('inspector.followRedirects')} description={t('inspector.followRedirectsHint')} />
      <ArrayEditor<{ field: string; path: string }>
        path={['saveResponse']}
        label={t('inspector.saveResponse')}
        create={() => ({ field: fields[0]?.value ?? '', path: 'data.id' })}
        render={(p) => (
          <>
            <PSelect path={[...p, 'field']} label={t('inspector.field')} data={fields} />
            <PText path={[...p, 'path']} label={t('inspector.jsonPath')} placeholder="data.user.id" />
          </>
        )}
      />
      <PTarget path={['next']} label={t('inspector.next')} optional />
      <PTarget path={['onError']} label={t('edges.error')} optional />
    </>
  );
}
