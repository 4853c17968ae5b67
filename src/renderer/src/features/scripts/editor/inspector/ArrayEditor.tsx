import { ActionIcon, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStepField, type Path } from './stepFieldContext';

interface ArrayEditorProps<T> {
  path: Path;
  label: string;
  /** A fresh item for "Add". */
  create(): T;
  itemTitle?(item: T, index: number): string;
  render(itemPath: Path, index: number, item: T): ReactNode;
  /** Fewer items than this cannot be removed. */
  min?: number;
  addLabel?: string;
}

/** Add, remove and reorder the items of an array inside the selected step. */
export function ArrayEditor<T>({ path, label, create, itemTitle, render, min = 0, addLabel }: ArrayEditorProps<T>) {
  const { t } = useTranslation();
  const f = useStepField<T[]>(path);
  const items = f.value ?? [];
  const move = (from: number, to: number): void => {
    const next = [...items];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item as T);
    f.set(next);
  };
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {label}
        </Text>
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => f.set([...items, create()])}>
          {addLabel ?? t('common.add')}
        </Button>
      </Group>
      {f.error && items.length === 0 && (
        <Text size="xs" c="red">
          {f.error}
        </Text>
      )}
      {items.map((item, i) => (
        <Paper key={i} withBorder p="xs" radius="sm" bg="gray.0">
          <Group justify="space-between" mb={4} wrap="nowrap">
            <Text size="xs" c="dimmed" truncate>
              {itemTitle ? itemTitle(item, i) : `#${i + 1}`}
            </Text>
            <Group gap={2} wrap="nowrap">
              <ActionIcon size="xs" variant="subtle" color="gray" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('common.moveUp')}>
                <IconArrowUp size={12} />
              </ActionIcon>
              <ActionIcon size="xs" variant="subtle" color="gray" disabled={i === items.length - 1} onClick={() => move(i, i + 1)} aria-label={t('common.moveDown')}>
                <IconArrowDown size={12} />
              </ActionIcon>
              <ActionIcon
                size="xs"
                variant="subtle"
                color="red"
                disabled={items.length <= min}
                onClick={() => f.set(items.filter((_, j) => j !== i))}
                aria-label={t('common.remove')}
              >
                <IconTrash size={12} />
              </ActionIcon>
            </Group>
          </Group>
          <Stack gap={6}>{render([...path, i], i, item)}</Stack>
        </Paper>
      ))}
    </Stack>
  );
}
