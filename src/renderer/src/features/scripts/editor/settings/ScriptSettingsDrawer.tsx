import { Drawer, Group, Stack, Tabs } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Validation } from '../problems';
import { AiSettingsForm } from './AiSettingsForm';
import { AutoActionsEditor } from './AutoActionsEditor';
import { ScriptListEditor } from './ScriptListEditor';
import { SSwitch, SText, STextarea } from './ScriptFields';

/** Script-level settings: name and timezone, AI, fields/tags/variables, auto actions. */
export function ScriptSettingsDrawer({ opened, onClose, validation }: { opened: boolean; onClose(): void; validation: Validation }) {
  const { t } = useTranslation();
  const problems = useMemo(() => validation.errors.filter((p) => !p.stepId), [validation]);
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={t('editor.scriptSettings')} data-testid="script-settings-drawer">
      <Tabs defaultValue="general" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="general">{t('scriptSettings.general')}</Tabs.Tab>
          <Tabs.Tab value="ai" data-testid="tab-ai">
            {t('scriptSettings.ai')}
          </Tabs.Tab>
          <Tabs.Tab value="data">{t('scriptSettings.data')}</Tabs.Tab>
          <Tabs.Tab value="auto" data-testid="tab-auto">{t('scriptSettings.autoActions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general">
          <Stack gap="sm">
            <SText path={['name']} label={t('scriptSettings.name')} problems={problems} testId="script-name" />
            <STextarea path={['description']} label={t('scriptSettings.description')} problems={problems} />
            <SText path={['timezone']} label={t('scriptSettings.timezone')} description={t('scriptSettings.timezoneHint')} placeholder="Europe/Moscow" problems={problems} />
            <SSwitch path={['quietHours', 'enabled']} label={t('scriptSettings.quietHours')} description={t('scriptSettings.quietHoursHint')} defaultValue problems={problems} testId="quiet-hours" />
            <Group grow>
              <SText path={['quietHours', 'from']} label={t('scriptSettings.quietFrom')} placeholder="23:00" problems={problems} optional />
              <SText path={['quietHours', 'to']} label={t('scriptSettings.quietTo')} placeholder="09:00" problems={problems} optional />
            </Group>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="ai">
          <AiSettingsForm problems={problems} />
        </Tabs.Panel>
        <Tabs.Panel value="data">
          <Stack gap="lg">
            <ScriptListEditor
              path="fields"
              label={t('scriptSettings.fields')}
              problems={problems}
              create={() => ({ key: 'field', label: '' })}
              columns={[
                { key: 'key', label: t('scriptSettings.key'), width: 180 },
                { key: 'label', label: t('scriptSettings.label') },
              ]}
            />
            <ScriptListEditor
              path="tags"
              label={t('scriptSettings.tags')}
              problems={problems}
              create={() => ({ name: 'tag' })}
              columns={[
                { key: 'name', label: t('scriptSettings.tagName') },
                { key: 'color', label: t('scriptSettings.color'), placeholder: '#2e7d32', width: 120 },
              ]}
            />
            <ScriptListEditor
              path="variables"
              label={t('scriptSettings.variables')}
              problems={problems}
              create={() => ({ name: 'var', value: '' })}
              columns={[
                { key: 'name', label: t('scriptSettings.key'), width: 180 },
                { key: 'value', label: t('scriptSettings.value') },
              ]}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="auto">
          <AutoActionsEditor problems={problems} />
        </Tabs.Panel>
      </Tabs>
    </Drawer>
  );
}
