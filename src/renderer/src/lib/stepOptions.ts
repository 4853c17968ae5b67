import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { Flow, Script, Step } from '../../../shared/script';

/**
 * How a step is named in a picker: title, flow and id, so four steps titled "To the cloud" in
 * different flows (or the same one) can be told apart.
 */
export function stepOptionLabel(step: Step, flow: Pick<Flow, 'name'>, t: TFunction): string {
  const title = step.title || t(`stepTypes.${step.type}`);
  return `${title} · ${flow.name} · ${step.id}`;
}

/** Every step of a script (or of one flow), grouped by flow, for a searchable Select. */
export function stepOptionGroups(script: Pick<Script, 'flows'> | null | undefined, t: TFunction, only?: { flowId?: string; except?: string }): ComboboxItemGroup<ComboboxItem>[] {
  return (script?.flows ?? [])
    .filter((f) => !only?.flowId || f.id === only.flowId)
    .map((flow) => ({
      group: flow.name,
      items: flow.steps.filter((s) => s.id !== only?.except && s.type !== 'note').map((s) => ({ value: s.id, label: stepOptionLabel(s, flow, t) })),
    }))
    .filter((g) => g.items.length > 0);
}
