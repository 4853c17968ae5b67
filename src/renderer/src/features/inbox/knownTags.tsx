import { ColorSwatch, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useRpcQuery } from '../../rpc/hooks';

/** Tags leads carry and scripts declare (tags.list), for suggestions in filters and a lead's tags. */
export function useKnownTags() {
  const query = useRpcQuery('tags.list', {});
  const client = useQueryClient();
  // After a lead's tags change, new tags are suggested at once and counts follow.
  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: ['tags.list'] }), [client]);
  const tags = query.data ?? [];
  return { tags, names: tags.map((t) => t.name), refresh };
}

/** An option line of a tag picker: its colour (when a script gives one), name, and how many leads carry it. */
export function TagOption({ option, tags }: { option: { value: string }; tags: ReturnType<typeof useKnownTags>['tags'] }) {
  const tag = tags.find((t) => t.name === option.value);
  return (
    <Group gap={6} wrap="nowrap" data-testid={`tag-option-${option.value}`}>
      <ColorSwatch color={tag?.color ?? 'var(--mantine-color-gray-4)'} size={10} withShadow={false} />
      <Text size="xs" style={{ flex: 1 }}>
        {option.value}
      </Text>
      {tag && tag.leads > 0 && (
        <Text size="xs" c="dimmed">
          {tag.leads}
        </Text>
      )}
    </Group>
  );
}
