import { ActionIcon, Button, Group, Menu, Tabs, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconDots, IconPlayerPlayFilled, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addFlow, deleteFlow, renameFlow } from './editorOps';
import { useEditor } from './editorStore';

function NameForm({ initial, onSubmit }: { initial: string; onSubmit(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSubmit(name.trim());
      }}
    >
      <TextInput data-autofocus label={t('editor.flowName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <Group justify="flex-end" mt="md">
        <Button type="submit" disabled={!name.trim()} data-testid="flow-name-submit">
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}

function askName(title: string, initial: string, onSubmit: (name: string) => void): void {
  const id = modals.open({
    title,
    children: (
      <NameForm
        initial={initial}
        onSubmit={(name) => {
          modals.close(id);
          onSubmit(name);
        }}
      />
    ),
  });
}

/** One tab per flow, plus add / rename / make start / delete. */
export function FlowTabs() {
  const { t } = useTranslation();
  const flows = useEditor((s) => s.body?.flows ?? []);
  const startFlow = useEditor((s) => s.body?.startFlow);
  const flowId = useEditor((s) => s.flowId);
  const setFlow = useEditor((s) => s.setFlow);
  const current = flows.find((f) => f.id === flowId);

  const change = (fn: (state: ReturnType<typeof useEditor.getState>) => void): void => fn(useEditor.getState());

  return (
    <Group gap="xs" px="sm" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Tabs value={flowId} onChange={(v) => v && setFlow(v)} style={{ overflowX: 'auto' }}>
        <Tabs.List style={{ flexWrap: 'nowrap', borderBottom: 0 }}>
          {flows.map((f) => (
            <Tabs.Tab
              key={f.id}
              value={f.id}
              leftSection={f.id === startFlow ? <IconPlayerPlayFilled size={12} color="var(--mantine-color-green-6)" /> : undefined}
              data-testid={`flow-tab-${f.id}`}
            >
              {f.name}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Tooltip label={t('editor.addFlow')}>
        <ActionIcon
          variant="subtle"
          onClick={() =>
            askName(t('editor.addFlow'), t('editor.newFlowName'), (name) =>
              change((s) => {
                if (!s.body) return;
                const { script, flowId: id } = addFlow(s.body, name);
                s.commit(script);
                s.setFlow(id);
              }),
            )
          }
          aria-label={t('editor.addFlow')}
        >
          <IconPlus size={16} />
        </ActionIcon>
      </Tooltip>
      {current && (
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('editor.flowActions')}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => askName(t('editor.renameFlow'), current.name, (name) => change((s) => s.body && s.commit(renameFlow(s.body, current.id, name))))}>
              {t('editor.renameFlow')}
            </Menu.Item>
            <Menu.Item
              disabled={current.id === startFlow}
              onClick={() => change((s) => s.body && s.commit({ ...s.body, startFlow: current.id }))}
            >
              {t('editor.makeStartFlow')}
            </Menu.Item>
            <Menu.Item
              color="red"
              disabled={flows.length < 2}
              onClick={() =>
                modals.openConfirmModal({
                  title: t('editor.deleteFlowTitle', { name: current.name }),
                  children: t('editor.deleteFlowBody'),
                  labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
                  confirmProps: { color: 'red' },
                  onConfirm: () => change((s) => s.body && s.commit(deleteFlow(s.body, current.id))),
                })
              }
            >
              {t('editor.deleteFlow')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
