import { IconChartBar } from '@tabler/icons-react';
import { SectionEmptyState } from '../../components/SectionEmptyState';

export function StatsPage() {
  return <SectionEmptyState section="stats" icon={<IconChartBar size={36} stroke={1.5} />} />;
}
