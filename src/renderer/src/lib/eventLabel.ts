import type { TFunction } from 'i18next';

/**
 * The label of a timeline entry in the UI language. Event types are open-ended (new ones appear as
 * features land), so an unknown one shows its raw name rather than failing.
 */
export function eventLabel(t: TFunction, type: string): string {
  return t(`timeline.${type.replace(/\./g, '_')}`, { defaultValue: type });
}
