import { ActionIcon, Alert, Autocomplete, Button, Group, List, MultiSelect, NumberInput, Paper, Select, Stack, TagsInput, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AutoAction, Script } from '../../../../../../shared/script';
import { useRpcQuery } from '../../../../rpc/hooks';
import { useEditor } from '../editorStore';
import type { LocatedProblem } from '../problems';
import { messageText } from '../../../../lib/messageText';

type Action = AutoAction['actions'][number];
type ActionType = Action['type'];
const actionTypes: ActionType[] = ['goto', 'set_status', 'tag', 'set_field', 'send_postback'];
const statuses = ['auto', 'manual', 'finished', 'stopped'] as const;
const knownEvents = ['registration', 'sale', 'resale'] as const;

/** A fresh action of `type` with the fields the schema requires. */
function newAction(type: ActionType, script: Script): Action {
  switch (type) {
    case 'goto':
      return { type, flow: script.flows[0]?.id ?? '' };
    case 'set_status':
      return { type, status: 'manual' };
    case 'tag':
      return { type, add: [], remove: [] };
    case 'set_field':
      return { type, key: '', value: '' };
    case 'send_postback':
      return { type, url: '' };
  }
}

function newRuleId(rules: readonly AutoAction[]): string {
  for (let n = rules.length + 1; ; n++) if (!rules.some((r) => r.id === `aa_${n}`)) return `aa_${n}`;
}

/**
 * Auto actions as a form (event + filters → move to a flow/step, status, tags, fields, send the event
 * to the tracker). Every edit is one undoable commit, checked live by the same validation as publish.
 */
