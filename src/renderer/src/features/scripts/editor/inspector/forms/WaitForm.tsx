import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PSelect, PTags, PTarget, PText } from '../fields';
import { useStepField } from '../stepFieldContext';

const defaults: Record<string, Record<string, unknown>> = {
  duration: { kind: 'duration', duration: '1h' },
  clock: { kind: 'clock', time: '10:00' },
  lead_time: { kind: 'lead_time', fallback: '1h' },
  event: { kind: 'event', events: ['registration'] },
};

export function WaitForm() {
  const { t } = useTranslation();
  const until = useStepField<{ kind: string }>(['until']);
  const onMessage = useStepField<string>(['onMessage']);
  const kind = until.value?.kind;
  return (
    <>
      <Select
        size="xs"
        label={t('inspector.waitKind')}
        value={kind ?? null}
        data={Object.keys(defaults).map((k) => ({ value: k, label: t(`inspector.waitKinds.${k}`) }))}
        onChange={(k) => k && k !== kind && until.set(defaults[k] as { kind: string })}
      />
      {kind === 'duration' && <PText path={['until', 'duration']} label={t('inspector.duration')} placeholder="10m, 1h30m, 2d" />}
      {kind === 'clock' && (
        <>
          <PText path={['until', 'time']} label={t('inspector.clockTime')} placeholder="09:30" />
          <PText path={['until', 'timezone']} label={t('inspector.timezone')} placeholder="Europe/Moscow" optional />
        </>
      )}
      {kind === 'lead_time' && (
        <>
          <PText path={['until', 'fallback']} label={t('inspector.fallbackDuration')} description={t('inspector.leadTimeHint')} />
          <PText path={['until', 'min']} label={t('inspector.minDuration')} optional />
          <PText path={['until', 'max']} label={t('inspector.maxDuration')} optional />
        </>
      )}
      {kind === 'event' && (
        <>
          <PTags path={['until', 'events']} label={t('inspector.events')} suggestions={['registration', 'sale', 'resale']} />
          <PText path={['until', 'timeout']} label={t('inspector.timeout')} optional />
          <PTarget path={['until', 'timeoutTarget']} label={t('inspector.timeoutTarget')} optional />
        </>
      )}
      <PSelect
        path={['onMessage']}
        label={t('inspector.onMessage')}
        data={['ignore', 'queue', 'wake'].map((v) => ({ value: v, label: t(`inspector.onMessageModes.${v}`) }))}
      />
      <PTarget path={['next']} label={t('inspector.next')} />
      {onMessage.value === 'wake' && <PTarget path={['wakeTarget']} label={t('inspector.wakeTarget')} optional />}
    </>
  );
}
