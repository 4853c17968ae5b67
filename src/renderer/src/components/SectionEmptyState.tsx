import { Alert, Center, EmptyState, Stack } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SectionEmptyStateProps {
  /** i18n namespace of the section, e.g. `inbox`: uses `<ns>.emptyTitle`, `.emptyBody`, `.emptyNext`. */
  section: 'scripts' | 'inbox' | 'stats' | 'accounts' | 'tracker';
  icon: ReactNode;
}

/** An honest empty section: what will be here, and what to do first. */
export function SectionEmptyState({ section, icon }: SectionEmptyStateProps) {
  const { t } = useTranslation();
  return (
    <Center h="100%" p="xl">
      <Stack maw={560} gap="lg" data-testid={`empty-${section}`}>
        <EmptyState
          variant="light"
          size="lg"
          icon={icon}
          title={t(`${section}.emptyTitle`)}
          description={t(`${section}.emptyBody`)}
        />
        <Alert variant="light" color="gray" icon={<IconArrowRight size={18} />}>
          {t(`${section}.emptyNext`)}
        </Alert>
      </Stack>
    </Center>
  );
}
