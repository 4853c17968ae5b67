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

  useRpcEvent('lead.needsHuman', ({ id, name, reason, cause }) => {
    // Not looking at the window (another app in front, minimised): a desktop notification — native
    // in Electron — that opens the chat. The in-app toast below is for when the window is in use.
    const away = document.hidden || !document.hasFocus();
    // The chat on screen shows its new status itself (e.g. the operator's own "Take over"); a toast
    // would only cover its composer's Send button.
    if (!away && openLeadId() === id) return;
    const open = (): void => void navigate(`/inbox?lead=${id}`);
    const title = `${t(`notify.${cause}`)}: ${name}`;
    // A handover's reason is the script's own text; a send problem's is Telegram's error name, shown after the explanation.
    const body = cause === 'handover' ? messageText(t, reason) : `${t(`notify.${cause}Body`)} ${t('notify.reason', { reason: messageText(t, reason) })}`;
    notifications.show({ color: 'red', autoClose: 10_000, title, message: body, onClick: open, style: { cursor: 'pointer' }, 'data-testid': `needs-human-toast-${cause}` } as Parameters<typeof notifications.show>[0]);
    if (away && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      // One notice per chat and cause: a newer one replaces the older instead of piling up.
      const note = new Notification(title, { body, tag: `lead-${id}-${cause}` });
      note.onclick = () => {
        window.focus();
        open();
        note.close();
      };
    }
  });
}
