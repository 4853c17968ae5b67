import { IconUsers } from '@tabler/icons-react';
import { SectionEmptyState } from '../../components/SectionEmptyState';

export function AccountsPage() {
  return <SectionEmptyState section="accounts" icon={<IconUsers size={36} stroke={1.5} />} />;
}
