import { useTranslation } from 'react-i18next';
import { ArrayEditor } from '../ArrayEditor';
import { PNumber, PSelect, PTarget, PText, PTextarea } from '../fields';
import { useScriptLists } from './useScriptLists';

export function ImageCheckForm() {
  const { t } = useTranslation();
  const { fields } = useScriptLists();
  return (
    <>
      <PTextarea path={['prompt']} label={t('inspector.prompt')} optional />
      <ArrayEditor<{ field: string; instruction: string; pattern?: string }>
        path={['tasks']}
        label={t('inspector.tasks')}
        min={1}
        create={() => ({ field: fields[0]?.value ?? '', instruction: '' })}
        render={(p) => (
          <>
            <PSelect path={[...p, 'field']} label={t('inspector.field')} data={fields} />
            <PTextarea path={[...p, 'instruction']} label={t('inspector.instruction')} />
            <PText path={[...p, 'pattern']} label={t('inspector.pattern')} placeholder="^\d{6,12}$" optional />
          </>
        )}
      />
      <PNumber path={['maxAttempts']} label={t('inspector.maxAttempts')} min={1} max={20} />
      <PTarget path={['onSuccess']} label={t('edges.recognised')} />
      <PTarget path={['onNotRecognised']} label={t('edges.notRecognised')} optional />
      <PTextarea path={['notRecognisedText']} label={t('inspector.notRecognisedText')} optional />
      <PTarget path={['onNoImage']} label={t('edges.noImage')} optional />
      <PTextarea path={['noImageText']} label={t('inspector.noImageText')} optional />
    </>
  );
}
