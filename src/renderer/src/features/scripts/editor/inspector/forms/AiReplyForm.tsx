import { Divider, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AiRoute } from '../../../../../../../shared/script';
import { randomSuffix } from '../../stepFactory';
import { ArrayEditor } from '../ArrayEditor';
import { PSelect, PSwitch, PTags, PTarget, PText, PTextarea } from '../fields';
import { useStepField } from '../stepFieldContext';
import { PushesEditor } from './PushesEditor';

function OpeningEditor() {
  const { t } = useTranslation();
  const mode = useStepField<string>(['opening', 'mode']);
  const opening = useStepField<Record<string, unknown>>(['opening']);
  return (
    <Stack gap={6}>
      <Text size="xs" fw={600}>
        {t('inspector.opening')}
      </Text>
      <SegmentedControl
        size="xs"
        value={mode.value ?? 'none'}
        onChange={(m) => opening.set(m === 'fixed' ? { mode: m, text: '' } : m === 'generated' ? { mode: m, instructions: '' } : { mode: 'none' })}
        data={['none', 'fixed', 'generated'].map((m) => ({ value: m, label: t(`inspector.openingMode.${m}`) }))}
      />
      {mode.value === 'fixed' && <PTextarea path={['opening', 'text']} label={t('inspector.text')} />}
      {mode.value === 'generated' && <PTextarea path={['opening', 'instructions']} label={t('inspector.instructions')} />}
    </Stack>
  );
}

export function AiReplyForm() {
  const { t } = useTranslation();
  const endless = useStepField<boolean>(['endless']);
  const routes = useStepField<AiRoute[]>(['routes']);
  const failure = useStepField<string>(['onAiFailure']);
  return (
    <>
      <OpeningEditor />
      <PTextarea path={['goal']} label={t('inspector.goal')} description={t('inspector.goalHint')} testId="field-goal" />
      <PTextarea path={['requirements']} label={t('inspector.requirements')} description={t('inspector.requirementsHint')} />
      <PTextarea path={['legend']} label={t('inspector.legend')} description={t('inspector.legendHint')} />
      <PTextarea path={['instructions']} label={t('inspector.replyInstructions')} description={t('inspector.replyInstructionsHint')} />
      <Divider label={t('inspector.routes')} labelPosition="left" />
      <ArrayEditor<AiRoute>
        path={['routes']}
        label={t('inspector.routesList')}
        create={() => ({ id: `route_${randomSuffix()}`, title: '', condition: '', examples: [], once: false, target: '' })}
        itemTitle={(r, i) => r.title || `${t('inspector.route')} ${i + 1}`}
        render={(p) => (
          <>
            <PText path={[...p, 'title']} label={t('inspector.routeTitle')} />
            <PTextarea path={[...p, 'condition']} label={t('inspector.routeCondition')} description={t('inspector.routeConditionHint')} />
            <PTags path={[...p, 'examples']} label={t('inspector.routeExamples')} description={t('inspector.routeExamplesHint')} />
            <PSwitch path={[...p, 'once']} label={t('inspector.routeOnce')} />
            <PTarget path={[...p, 'target']} label={t('inspector.target')} />
          </>
        )}
      />
      <Divider label={t('inspector.exit')} labelPosition="left" />
      <PSwitch path={['endless']} label={t('inspector.endless')} description={t('inspector.endlessHint')} />
      <PSwitch path={['skipOnFirstRun']} label={t('inspector.skipOnFirstRun')} description={t('inspector.skipOnFirstRunHint')} />
      {!endless.value && !(routes.value ?? []).length && <PTarget path={['next']} label={t('inspector.nextWhenMet')} optional />}
      <PSwitch path={['splitLines']} label={t('inspector.splitLines')} />
      <PSelect
        path={['onAiFailure']}
        label={t('inspector.onAiFailure')}
        data={['manual', 'fallback', 'retry'].map((v) => ({ value: v, label: t(`inspector.failure.${v}`) }))}
      />
      {failure.value === 'fallback' && <PTextarea path={['fallbackText']} label={t('inspector.fallbackText')} optional />}
      <PushesEditor />
    </>
  );
}
