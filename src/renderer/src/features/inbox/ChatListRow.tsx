import { IconHandStop } from '@tabler/icons-react';
import { memo } from 'react';
import type { LeadRow } from '../../../../shared/rpc/leads';
import { formatWhen } from '../../lib/format';
import classes from './ChatListRow.module.css';

export const rowHeight = 68;

/**
 * One chat: unread in bold, manual (needs a human) marked red. Memoised on its props; the status
 * label comes translated from the list, so a row needs no i18n lookup of its own.
 */
export const ChatListRow = memo(function ChatListRow({ lead, selected, statusLabel, onOpen }: { lead: LeadRow; selected: boolean; statusLabel: string; onOpen(id: number): void }) {
  const unread = lead.unread > 0 || undefined;
  return (
    <button type="button" className={classes.row} data-selected={selected || undefined} onClick={() => onOpen(lead.id)} data-testid={`chat-row-${lead.id}`}>
      <div className={classes.stack}>
        <div className={classes.line}>
          {lead.status === 'manual' && <IconHandStop size={14} className={classes.manual} />}
          <span className={`${classes.truncate} ${classes.name}`} data-unread={unread}>
            {lead.name || lead.username || `#${lead.id}`}
          </span>
          <span className={classes.when}>{formatWhen(lead.lastMessageAt)}</span>
        </div>
        <div className={classes.line}>
          <span className={`${classes.truncate} ${classes.preview}`} data-unread={unread}>
            {lead.preview ?? ''}
          </span>
          {unread && <span className={classes.count}>{lead.unread}</span>}
        </div>
        <div className={`${classes.line} ${classes.tags}`}>
          <span className={classes.status} data-status={lead.status}>
            {statusLabel}
          </span>
          <span className={classes.step}>{lead.stepTitle ?? ''}</span>
        </div>
      </div>
    </button>
  );
});
