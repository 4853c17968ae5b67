import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trackerPresetIds, type TrackerSettings } from '../../../../shared/rpc/tracker';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useRpcMutation, useRpcQuery } from '../../rpc/hooks';
import { StatusMappingEditor } from './StatusMappingEditor';
import { toastSaved } from '../../lib/operatorToasts';

/** Listener address, public URL, allowlist, limits, pending window and the campaign token pattern. */
export function TrackerSettingsForm() {
  const settings = useRpcQuery('tracker.settings.get', {});
  if (settings.error) return <ErrorAlert error={settings.error} />;
  // Keyed by the saved settings: a save (or a change elsewhere) starts a fresh draft from them.
  return settings.data ? <SettingsDraft key={JSON.stringify(settings.data)} saved={settings.data} /> : null;
}

function SettingsDraft({ saved }: { saved: TrackerSettings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const save = useRpcMutation('tracker.settings.set');
  const [draft, setDraft] = useState<TrackerSettings>(saved);
  const set = <K extends keyof TrackerSettings>(key: K, value: TrackerSettings[K]): void => setDraft({ ...draft, [key]: value });
  const submit = (): void => {
    save.mutate(
      { ...draft },
      {
        onSuccess: (next) => {
          client.setQueryData(['tracker.settings.get', {}], next);
          toastSaved(t);
          void client.invalidateQueries({ queryKey: ['tracker.status'] });
          void client.invalidateQueries({ queryKey: ['tracker.postbackUrls'] });
        },
      },
    );
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid="tracker-settings">
      <Stack gap="sm">
        <Text fw={600}>{t('tracker.settingsForm.title')}</Text>
        <Switch checked={draft.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} label={t('tracker.settingsForm.enabled')} />
        <Group grow>
          <TextInput label={t('tracker.settingsForm.host')} description={t('tracker.settingsForm.hostHint')} value={draft.host} onChange={(e) => set('host', e.currentTarget.value)} />
          <NumberInput label={t('tracker.settingsForm.port')} min={0} max={65535} value={draft.port} onChange={(v) => set('port', Number(v) || 0)} />
          <Select label={t('tracker.settingsForm.defaultPreset')} data={trackerPresetIds.map((p) => ({ value: p, label: t(`tracker.presetNames.${p}`) }))} value={draft.defaultPreset} onChange={(v) => v && set('defaultPreset', v as TrackerSettings['defaultPreset'])} allowDeselect={false} />
        </Group>
        <TextInput label={t('tracker.settingsForm.publicBaseUrl')} description={t('tracker.settingsForm.publicBaseUrlHint')} placeholder="https://…" value={draft.publicBaseUrl} onChange={(e) => set('publicBaseUrl', e.currentTarget.value.trim())} />
        <Textarea
          label={t('tracker.settingsForm.allowedIps')}
          description={t('tracker.settingsForm.allowedIpsHint')}
          autosize
          minRows={2}
          value={draft.allowedIps.join('\n')}
          onChange={(e) => set('allowedIps', e.currentTarget.value.split(/[\n,]+/).map((s) => s.trim()).filter(Boolean))}
        />
        <Group grow>
          <NumberInput label={t('tracker.settingsForm.rateLimit')} min={1} max={100_000} value={draft.rateLimitPerMinute} onChange={(v) => set('rateLimitPerMinute', Number(v) || 1)} />
          <NumberInput label={t('tracker.settingsForm.maxBodyKb')} min={1} max={1024} value={draft.maxBodyKb} onChange={(v) => set('maxBodyKb', Number(v) || 1)} />
          <NumberInput label={t('tracker.settingsForm.pendingDays')} min={0} max={90} value={draft.pendingWindowDays} onChange={(v) => set('pendingWindowDays', Number(v) || 0)} />
        </Group>
        <Group grow>
          <NumberInput label={t('tracker.security.tokenRateLimit')} min={1} max={1_000_000} value={draft.tokenRateLimitPerMinute} onChange={(v) => set('tokenRateLimitPerMinute', Number(v) || 1)} />
          <NumberInput label={t('tracker.security.logRetentionDays')} min={1} max={3650} value={draft.logRetentionDays} onChange={(v) => set('logRetentionDays', Number(v) || 1)} />
          <Select
            label={t('tracker.security.frontProxy')}
            description={t('tracker.security.frontProxyHint')}
            data={(['none', 'proxy', 'cloudflared'] as const).map((value) => ({ value, label: t(`tracker.security.frontProxyOptions.${value}`) }))}
            value={draft.frontProxy}
            onChange={(v) => v && set('frontProxy', v as TrackerSettings['frontProxy'])}
            allowDeselect={false}
          />
        </Group>
        <Group grow>
          <TextInput label={t('tracker.settingsForm.responseBody')} value={draft.responseBody} onChange={(e) => set('responseBody', e.currentTarget.value)} />
          <TextInput label={t('tracker.settingsForm.campaignPattern')} description={t('tracker.settingsForm.campaignPatternHint')} value={draft.campaignPattern} onChange={(e) => set('campaignPattern', e.currentTarget.value)} />
        </Group>
        <StatusMappingEditor presets={draft.presets} onChange={(next) => set('presets', next)} />
        <Switch checked={draft.organicClickIds} onChange={(e) => set('organicClickIds', e.currentTarget.checked)} label={t('tracker.settingsForm.organic')} />
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDraft(saved)} disabled={save.isPending}>
            {t('tracker.settingsForm.reset')}
          </Button>
          <Button onClick={submit} loading={save.isPending} data-testid="tracker-settings-save">
            {t('tracker.settingsForm.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
