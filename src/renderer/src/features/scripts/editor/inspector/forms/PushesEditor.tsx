import { useTranslation } from 'react-i18next';
import { ArrayEditor } from '../ArrayEditor';
import { PText, PTextarea } from '../fields';

/** Follow-ups sent while the lead stays silent ("догрев"). */
export function PushesEditor() {
  const { t } = useTranslation();
  return (
    <ArrayEditor<{ after: string; text: string }>
      path={['pushes']}
      label={t('inspector.pushes')}
      create={() => ({ after: '1h', text: '' })}
      itemTitle={(p, i) => `${i + 1}. ${t('inspector.pushAfter')} ${p.after}`}
      render={(p) => (
        <>
          <PText path={[...p, 'after']} label={t('inspector.pushAfter')} placeholder="10m, 1h, 1d" />
          <PTextarea path={[...p, 'text']} label={t('inspector.text')} />
        </>
      )}
    />
  );
}
