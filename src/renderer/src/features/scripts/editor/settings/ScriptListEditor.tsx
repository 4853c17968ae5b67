import { ActionIcon, Button, ColorInput, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LocatedProblem } from '../problems';
import { messageText } from '../../../../lib/messageText';
import { useScriptField } from './useScriptField';

interface Column {
  key: string;
  label: string;
  placeholder?: string;
  width?: number;
  /** 'color': a colour picker with swatches instead of typing a hex code. */
  kind?: 'text' | 'color';
}

/** Swatches for tag colours: Mantine's palette at shade 7, readable on white and on the light badges. */
const swatches = ['#2e7d32', '#1565c0', '#6a1b9a', '#c62828', '#ef6c00', '#f9a825', '#00838f', '#4e342e', '#9e9e9e', '#37474f'];

/** A table-like editor of a script-level list (fields, tags, variables): one text input per column. */
export function ScriptListEditor({ path, label, columns, problems, create }: { path: string; label: string; columns: Column[]; problems: readonly LocatedProblem[]; create(): Record<string, string> }) {
  const { t } = useTranslation();
  const f = useScriptField<Record<string, string>[]>([path], problems);
  const items = f.value ?? [];
  const rowError = (i: number): string | undefined => {
    const list = problems.filter((p) => p.path.startsWith(`${path}[${i}]`));
    return list.length ? list.map((p) => messageText(t, p)).join(' · ') : undefined;
  };
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {label}
        </Text>
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => f.set([...items, create()])} data-testid={`add-${path}`}>
          {t('common.add')}
        </Button>
      </Group>
      {items.length === 0 && (
        <Text size="xs" c="dimmed">
          {t('common.none')}
        </Text>
      )}
      {items.map((item, i) => (
        <Stack key={i} gap={2}>
          <Group gap={4} wrap="nowrap">
            {columns.map((c) =>
              c.kind === 'color' ? (
                <ColorInput
                  key={c.key}
                  size="xs"
                  w={c.width}
                  format="hex"
                  swatches={swatches}
                  swatchesPerRow={5}
                  placeholder={c.placeholder ?? c.label}
                  aria-label={c.label}
                  value={item[c.key] ?? ''}
                  onChange={(value) => f.set(items.map((x, j) => (j === i ? { ...x, [c.key]: value } : x)))}
                  data-testid={`${path}-${i}-${c.key}`}
                />
              ) : (
              <TextInput
                key={c.key}
                size="xs"
                w={c.width}
                style={c.width ? undefined : { flex: 1 }}
                placeholder={c.placeholder ?? c.label}
                aria-label={c.label}
                value={item[c.key] ?? ''}
                onChange={(e) => f.set(items.map((x, j) => (j === i ? { ...x, [c.key]: e.currentTarget.value } : x)))}
              />
              ),
            )}
            <ActionIcon size="sm" variant="subtle" color="red" onClick={() => f.set(items.filter((_, j) => j !== i))} aria-label={t('common.remove')}>
              <IconTrash size={12} />
            </ActionIcon>
          </Group>
          {rowError(i) && (
            <Text size="xs" c="red">
              {rowError(i)}
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