export function AutoActionsEditor({ problems }: { problems: readonly LocatedProblem[] }) {
  const { t } = useTranslation();
  const script = useEditor((s) => s.body);
  const accounts = useRpcQuery('accounts.list', {});
  if (!script) return null;
  const rules = script.autoActions;
  const tags = script.tags.map((tag) => tag.name);

  const commit = (next: AutoAction[], key: string): void => {
    const { body, commit: save } = useEditor.getState();
    if (body) save({ ...body, autoActions: next }, `autoActions:${key}`);
  };
  const updateRule = (i: number, patch: Partial<AutoAction>, key: string): void => commit(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)), `${i}:${key}`);
  const updateAction = (i: number, a: number, next: Action, key: string): void =>
    updateRule(i, { actions: (rules[i]?.actions ?? []).map((x, j) => (j === a ? next : x)) }, `${a}:${key}`);
  const problemsOf = (prefix: string): string[] => problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`)).map((p) => messageText(t, p));
  const error = (prefix: string): string | undefined => problemsOf(prefix).join(' · ') || undefined;

  return (
    <Stack gap="sm" data-testid="auto-actions">
      <Text size="sm" c="dimmed">
        {t('autoActions.formHint')}
      </Text>
      {rules.length === 0 && (
        <Text size="sm" c="dimmed" fs="italic">
          {t('autoActions.empty')}
        </Text>
      )}
      {rules.map((rule, i) => {
        const prefix = `autoActions[${i}]`;
        const flowOf = (id: string) => script.flows.find((f) => f.id === id);
        return (
          <Paper key={rule.id} withBorder p="sm" radius="md" data-testid={`auto-rule-${i}`}>
            <Stack gap="xs">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput size="xs" label={t('autoActions.title')} value={rule.title} onChange={(e) => updateRule(i, { title: e.currentTarget.value }, 'title')} style={{ flex: 2 }} />
                <Autocomplete
                  size="xs"
                  label={t('autoActions.event')}
                  description={t('autoActions.eventHint')}
                  data={knownEvents.map((e) => ({ value: e, label: e }))}
                  renderOption={({ option }) => `${option.value} — ${t(`autoActions.events.${option.value as (typeof knownEvents)[number]}`)}`}
                  value={rule.event}
                  onChange={(v) => updateRule(i, { event: v.trim() }, 'event')}
                  error={error(`${prefix}.event`)}
                  style={{ flex: 2 }}
                  data-testid={`auto-rule-${i}-event`}
                />
                <NumberInput
                  size="xs"
                  label={t('autoActions.occurrence')}
                  description={t('autoActions.occurrenceHint')}
                  min={1}
                  allowDecimal={false}
                  value={rule.occurrence ?? ''}
                  onChange={(v) => updateRule(i, { occurrence: typeof v === 'number' && v >= 1 ? v : undefined }, 'occurrence')}
                  style={{ flex: 1 }}
                />
                <Tooltip label={t('autoActions.removeRule')}>
                  <ActionIcon variant="subtle" color="red" aria-label={t('autoActions.removeRule')} onClick={() => commit(rules.filter((_, j) => j !== i), 'remove')} mb={2}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Group>
              <Group gap="xs" grow align="flex-start">
                <TagsInput
                  size="xs"
                  label={t('autoActions.onlyTags')}
                  data={tags}
                  value={rule.filters.tags ?? []}
                  onChange={(v) => updateRule(i, { filters: { ...rule.filters, tags: v.length ? v : undefined } }, 'ftags')}
                  error={error(`${prefix}.filters.tags`)}
                />
                <TextInput
                  size="xs"
                  label={t('autoActions.onlyCampaign')}
                  value={rule.filters.campaign ?? ''}
                  onChange={(e) => updateRule(i, { filters: { ...rule.filters, campaign: e.currentTarget.value || undefined } }, 'fcampaign')}
                />
                <MultiSelect
                  size="xs"
                  label={t('autoActions.onlyAccounts')}
                  placeholder={rule.filters.accountIds?.length ? undefined : t('autoActions.anyAccount')}
                  data={(accounts.data ?? []).map((a) => ({ value: String(a.id), label: a.displayName || (a.username && `@${a.username}`) || a.phone || `#${a.id}` }))}
                  value={(rule.filters.accountIds ?? []).map(String)}
                  onChange={(v) => updateRule(i, { filters: { ...rule.filters, accountIds: v.length ? v.map(Number) : undefined } }, 'faccounts')}
                />
              </Group>
              <Text size="xs" fw={600}>
                {t('autoActions.actions')}
              </Text>
              {rule.actions.map((action, a) => {
                const at = `${prefix}.actions[${a}]`;
                return (
                  <Group key={a} gap="xs" align="flex-start" wrap="nowrap" data-testid={`auto-rule-${i}-action-${a}`}>
                    <Select
                      size="xs"
                      w={220}
                      aria-label={t('autoActions.actions')}
                      data={actionTypes.map((type) => ({ value: type, label: t(`autoActions.type.${type}`) }))}
                      value={action.type}
                      allowDeselect={false}
                      onChange={(v) => v && v !== action.type && updateAction(i, a, newAction(v as ActionType, script), 'type')}
                      style={{ flexShrink: 0 }}
                    />
                    <Group gap="xs" grow align="flex-start" style={{ flex: 1 }}>
                      {action.type === 'goto' && (
                        <>
                          <Select
                            size="xs"
                            aria-label={t('autoActions.flow')}
                            placeholder={t('autoActions.flow')}
                            data={script.flows.map((f) => ({ value: f.id, label: f.name }))}
                            value={action.flow}
                            allowDeselect={false}
                            onChange={(v) => v && updateAction(i, a, { type: 'goto', flow: v }, 'flow')}
                            error={error(`${at}.flow`)}
                          />
                          <Select
                            size="xs"
                            aria-label={t('autoActions.step')}
                            placeholder={t('autoActions.flowStart')}
                            clearable
                            searchable
                            data={(flowOf(action.flow)?.steps ?? []).filter((s) => s.type !== 'note').map((s) => ({ value: s.id, label: `${s.title || s.id} · ${s.id}` }))}
                            value={action.step ?? null}
                            onChange={(v) => updateAction(i, a, { type: 'goto', flow: action.flow, ...(v ? { step: v } : {}) }, 'step')}
                            error={error(`${at}.step`)}
                          />
                        </>
                      )}
                      {action.type === 'set_status' && (
                        <Select
                          size="xs"
                          aria-label={t('autoActions.status')}
                          data={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                          value={action.status}
                          allowDeselect={false}
                          onChange={(v) => v && updateAction(i, a, { type: 'set_status', status: v as (typeof statuses)[number] }, 'status')}
                        />
                      )}
                      {action.type === 'tag' && (
                        <>
                          <TagsInput size="xs" aria-label={t('autoActions.addTags')} placeholder={t('autoActions.addTags')} data={tags} value={action.add} onChange={(v) => updateAction(i, a, { ...action, add: v }, 'add')} error={error(`${at}.add`)} />
                          <TagsInput size="xs" aria-label={t('autoActions.removeTags')} placeholder={t('autoActions.removeTags')} data={tags} value={action.remove} onChange={(v) => updateAction(i, a, { ...action, remove: v }, 'remove')} error={error(`${at}.remove`)} />
                        </>
                      )}
                      {action.type === 'set_field' && (
                        <>
                          <Autocomplete size="xs" aria-label={t('autoActions.fieldKey')} placeholder={t('autoActions.fieldKey')} data={script.fields.map((f) => f.key)} value={action.key} onChange={(v) => updateAction(i, a, { ...action, key: v.trim() }, 'key')} error={error(`${at}.key`)} />
                          <TextInput size="xs" aria-label={t('autoActions.fieldValue')} placeholder={t('autoActions.fieldValue')} value={action.value} onChange={(e) => updateAction(i, a, { ...action, value: e.currentTarget.value }, 'value')} error={error(`${at}.value`)} />
                        </>
                      )}
                      {action.type === 'send_postback' && (
                        <TextInput size="xs" aria-label={t('autoActions.postbackUrl')} placeholder="https://tracker.example/postback?subid={{tracker.clickid}}&status=sale" value={action.url} onChange={(e) => updateAction(i, a, { ...action, url: e.currentTarget.value }, 'url')} error={error(`${at}.url`)} />
                      )}
                    </Group>
                    <Tooltip label={t('autoActions.removeAction')}>
                      <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('autoActions.removeAction')} onClick={() => updateRule(i, { actions: rule.actions.filter((_, j) => j !== a) }, `${a}:remove`)}>
                        <IconX size={14} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                );
              })}
              {problemsOf(`${prefix}.actions`).length > 0 && rule.actions.length === 0 && (
                <Text size="xs" c="red">
                  {problemsOf(`${prefix}.actions`).join(' · ')}
                </Text>
              )}
              <Button size="compact-xs" variant="subtle" w="fit-content" leftSection={<IconPlus size={12} />} onClick={() => updateRule(i, { actions: [...rule.actions, newAction('tag', script)] }, 'add')} data-testid={`auto-rule-${i}-add-action`}>
                {t('autoActions.addAction')}
              </Button>
            </Stack>
          </Paper>
        );
      })}
      <Button
        size="xs"
        variant="light"
        w="fit-content"
        leftSection={<IconPlus size={14} />}
        onClick={() => commit([...rules, { id: newRuleId(rules), title: '', event: 'registration', filters: {}, actions: [newAction('goto', script)] }], 'add')}
        data-testid="auto-rule-add"
      >
        {t('autoActions.addRule')}
      </Button>
      {problems.some((p) => p.path.startsWith('autoActions') && !/^autoActions\[\d+\]\./.test(p.path)) && (
        <Alert color="red" variant="light">
          <List size="xs">
            {problems
              .filter((p) => p.path.startsWith('autoActions') && !/^autoActions\[\d+\]\./.test(p.path))
              .map((p, i) => (
                <List.Item key={i}>{messageText(t, p)}</List.Item>
              ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
