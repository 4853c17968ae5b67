import { Alert, JsonInput, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editorStore';
import type { LocatedProblem } from '../problems';
import { translateProblem } from '../translateProblem';

/** Auto actions (event → go to flow/step, status, tags, fields) edited as JSON, checked live. */
export function AutoActionsEditor({ problems }: { problems: readonly LocatedProblem[] }) {
  const { t } = useTranslation();
  const actions = useEditor((s) => s.body?.autoActions ?? []);
  const [text, setText] = useState(() => JSON.stringify(actions, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const mine = problems.filter((p) => p.path.startsWith('autoActions'));

  const apply = (): void => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) throw new Error(t('autoActions.notArray'));
      setParseError(null);
      const { body, commit } = useEditor.getState();
      if (body) commit({ ...body, autoActions: parsed as typeof actions });
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('autoActions.hint')}
      </Text>
      <JsonInput
        autosize
        minRows={10}
        maxRows={30}
        value={text}
        onChange={setText}
        onBlur={apply}
        formatOnBlur
        error={parseError}
        validationError={t('autoActions.invalidJson')}
      />
      {mine.length > 0 && (
        <Alert color="red" variant="light">
          <List size="xs">
            {mine.map((p, i) => (
              <List.Item key={i}>
                {p.path}: {translateProblem(p.message, t)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
