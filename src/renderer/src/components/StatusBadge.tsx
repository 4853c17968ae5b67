import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LeadStatus } from '../../../shared/script';

const colors: Record<LeadStatus, string> = {
  auto: 'teal',
  waiting: 'blue',
  manual: 'red',
  paused: 'yellow',
  stopped: 'gray',
  finished: 'dark',
};

/** A lead's status in the UI language, coloured the same everywhere. */
export function StatusBadge({ status }: { status: LeadStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color={colors[status]} data-testid="lead-status">
      {t(`status.${status}`)}
    </Badge>
  );
}
