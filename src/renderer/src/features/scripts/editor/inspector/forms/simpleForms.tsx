import { Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ArrayEditor } from '../ArrayEditor';
import { MediaPicker } from '../MediaPicker';
import { macrosHint, PSelect, PSwitch, PTags, PTarget, PText, PTextarea } from '../fields';
import { useStepField } from '../stepFieldContext';
import { PushesEditor } from './PushesEditor';
import { useScriptLists } from './useScriptLists';

export function MessageForm() {
  const { t } = useTranslation();
  return (
    <>
      <ArrayEditor<{ text: string; media?: { kind: string; path: string }; delay?: string }>
        path={['messages']}
        label={t('inspector.messages')}
        min={1}
        create={() => ({ text: '' })}
        render={(p, i) => (
          <>
            <PTextarea path={[...p, 'text']} label={t('inspector.text')} description={i === 0 ? macrosHint(t('inspector.macrosHint')) : undefined} testId={`message-text-${i}`} />
            <Text size="xs" fw={500}>
              {t('inspector.mediaKind')}
            </Text>
            <MediaPicker path={p} index={i} />
            <PText path={[...p, 'delay']} label={t('inspector.delay')} placeholder="5s" optional />
          </>
        )}
      />
      <PSwitch path={['splitLines']} label={t('inspector.splitLines')} />
      <PSwitch path={['waitForReply']} label={t('inspector.waitForReply')} description={t('inspector.waitForReplyHint')} />
      <PTarget path={['next']} label={t('inspector.next')} optional testId="field-next" />
      <PushesEditor />
    </>
  );
}

export function NoteForm() {
  const { t } = useTranslation();
  return (
    <>
      <PTextarea path={['text']} label={t('inspector.noteText')} minRows={5} />
    </>
  );
}

export function ManualForm() {
  const { t } = useTranslation();
  return <PTextarea path={['reason']} label={t('inspector.reason')} description={t('inspector.reasonHint')} />;
}

export function GotoForm() {
  const { t } = useTranslation();
  return <PTarget path={['target']} label={t('inspector.target')} />;
}

export function TagForm() {
  const { t } = useTranslation();
  const { tags } = useScriptLists();
  return (
    <>
      <PTags path={['add']} label={t('inspector.addTags')} suggestions={tags} />
      <PTags path={['remove']} label={t('inspector.removeTags')} suggestions={tags} />
      <PTarget path={['next']} label={t('inspector.next')} optional />
    </>
  );
}

export function SetFieldForm() {
  const { t } = useTranslation();
  const { fields } = useScriptLists();
  return (
    <>
      <ArrayEditor<{ key: string; value: string }>
        path={['assignments']}
        label={t('inspector.assignments')}
        min={1}
        create={() => ({ key: fields[0]?.value ?? '', value: '' })}
        render={(p) => (
          <>
            <PSelect path={[...p, 'key']} label={t('inspector.field')} data={fields} />
            <PText path={[...p, 'value']} label={t('inspector.value')} description={macrosHint(t('inspector.macrosHint'))} />
          </>
        )}
      />
      <PTarget path={['next']} label={t('inspector.next')} />
    </>
  );
}

export function ChangeFlowForm() {
  const { t } = useTranslation();
  const { flows, body } = useScriptLists();
  const flow = useStepField<string>(['flow']);
  const step = useStepField<string>(['step']);
  const target = body?.flows.find((f) => f.id === flow.value);
  return (
    <>
      <Select
        size="xs"
        label={t('inspector.flow')}
        data={flows}
        value={flow.value ?? null}
        error={flow.error}
        onChange={(v) => {
          flow.set(v ?? '');
          step.set(undefined);
        }}
      />
      <Select
        size="xs"
        label={t('inspector.flowStep')}
        description={t('inspector.flowStepHint')}
        clearable
        searchable
        data={(target?.steps ?? []).map((s) => ({ value: s.id, label: s.title || s.id }))}
        value={step.value ?? null}
        error={step.error}
        onChange={(v) => step.set(v ?? undefined)}
      />
    </>
  );
}
