import { TagsInput } from '@mantine/core';
import { errorText } from '../../../lib/messageText';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useRpcMutation } from '../../../rpc/hooks';
import { toastSaved } from '../../../lib/operatorToasts';
import { TagOption, useKnownTags } from '../knownTags';

/** Tags as chips; each change is sent as the added/removed difference. */
export function LeadTagsEditor({ leadId, tags }: { leadId: number; tags: string[] }) {
  const { t } = useTranslation();
  const update = useRpcMutation('leads.update');
  const known = useKnownTags();
  const change = (next: string[]): void => {
    const addTags = next.filter((x) => !tags.includes(x));
    const removeTags = tags.filter((x) => !next.includes(x));
    if (!addTags.length && !removeTags.length) return;
    update.mutate({ id: leadId, addTags, removeTags, fields: {} }, { onSuccess: () => (known.refresh(), toastSaved(t)), onError: (e) => notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorText(t, e) }) });
  };
  return (
    <TagsInput
      size="xs"
      value={tags}
      data={known.names}
      renderOption={({ option }) => <TagOption option={option} tags={known.tags} />}
      onChange={change}
      placeholder={t('inbox.addTag')}
      clearable={false}
      disabled={update.isPending}
      data-testid="lead-tags"
    />
  );
}
