import { ActionIcon, Button, Group, PasswordInput, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconLock, IconLockOpen, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ArrayEditor } from '../ArrayEditor';
import { macrosHint, PNumber, PSelect, PSwitch, PTarget, PText, PTextarea } from '../fields';
import { useStepField } from '../stepFieldContext';
import { useScriptLists } from './useScriptLists';

/** Header names and values; a lock marks a value secret (an API key): exports leave it out unless asked. */
function HeadersEditor() {
  const { t } = useTranslation();
  const f = useStepField<Record<string, string>>(['headers']);
  const secret = useStepField<string[]>(['secretHeaders']);
  const entries = Object.entries(f.value ?? {});
  const secretNames = secret.value ?? [];
  const isSecret = (name: string): boolean => secretNames.includes(name);
  const write = (next: [string, string][]): void => f.set(Object.fromEntries(next));
  // The secret mark follows its header when renamed and goes when it is removed.
  const rename = (i: number, name: string): void => {
    const old = entries[i]?.[0] ?? '';
    write(entries.map((x, j) => (j === i ? [name, x[1]] : x)));
    if (isSecret(old)) secret.set(secretNames.map((n) => (n === old ? name : n)));
  };
  const remove = (i: number): void => {
    const old = entries[i]?.[0] ?? '';
    write(entries.filter((_, j) => j !== i));
    if (isSecret(old)) secret.set(secretNames.filter((n) => n !== old));
  };
  const toggle = (name: string): void => secret.set(isSecret(name) ? secretNames.filter((n) => n !== name) : [...secretNames, name]);
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
          <TextInput size="xs" w={120} value={name} onChange={(e) => rename(i, e.currentTarget.value)} />
          {isSecret(name) ? (
            <PasswordInput size="xs" style={{ flex: 1 }} value={value} onChange={(e) => write(entries.map((x, j) => (j === i ? [x[0], e.currentTarget.value] : x)))} />
          ) : (
            <TextInput size="xs" style={{ flex: 1 }} value={value} onChange={(e) => write(entries.map((x, j) => (j === i ? [x[0], e.currentTarget.value] : x)))} />
          )}
          <Tooltip label={isSecret(name) ? t('inspector.headerSecret') : t('inspector.headerNotSecret')} withinPortal>
            <ActionIcon
              size="sm"
              variant={isSecret(name) ? 'light' : 'subtle'}
              color={isSecret(name) ? 'orange' : 'gray'}
              onClick={() => toggle(name)}
              aria-label={t('inspector.headerSecretToggle')}
              aria-pressed={isSecret(name)}
              data-testid={`header-secret-${i}`}
            >
              {isSecret(name) ? <IconLock size={12} /> : <IconLockOpen size={12} />}
            </ActionIcon>
          </Tooltip>
          <ActionIcon size="sm" variant="subtle" color="red" onClick={() => remove(i)} aria-label={t('common.remove')}>
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
