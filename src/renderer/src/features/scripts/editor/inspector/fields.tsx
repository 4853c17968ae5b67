import { NumberInput, Select, Switch, TagsInput, Textarea, TextInput, type ComboboxData } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { stepOptionGroups } from '../../../../lib/stepOptions';
import { useCurrentFlow } from '../editorStore';
import { useStepField, useStepForm, type Path } from './stepFieldContext';

interface BaseProps {
  path: Path;
  label: string;
  description?: string;
  placeholder?: string;
  /** Empty text removes the key (for optional fields). */
  optional?: boolean;
  testId?: string;
}

export function PText({ path, label, description, placeholder, optional, testId }: BaseProps) {
  const f = useStepField<string>(path);
  return (
    <TextInput
      size="xs"
      label={label}
      description={description}
      placeholder={placeholder}
      value={f.value ?? ''}
      error={f.error}
      onChange={(e) => f.set(optional && !e.currentTarget.value ? undefined : e.currentTarget.value)}
      data-testid={testId}
    />
  );
}

export function PTextarea({ path, label, description, placeholder, optional, testId, minRows = 2 }: BaseProps & { minRows?: number }) {
  const f = useStepField<string>(path);
  return (
    <Textarea
      size="xs"
      label={label}
      description={description}
      placeholder={placeholder}
      autosize
      minRows={minRows}
      maxRows={14}
      value={f.value ?? ''}
      error={f.error}
      onChange={(e) => f.set(optional && !e.currentTarget.value ? undefined : e.currentTarget.value)}
      data-testid={testId}
    />
  );
}

export function PNumber({ path, label, description, min, max, step, optional }: BaseProps & { min?: number; max?: number; step?: number }) {
  const f = useStepField<number>(path);
  return (
    <NumberInput
      size="xs"
      label={label}
      description={description}
      min={min}
      max={max}
      step={step}
      decimalScale={step && step < 1 ? 2 : undefined}
      value={f.value ?? ''}
      error={f.error}
      onChange={(v) => f.set(typeof v === 'number' ? v : optional ? undefined : 0)}
    />
  );
}

export function PSwitch({ path, label, description }: BaseProps) {
  const f = useStepField<boolean>(path);
  return (
    <Switch size="xs" label={label} description={description} checked={Boolean(f.value)} error={f.error} onChange={(e) => f.set(e.currentTarget.checked)} />
  );
}

export function PSelect({ path, label, description, data, optional }: BaseProps & { data: ComboboxData }) {
  const f = useStepField<string>(path);
  return (
    <Select
      size="xs"
      label={label}
      description={description}
      data={data}
      value={f.value ?? null}
      clearable={optional}
      allowDeselect={optional}
      error={f.error}
      onChange={(v) => f.set(v ?? undefined)}
    />
  );
}

export function PTags({ path, label, description, suggestions, placeholder }: BaseProps & { suggestions?: string[] }) {
  const f = useStepField<string[]>(path);
  return (
    <TagsInput
      size="xs"
      label={label}
      description={description}
      placeholder={placeholder}
      data={suggestions}
      value={f.value ?? []}
      error={f.error}
      onChange={(v) => f.set(v)}
      clearable
    />
  );
}

/** A link to another step of the same flow. */
export function PTarget({ path, label, description, optional, testId }: BaseProps) {
  const { t } = useTranslation();
  const flow = useCurrentFlow();
  const { step } = useStepForm();
  const f = useStepField<string>(path);
  // Title · flow · id: same-titled steps stay distinguishable (notes are not steps of a path).
  const data = useMemo(() => (flow ? stepOptionGroups({ flows: [flow] }, t, { except: step.id }).flatMap((g) => g.items) : []), [flow, step.id, t]);
  return (
    <Select
      size="xs"
      label={label}
      description={description}
      placeholder={t('inspector.pickStep')}
      data={data}
      searchable
      value={f.value || null}
      clearable={optional}
      error={f.error}
      onChange={(v) => f.set(v ?? (optional ? undefined : ''))}
      nothingFoundMessage={t('common.nothingFound')}
      data-testid={testId}
    />
  );
}

/** Macro syntax is shown literally (kept out of i18n, whose interpolation also uses braces). */
export function macrosHint(label: string): string {
  return `${label}: {{lead.first_name}}, {{fields.KEY}}, {{tracker.clickid}}, {{variables.NAME}}`;
}
