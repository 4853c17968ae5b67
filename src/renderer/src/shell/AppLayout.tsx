import { Alert, AppShell, Badge, Group, Image, NavLink, Stack, Text } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router-dom';
import { useLeadsLive } from '../features/inbox/useLeadsLive';
import { useConnection } from '../rpc/connectionStore';
import { useRpcQuery } from '../rpc/hooks';
import { FirstRunChecklist } from './FirstRunChecklist';
import { sections } from './sections';

export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const connection = useConnection((s) => s.state);
  const current = sections.find((s) => location.pathname.startsWith(s.path));
  useLeadsLive();
  // Chats with unread messages, on the Inbox entry; refetched with the chat list when a lead changes.
  const unread = useRpcQuery('leads.list', { filters: { unreadOnly: true }, cursor: null, limit: 1 }, { enabled: connection === 'open' });
  const unreadChats = unread.data?.total ?? 0;

  useEffect(() => {
    document.title = current ? `${t(current.label)} — ${t('app.name')}` : t('app.name');
  }, [current, t]);

  return (
    <AppShell navbar={{ width: 220, breakpoint: 0 }} padding={0}>
      <AppShell.Navbar p="sm">
        <AppShell.Section>
          <Group gap="sm" px="xs" py="sm" mb="sm" wrap="nowrap">
            <Image src="./favicon.svg" w={32} h={32} alt="" />
            <Stack gap={0}>
              <Text fw={700} size="lg" lh={1.1}>
                {t('app.name')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('app.tagline')}
              </Text>
            </Stack>
          </Group>
        </AppShell.Section>
        {/* A native scroller: six entries overflow only on a very low window, and Mantine's ScrollArea
            (viewport, two custom scrollbars, their observers) was a measurable part of the first paint. */}
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          {sections.map((section) => (
            <NavLink
              key={section.path}
              component={RouterLink}
              to={section.path}
              label={t(section.label)}
              leftSection={<section.icon size={20} stroke={1.6} />}
              active={current?.path === section.path}
              rightSection={
                section.path === '/inbox' && unreadChats > 0 ? (
                  <Badge size="sm" circle={unreadChats < 10} color="red" data-testid="nav-inbox-unread">
                    {unreadChats > 999 ? '999+' : unreadChats}
                  </Badge>
                ) : undefined
              }
              data-testid={`nav-${section.path.slice(1)}`}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
        </AppShell.Section>
        {connection === 'open' && (
          <AppShell.Section pt="sm">
            <FirstRunChecklist />
          </AppShell.Section>
        )}
      </AppShell.Navbar>
      <AppShell.Main h="100dvh">
        {connection !== 'open' && (
          <Alert
            color={connection === 'unauthorized' ? 'red' : 'yellow'}
            icon={<IconPlugConnectedX size={18} />}
            radius={0}
            data-testid="connection-banner"
          >
            {t(`connection.${connection}`)}
          </Alert>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
