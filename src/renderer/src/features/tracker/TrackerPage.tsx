import { IconTargetArrow } from '@tabler/icons-react';
import { SectionEmptyState } from '../../components/SectionEmptyState';

export function TrackerPage() {
  return <SectionEmptyState section="tracker" icon={<IconTargetArrow size={36} stroke={1.5} />} />;
}
