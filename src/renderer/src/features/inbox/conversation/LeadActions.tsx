import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { errorText } from '../../../lib/messageText';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDots, IconHandStop, IconPlayerPlay, IconPlayerStop } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeadCard } from '../../../../../shared/rpc/leads';
import { callRpc } from '../../../rpc/hooks';
import { ReleaseModal } from './ReleaseModal';
import { useWindowAtLeast } from '../../../shell/breakpoints';

/** Take over, release (here or from a chosen step) and stop the bot for this lead. */
export function LeadActions({ lead }: { lead: LeadCard }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [releaseOpen, setReleaseOpen] = useState(false);
  // On a narrow window the secondary action (stop) folds into a "more" menu; the primary one stays a button.
  const roomy = useWindowAtLeast('roomy');

  const act = async (name: string, action: () => Promise<unknown>): Promise<void> => {
    setBusy(name);
    try {
      await action();
      await Promise.all([
        client.invalidateQueries({ queryKey: ['leads.get', { id: lead.id }] }),
        client.invalidateQueries({ queryKey: ['leads.list'] }),
      ]);
    } catch (e) {
      notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorText(t, e) });
    } finally {
      setBusy(null);
    }
  };

  const stop = (): void => {
    modals.openConfirmModal({
      title: t('inbox.stopTitle'),
      children: t('inbox.stopBody'),
      labels: { confirm: t('inbox.stopBot'), cancel: t('common.cancel') },
      confirmProps: { color: 'red', 'data-testid': 'stop-confirm' },
      onConfirm: () => void act('stop', () => callRpc('leads.stop', { id: lead.id })),
    });
  };

  const manual = lead.status === 'manual';
  return (
    <Group gap={6} wrap="nowrap">
      {manual ? (
        <Group gap={0}>
          <Button
            size="xs"
            color="teal"
            leftSection={<IconPlayerPlay size={14} />}
            loading={busy === 'release'}
            onClick={() => void act('release', () => callRpc('leads.release', { id: lead.id, to: null }))}
            style={{ borderTopRightRadius: 0, borderBottomRightRadius: 0 }}
            data-testid="release"
          >
            {t('inbox.release')}
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button size="xs" color="teal" px={6} style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeft: '1px solid rgba(255,255,255,.4)' }} aria-label={t('inbox.releaseToStep')} data-testid="release-menu">
                <IconChevronDown size={14} />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void act('release', () => callRpc('leads.release', { id: lead.id, to: null }))}>{t('inbox.releaseHere')}</Menu.Item>
              <Menu.Item onClick={() => setReleaseOpen(true)} data-testid="release-choose">
                {t('inbox.releaseToStep')}…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      ) : (
        <Button size="xs" color="red" variant="light" leftSection={<IconHandStop size={14} />} loading={busy === 'takeover'} onClick={() => void act('takeover', () => callRpc('leads.takeover', { id: lead.id }))} data-testid="takeover">
          {t('inbox.takeOver')}
        </Button>
      )}
      {roomy ? (
        <Button size="xs" variant="default" leftSection={<IconPlayerStop size={14} />} disabled={lead.status === 'stopped'} loading={busy === 'stop'} onClick={stop} data-testid="stop-bot">
          {t('inbox.stopBot')}
        </Button>
      ) : (
        <Menu position="bottom-end">
          <Menu.Target>
            <ActionIcon variant="default" size={30} aria-label={t('common.actions')} loading={busy === 'stop'} data-testid="lead-more">
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconPlayerStop size={14} />} disabled={lead.status === 'stopped'} onClick={stop} data-testid="stop-bot">
              {t('inbox.stopBot')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      <ReleaseModal
        opened={releaseOpen}
        scriptId={lead.scriptId}
        currentFlowId={lead.flowId}
        onClose={() => setReleaseOpen(false)}
        onRelease={(to) => {
          setReleaseOpen(false);
          void act('release', () => callRpc('leads.release', { id: lead.id, to }));
        }}
      />
    </Group>
  );
}
