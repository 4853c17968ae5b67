import { IconRoute } from '@tabler/icons-react';
import { SectionEmptyState } from '../../components/SectionEmptyState';

export function ScriptsPage() {
  return <SectionEmptyState section="scripts" icon={<IconRoute size={36} stroke={1.5} />} />;
}
