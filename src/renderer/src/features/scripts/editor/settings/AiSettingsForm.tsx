import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LocatedProblem } from '../problems';
import { SNumber, SText, STags, STextarea } from './ScriptFields';

/** The script's AI persona and rules: legend, constraints, style, never-say list, models. */
export function AiSettingsForm({ problems }: { problems: readonly LocatedProblem[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <STextarea path={['ai', 'globalLegend']} label={t('aiSettings.legend')} description={t('aiSettings.legendHint')} problems={problems} testId="ai-legend" />
      <STextarea path={['ai', 'globalConstraints']} label={t('aiSettings.constraints')} description={t('aiSettings.constraintsHint')} problems={problems} />
      <STextarea path={['ai', 'responseStyle']} label={t('aiSettings.style')} description={t('aiSettings.styleHint')} problems={problems} />
      <STags path={['ai', 'neverSay']} label={t('aiSettings.neverSay')} description={t('aiSettings.neverSayHint')} problems={problems} />
      <SimpleGrid cols={3}>
        <SText path={['ai', 'models', 'router']} label={t('aiSettings.modelRouter')} placeholder={t('aiSettings.modelDefault')} problems={problems} optional />
        <SText path={['ai', 'models', 'reply']} label={t('aiSettings.modelReply')} placeholder={t('aiSettings.modelDefault')} problems={problems} optional />
        <SText path={['ai', 'models', 'vision']} label={t('aiSettings.modelVision')} placeholder={t('aiSettings.modelDefault')} problems={problems} optional />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <SNumber path={['ai', 'temperature']} label={t('aiSettings.temperature')} min={0} max={2} step={0.1} problems={problems} />
        <SNumber path={['ai', 'historyLimit']} label={t('aiSettings.historyLimit')} min={1} max={200} problems={problems} />
      </SimpleGrid>
    </Stack>
  );
}
