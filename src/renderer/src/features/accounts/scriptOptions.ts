import type { TFunction } from 'i18next';
import type { ScriptSummary } from '../../../../shared/rpc/scripts';

/**
 * The scripts an account may be given, for a Select. A never-published script is listed but cannot be
 * picked (main refuses it too): what it would run is the body it was created with, not the editor's
 * draft, and nobody published it.
 */
export function scriptOptions(t: TFunction, scripts: readonly ScriptSummary[] | undefined): { value: string; label: string; disabled?: boolean }[] {
  return (scripts ?? []).map((s) => (s.revision > 0 ? { value: String(s.id), label: s.name } : { value: String(s.id), label: `${s.name} — ${t('desk.neverPublished')}`, disabled: true }));
}
