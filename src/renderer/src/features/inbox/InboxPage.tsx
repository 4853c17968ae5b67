import { IconMessages } from '@tabler/icons-react';
import { SectionEmptyState } from '../../components/SectionEmptyState';

export function InboxPage() {
  return <SectionEmptyState section="inbox" icon={<IconMessages size={36} stroke={1.5} />} />;
}
