import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { randomSuffix } from '../../stepFactory';
import { ArrayEditor } from '../ArrayEditor';
import { PNumber, PSelect, PTarget, PText } from '../fields';
import { useStepField } from '../stepFieldContext';

interface Variant {
  id: string;
  title: string;
  weight: number;
  target: string;
}

export function AbRouterForm() {
  const { t } = useTranslation();
  const mode = useStepField<string>(['mode']);
  const variants = useStepField<Variant[]>(['variants']);
  const total = (variants.value ?? []).reduce((sum, v) => sum + (Number(v.weight) || 0), 0);
  return (
    <>
      <PSelect
        path={['mode']}
        label={t('inspector.abMode')}
        data={[
          { value: 'fixed', label: t('inspector.abFixed') },
          { value: 'auto', label: t('inspector.abAuto') },
        ]}
      />
      {mode.value === 'auto' && <PText path={['goalEvent']} label={t('inspector.goalEvent')} placeholder="registration" optional />}
      <Group gap="xs">
        <Badge color={Math.abs(total - 100) < 1e-6 ? 'teal' : 'red'} variant="light">
          {t('inspector.weightsTotal', { total })}
        </Badge>
      </Group>
      <ArrayEditor<Variant>
        path={['variants']}
        label={t('inspector.variants')}
        min={2}
        create={() => ({ id: `v_${randomSuffix()}`, title: '', weight: 0, target: '' })}
        itemTitle={(v, i) => `${v.title || String.fromCharCode(65 + i)} · ${v.weight}%`}
        render={(p) => (
          <>
            <PText path={[...p, 'title']} label={t('inspector.variantTitle')} />
            <PNumber path={[...p, 'weight']} label={t('inspector.weight')} min={0} max={100} />
            <PTarget path={[...p, 'target']} label={t('inspector.target')} />
          </>
        )}
      />
    </>
  );
}
