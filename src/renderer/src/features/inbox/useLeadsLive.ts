import { notifications } from '@mantine/notifications';
import { messageText } from '../../lib/messageText';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useRpcEvent } from '../../rpc/hooks';

/** The lead open in the inbox (hash route `#/inbox?lead=ID`), if any. */
function openLeadId(): number | null {
  const match = /^#\/inbox\?(.*)$/.exec(window.location.hash);
  return match ? Number(new URLSearchParams(match[1]).get('lead')) || null : null;
}

/**
 * Pushed lead events keep the inbox current: the changed lead's card, messages and timeline are
 * refetched at once, the list at most every 500 ms (a busy account changes many leads a second).
 */
export function useLeadsLive(): void {
  const client = useQueryClient();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const listTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (listTimer.current) clearTimeout(listTimer.current);
    },
    [],
  );

  useRpcEvent('lead.changed', ({ id }) => {
    for (const method of ['leads.get', 'leads.messages', 'leads.events'])
      void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === method && (q.queryKey[1] as { id?: number } | undefined)?.id === id });
    if (!listTimer.current)
      listTimer.current = setTimeout(() => {
        listTimer.current = null;
        void client.invalidateQueries({ queryKey: ['leads.list'] });
      }, 500);
  });

  useRpcEvent('lead.needsHuman', ({ id, name, reason }) => {
    // The chat on screen shows its new status itself (e.g. the operator's own "Take over"); a toast
    // would only cover its composer's Send button.
    if (!document.hidden && openLeadId() === id) return;
    const open = (): void => void navigate(`/inbox?lead=${id}`);
    notifications.show({
      color: 'red',
      autoClose: 10_000,
      title: `${t('inbox.needsHumanTitle')}: ${name}`,
      message: messageText(t, reason),
      onClick: open,
      style: { cursor: 'pointer' },
    });
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) {
      const note = new Notification(`${t('inbox.needsHumanTitle')}: ${name}`, { body: messageText(t, reason) });
      note.onclick = () => {
        window.focus();
        open();
      };
    }
  });
}
