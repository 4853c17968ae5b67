import {
  IconAdjustments,
  IconChartBar,
  IconMessages,
  IconRoute,
  IconTargetArrow,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, type ComponentType } from 'react';
import { InboxPage } from '../features/inbox/InboxPage';

// The flow editor (canvas, layout) and the charts are the heavy parts of the bundle; accounts (QR
// login), tracker and settings are smaller but not needed for the inbox either. Each loads when its
// section is first opened, so the inbox — where the app opens — parses less before it paints.
const ScriptsPage = lazy(() => import('../features/scripts/ScriptsPage').then((m) => ({ default: m.ScriptsPage })));
const StatsPage = lazy(() => import('../features/stats/StatsPage').then((m) => ({ default: m.StatsPage })));
const AccountsPage = lazy(() => import('../features/accounts/AccountsPage').then((m) => ({ default: m.AccountsPage })));
const TrackerPage = lazy(() => import('../features/tracker/TrackerPage').then((m) => ({ default: m.TrackerPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));

export interface Section {
  path: string;
  /** i18n key of the sidebar label and the window title. */
  label: 'nav.scripts' | 'nav.inbox' | 'nav.stats' | 'nav.accounts' | 'nav.tracker' | 'nav.settings';
  icon: ComponentType<{ size?: number; stroke?: number }>;
  page: ComponentType;
}

/** The sidebar, in order. */
export const sections: Section[] = [
  { path: '/scripts', label: 'nav.scripts', icon: IconRoute, page: ScriptsPage },
  { path: '/inbox', label: 'nav.inbox', icon: IconMessages, page: InboxPage },
  { path: '/stats', label: 'nav.stats', icon: IconChartBar, page: StatsPage },
  { path: '/accounts', label: 'nav.accounts', icon: IconUsers, page: AccountsPage },
  { path: '/tracker', label: 'nav.tracker', icon: IconTargetArrow, page: TrackerPage },
  { path: '/settings', label: 'nav.settings', icon: IconAdjustments, page: SettingsPage },
];
