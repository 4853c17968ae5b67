import { Badge, UnstyledButton } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import { memo, type CSSProperties } from 'react';
import type { LeadRow } from '../../../../shared/rpc/leads';
import { StatusBadge } from '../../components/StatusBadge';
import { formatWhen } from '../../lib/format';

export const rowHeight = 68;

// Rows mount and unmount on every scroll frame: plain elements with styles made once here, instead
// of a dozen layout components each resolving theme props per row, keep a frame's work small.
const line: CSSProperties = { display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 };
const truncate: CSSProperties = { flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
const name = (unread: boolean): CSSProperties => ({ ...truncate, fontSize: 'var(--mantine-font-size-sm)', fontWeight: unread ? 700 : 500 });
const preview = (unread: boolean): CSSProperties => ({
  ...truncate,
  fontSize: 'var(--mantine-font-size-xs)',
  fontWeight: unread ? 600 : 400,
  color: unread ? undefined : 'var(--mantine-color-dimmed)',
});
const styles = {
  button: { borderBottom: '1px solid var(--mantine-color-gray-2)', display: 'block' } satisfies CSSProperties,
  stack: { display: 'flex', flexDirection: 'column', gap: 2 } satisfies CSSProperties,
  when: { fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' } satisfies CSSProperties,
  step: { ...truncate, flex: undefined, fontSize: 10, color: 'var(--mantine-color-dimmed)' } satisfies CSSProperties,
  name: [name(false), name(true)],
  preview: [preview(false), preview(true)],
  tags: { ...line, gap: 4 } satisfies CSSProperties,
};

/** One chat: unread in bold, manual (needs a human) marked red. */
export const ChatListRow = memo(function ChatListRow({ lead, selected, onOpen }: { lead: LeadRow; selected: boolean; onOpen(id: number): void }) {
  const unread = lead.unread > 0;
  return (
    <UnstyledButton
      onClick={() => onOpen(lead.id)}
      h={rowHeight}
      w="100%"
      px="sm"
      py={6}
      bg={selected ? 'violet.0' : undefined}
      style={styles.button}
      data-testid={`chat-row-${lead.id}`}
    >
      <div style={styles.stack}>
        <div style={line}>
          {lead.status === 'manual' && <IconHandStop size={14} color="var(--mantine-color-red-6)" />}
          <span style={styles.name[unread ? 1 : 0]}>{lead.name || lead.username || `#${lead.id}`}</span>
          <span style={styles.when}>{formatWhen(lead.lastMessageAt)}</span>
        </div>
        <div style={line}>
          <span style={styles.preview[unread ? 1 : 0]}>{lead.preview ?? ''}</span>
          {unread && (
            <Badge size="xs" circle={lead.unread < 10}>
              {lead.unread}
            </Badge>
          )}
        </div>
        <div style={styles.tags}>
          <StatusBadge status={lead.status} />
          <span style={styles.step}>{lead.stepTitle ?? ''}</span>
        </div>
      </div>
    </UnstyledButton>
  );
});
