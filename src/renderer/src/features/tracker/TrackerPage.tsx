import { ScrollArea, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconTargetArrow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { isUnavailable, NotAvailable } from '../../components/NotAvailable';
import { SectionEmptyState } from '../../components/SectionEmptyState';
import { useRpcEvent, useRpcQuery } from '../../rpc/hooks';
import { Campaigns } from './Campaigns';
import { ListenerStatus } from './ListenerStatus';
import { PostbackLog } from './PostbackLog';
import { TrackerSettingsForm } from './TrackerSettingsForm';

/** Postback listener, URLs per tracker preset, campaign links and the postback log. */
export function TrackerPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useRpcQuery('tracker.status', {});
  const campaigns = useRpcQuery('tracker.campaigns.list', {});
  useRpcEvent('tracker.status', (next) => client.setQueryData(['tracker.status', {}], next));
  const unavailable = isUnavailable(status.error);
  // Nothing set up yet: the intro says what this page is for, above the working parts.
  const fresh = unavailable || (campaigns.data?.length === 0 && (status.data?.pending ?? 0) === 0);

  return (
    <ScrollArea h="100%">
      <Stack p="xl" gap="lg">
        <Title order={2}>{t('tracker.title')}</Title>
        {unavailable && <NotAvailable testId="tracker-unavailable" />}
        {fresh && <SectionEmptyState section="tracker" icon={<IconTargetArrow size={36} stroke={1.5} />} />}
        {status.isLoading && <LoadingState />}
        {status.error && !unavailable && <ErrorAlert error={status.error} />}
        {status.data && <ListenerStatus status={status.data} />}
        {!unavailable && <Campaigns />}
        {!unavailable && <PostbackLog />}
        {!unavailable && <TrackerSettingsForm />}
      </Stack>
    </ScrollArea>
  );
}
