import { NumberInput, Switch, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { Path } from '../inspector/stepFieldContext';
import type { LocatedProblem } from '../problems';
import { useScriptField } from './useScriptField';

interface Props {
  path: Path;
  label: string;
  description?: string;
  placeholder?: string;
  problems: readonly LocatedProblem[];
  optional?: boolean;
  testId?: string;
}

export function SText({ path, label, description, placeholder, problems, optional, testId }: Props) {
  const f = useScriptField<string>(path, problems);
  return (
    <TextInput
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

export function STextarea({ path, label, description, placeholder, problems, testId }: Props) {
  const f = useScriptField<string>(path, problems);
  return (
    <Textarea
      label={label}
      description={description}
      placeholder={placeholder}
      autosize
      minRows={3}
      maxRows={12}
      value={f.value ?? ''}
      error={f.error}
      onChange={(e) => f.set(e.currentTarget.value)}
      data-testid={testId}
    />
  );
}

export function SNumber({ path, label, description, problems, min, max, step }: Props & { min?: number; max?: number; step?: number }) {
  const f = useScriptField<number>(path, problems);
  return (
    <NumberInput
      label={label}
      description={description}
      min={min}
      max={max}
      step={step}
      decimalScale={step && step < 1 ? 2 : undefined}
      value={f.value ?? ''}
      error={f.error}
      onChange={(v) => typeof v === 'number' && f.set(v)}
    />
  );
}

export function STags({ path, label, description, problems, placeholder }: Props) {
  const f = useScriptField<string[]>(path, problems);
  return (
    <TagsInput label={label} description={description} placeholder={placeholder} value={f.value ?? []} error={f.error} onChange={(v) => f.set(v)} clearable />
  );
}

/** An on/off value; `defaultValue` is what the script means while the key is absent. */
export function SSwitch({ path, label, description, problems, defaultValue, testId }: Props & { defaultValue: boolean }) {
  const f = useScriptField<boolean>(path, problems);
  return (
    <Switch
      label={label}
      description={description}
      checked={f.value ?? defaultValue}
      error={f.error}
      onChange={(e) => f.set(e.currentTarget.checked)}
      data-testid={testId}
    />
  );
}
