import { MultiSelect, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { trackerMacroKeys, type ConditionRule } from '../../../../../../../shared/script';
import { randomSuffix } from '../../stepFactory';
import { ArrayEditor } from '../ArrayEditor';
import { PNumber, PSelect, PTarget, PText } from '../fields';
import { useStepField, type Path } from '../stepFieldContext';
import { useScriptLists } from './useScriptLists';

const compareOps = ['is', 'not', 'contains', 'exists', 'missing', 'gt', 'lt'];

function defaultRule(kind: ConditionRule['kind']): ConditionRule {
  switch (kind) {
    case 'tag':
      return { kind, op: 'has', tag: '' };
    case 'field':
    case 'tracker':
      return { kind, key: kind === 'tracker' ? 'clickid' : '', op: 'exists' };
    case 'time':
      return { kind, op: 'between', from: '09:00', to: '21:00' };
    case 'event':
      return { kind, op: 'received', event: 'registration' };
    case 'deposit':
      return { kind, metric: 'total', op: 'gt', value: 0 };
  }
}

/** Text value that becomes a number for the numeric comparisons. */
function RuleValue({ path, op }: { path: Path; op: string | undefined }) {
  const { t } = useTranslation();
  const f = useStepField<string | number>(path);
  if (op === 'exists' || op === 'missing') return null;
  return (
    <TextInput
      size="xs"
      label={t('inspector.value')}
      value={f.value === undefined ? '' : String(f.value)}
      error={f.error}
      onChange={(e) => {
        const text = e.currentTarget.value;
        f.set(text === '' ? undefined : (op === 'gt' || op === 'lt') && !Number.isNaN(Number(text)) ? Number(text) : text);
      }}
    />
  );
}

function RuleEditor({ path }: { path: Path }) {
  const { t } = useTranslation();
  const { tags, fields } = useScriptLists();
  const rule = useStepField<ConditionRule>(path);
  const r = rule.value;
  if (!r) return null;
  const kindSelect = (
    <Select
      size="xs"
      label={t('inspector.ruleKind')}
      value={r.kind}
      data={['tag', 'field', 'tracker', 'time', 'event', 'deposit'].map((k) => ({ value: k, label: t(`inspector.ruleKinds.${k}`) }))}
      onChange={(k) => k && k !== r.kind && rule.set(defaultRule(k as ConditionRule['kind']))}
    />
  );
  const ops = (list: string[]) => list.map((o) => ({ value: o, label: t(`inspector.ops.${o}`) }));
  switch (r.kind) {
    case 'tag':
      return (
        <>
          {kindSelect}
          <PSelect path={[...path, 'op']} label={t('inspector.op')} data={ops(['has', 'not_has'])} />
          <Select size="xs" label={t('inspector.tag')} data={tags} value={r.tag || null} searchable onChange={(v) => rule.set({ ...r, tag: v ?? '' })} error={rule.error} />
        </>
      );
    case 'field':
    case 'tracker':
      return (
        <>
          {kindSelect}
          {r.kind === 'field' ? (
            <PSelect path={[...path, 'key']} label={t('inspector.field')} data={fields} />
          ) : (
            <PSelect path={[...path, 'key']} label={t('inspector.trackerField')} data={[...trackerMacroKeys]} />
          )}
          <PSelect path={[...path, 'op']} label={t('inspector.op')} data={ops(compareOps)} />
          <RuleValue path={[...path, 'value']} op={r.op} />
        </>
      );
    case 'time':
      return (
        <>
          {kindSelect}
          <PSelect path={[...path, 'op']} label={t('inspector.op')} data={ops(['between', 'not_between'])} />
          <PText path={[...path, 'from']} label={t('inspector.from')} placeholder="09:00" />
          <PText path={[...path, 'to']} label={t('inspector.to')} placeholder="21:00" />
          <MultiSelect
            size="xs"
            label={t('inspector.days')}
            data={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`inspector.weekdays.${d}`) }))}
            value={(r.days ?? []).map(String)}
            onChange={(v) => rule.set({ ...r, days: v.length ? v.map(Number) : undefined })}
          />
        </>
      );
    case 'event':
      return (
        <>
          {kindSelect}
          <PSelect path={[...path, 'op']} label={t('inspector.op')} data={ops(['received', 'not_received'])} />
          <PText path={[...path, 'event']} label={t('inspector.event')} placeholder="registration" />
        </>
      );
    case 'deposit':
      return (
        <>
          {kindSelect}
          <PSelect path={[...path, 'metric']} label={t('inspector.metric')} data={['total', 'count', 'first'].map((m) => ({ value: m, label: t(`inspector.metrics.${m}`) }))} />
          <PSelect path={[...path, 'op']} label={t('inspector.op')} data={ops(['gt', 'gte', 'lt', 'lte', 'is'])} />
          <PNumber path={[...path, 'value']} label={t('inspector.value')} />
        </>
      );
  }
}

export function ConditionForm() {
  const { t } = useTranslation();
  return (
    <>
      <ArrayEditor<{ id: string; title: string; match: string; rules: ConditionRule[]; target: string }>
        path={['branches']}
        label={t('inspector.branches')}
        min={1}
        create={() => ({ id: `if_${randomSuffix()}`, title: '', match: 'all', rules: [defaultRule('tag')], target: '' })}
        itemTitle={(b, i) => b.title || t('edges.branch', { n: i + 1 })}
        render={(p) => (
          <>
            <PText path={[...p, 'title']} label={t('inspector.branchTitle')} />
            <PSelect path={[...p, 'match']} label={t('inspector.match')} data={[{ value: 'all', label: t('inspector.matchAll') }, { value: 'any', label: t('inspector.matchAny') }]} />
            <ArrayEditor<ConditionRule>
              path={[...p, 'rules']}
              label={t('inspector.rules')}
              min={1}
              create={() => defaultRule('tag')}
              itemTitle={(r) => t(`inspector.ruleKinds.${r.kind}`)}
              render={(rp) => <RuleEditor path={rp} />}
            />
            <PTarget path={[...p, 'target']} label={t('inspector.target')} />
          </>
        )}
      />
      <PTarget path={['else']} label={t('inspector.else')} description={t('inspector.elseHint')} optional />
    </>
  );
}
