import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LeadCard } from '../../../../../shared/rpc/leads';

/** Above the chat, at every window width: this lead's saved state could not be read, so automation is off for it. */
export function StateDamageAlert({ damage }: { damage: LeadCard['stateDamage'] }) {
  const { t } = useTranslation();
  return damage.map((d) => (
    <Alert key={d.column} color="red" variant="light" radius={0} icon={<IconAlertTriangle size={18} />} title={t('inbox.stateDamagedTitle')} data-testid="state-damaged">
      <Text size="xs">{t('inbox.stateDamagedBody', { column: d.column, problem: d.problem })}</Text>
    </Alert>
  ));
}
