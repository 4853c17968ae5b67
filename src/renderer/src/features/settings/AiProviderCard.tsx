import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconPlugConnected } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AiProviderPatch, AiProviderView } from '../../../../shared/aiSettings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useRpcMutation, useRpcQuery } from '../../rpc/hooks';
import { ApiKeyField } from './ApiKeyField';
import { ConnectionReport } from './ConnectionReport';
import { PriceTable } from './PriceTable';
import { toastSaved } from '../../lib/operatorToasts';

type Draft = Omit<AiProviderView, 'hasKey' | 'mode'> & { apiKey?: string | null };

function toDraft(view: AiProviderView): Draft {
  const { hasKey: _h, mode: _m, ...rest } = view;
  return structuredClone(rest);
}

function ProviderForm({ view }: { view: AiProviderView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => toDraft(view));
  const save = useRpcMutation('ai.provider.set');
  const test = useRpcMutation('ai.testConnection');
  const patch = (p: Partial<Draft>): void => setDraft((d) => ({ ...d, ...p }));
  const models = (role: 'router' | 'reply' | 'vision', value: string): void => patch({ models: { ...draft.models, [role]: value } });

  const submit = async (): Promise<void> => {
    const body: AiProviderPatch = { ...draft };
    if (draft.apiKey === '' || draft.apiKey === undefined) delete body.apiKey;
    const next = await save.mutateAsync(body);
    client.setQueryData(['ai.provider.get', {}], next);
    setDraft(toDraft(next));
    toastSaved(t);
  };
  // The form is tested as typed; saving (and switching the AI on) stays the Save button's job.
  const runTest = async (): Promise<void> => {
    const body: AiProviderPatch = { ...draft };
    if (draft.apiKey === '' || draft.apiKey === undefined) delete body.apiKey;
    await test.mutateAsync(body);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={600}>{t('aiProvider.title')}</Text>
        <Group gap="xs">
          {save.isSuccess && !save.isPending && (
            <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />} data-testid="ai-saved">
              {t('settings.saved')}
            </Badge>
          )}
          <Badge color={view.mode === 'online' ? 'teal' : 'gray'} variant="light">
            {view.mode === 'online' ? t('aiProvider.online') : t('aiProvider.offline')}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('aiProvider.hint')}
      </Text>
      <TextInput label={t('aiProvider.baseUrl')} description={t('aiProvider.baseUrlHint')} value={draft.baseUrl} onChange={(e) => patch({ baseUrl: e.currentTarget.value })} data-testid="ai-base-url" />
      <ApiKeyField hasKey={view.hasKey} value={draft.apiKey} onChange={(apiKey) => patch({ apiKey })} />
      <SimpleGrid cols={3}>
        <TextInput label={t('aiProvider.modelRouter')} value={draft.models.router} onChange={(e) => models('router', e.currentTarget.value)} />
        <TextInput label={t('aiProvider.modelReply')} value={draft.models.reply} onChange={(e) => models('reply', e.currentTarget.value)} />
        <TextInput label={t('aiProvider.modelVision')} value={draft.models.vision} onChange={(e) => models('vision', e.currentTarget.value)} />
      </SimpleGrid>
      <SimpleGrid cols={3}>
        <NumberInput label={t('aiProvider.temperature')} min={0} max={2} step={0.1} decimalScale={2} value={draft.temperature} onChange={(v) => typeof v === 'number' && patch({ temperature: v })} />
        <NumberInput label={t('aiProvider.timeout')} min={5} max={300} value={draft.timeoutSeconds} onChange={(v) => typeof v === 'number' && patch({ timeoutSeconds: v })} />
        <NumberInput label={t('aiProvider.retries')} min={0} max={6} value={draft.maxRetries} onChange={(v) => typeof v === 'number' && patch({ maxRetries: v })} />
      </SimpleGrid>
      <PriceTable value={draft.prices} onChange={(prices) => patch({ prices })} />
      {save.error && <ErrorAlert error={save.error} />}
      {test.error && <ErrorAlert error={test.error} />}
      {test.data && !test.isPending && <ConnectionReport report={test.data} />}
      <Group justify="flex-end">
        <Button variant="default" leftSection={<IconPlugConnected size={16} />} loading={test.isPending} onClick={() => void runTest().catch(() => undefined)} data-testid="ai-test">
          {t('aiProvider.test')}
        </Button>
        <Button loading={save.isPending} onClick={() => void submit().catch(() => undefined)} data-testid="ai-save">
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Settings → AI provider: any OpenAI-compatible endpoint, key kept hidden, connection test. */
export function AiProviderCard() {
  const provider = useRpcQuery('ai.provider.get', {});
  return (
    <Paper withBorder p="lg" radius="md" data-testid="ai-provider">
      {provider.isLoading && <LoadingState />}
      {provider.error && <ErrorAlert error={provider.error} />}
      {provider.data && <ProviderForm view={provider.data} />}
    </Paper>
  );
}
