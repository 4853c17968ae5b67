import { ActionIcon, Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Prices = Record<string, { input: number; output: number }>;

/** USD per million tokens, per model: edited in place, rows added and removed. */
export function PriceTable({ value, onChange }: { value: Prices; onChange(next: Prices): void }) {
  const { t } = useTranslation();
  const [model, setModel] = useState('');
  const set = (name: string, key: 'input' | 'output', n: number | string): void =>
    onChange({ ...value, [name]: { ...(value[name] ?? { input: 0, output: 0 }), [key]: typeof n === 'number' ? n : 0 } });
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('aiProvider.prices')}
      </Text>
      <Table fz="xs" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('aiProvider.model')}</Table.Th>
            <Table.Th>{t('aiProvider.priceIn')}</Table.Th>
            <Table.Th>{t('aiProvider.priceOut')}</Table.Th>
            <Table.Th w={32} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(value).map(([name, price]) => (
            <Table.Tr key={name}>
              <Table.Td>{name}</Table.Td>
              <Table.Td>
                <NumberInput size="xs" min={0} decimalScale={4} value={price.input} onChange={(n) => set(name, 'input', n)} />
              </Table.Td>
              <Table.Td>
                <NumberInput size="xs" min={0} decimalScale={4} value={price.output} onChange={(n) => set(name, 'output', n)} />
              </Table.Td>
              <Table.Td>
                <ActionIcon size="sm" variant="subtle" color="red" onClick={() => onChange(Object.fromEntries(Object.entries(value).filter(([k]) => k !== name)))} aria-label={t('common.remove')}>
                  <IconTrash size={12} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap={4}>
        <TextInput size="xs" placeholder={t('aiProvider.model')} value={model} onChange={(e) => setModel(e.currentTarget.value)} />
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          disabled={!model.trim() || model.trim() in value}
          onClick={() => {
            onChange({ ...value, [model.trim()]: { input: 0, output: 0 } });
            setModel('');
          }}
        >
          {t('common.add')}
        </Button>
      </Group>
    </Stack>
  );
}
