// The app's sections: one entry = one sidebar link + one route. To add a page, add an entry here, a file under
// src/pages/ that default-exports the page component, and a `nav.<key>` label in src/i18n/{ko,en}.json.
// Pages are loaded lazily, so a heavy page (charts, tables) does not slow the others down.
import { Activity, Columns3, Database, FileUp, LayoutDashboard, type LucideIcon, Repeat, ScrollText, Settings, Users, Workflow } from 'lucide-react';
import type { ComponentType } from 'react';

export interface Section {
  key: 'dashboard' | 'records' | 'automations' | 'logs' | 'repeats' | 'settings' | 'partitions' | 'team' | 'import' | 'system';
  path: string;
  icon: LucideIcon;
  load: () => Promise<{ default: ComponentType }>;
}

export const sections: readonly Section[] = [
  { key: 'dashboard', path: '/', icon: LayoutDashboard, load: () => import('./pages/dashboard-page') },
  { key: 'records', path: '/records', icon: Database, load: () => import('./pages/records-page') },
  { key: 'import', path: '/import', icon: FileUp, load: () => import('./pages/import-page') },
  { key: 'automations', path: '/automations', icon: Workflow, load: () => import('./pages/automations-page') },
  { key: 'logs', path: '/logs', icon: ScrollText, load: () => import('./pages/logs-page') },
  { key: 'repeats', path: '/repeats', icon: Repeat, load: () => import('./pages/repeats-page') },
  { key: 'partitions', path: '/partitions', icon: Columns3, load: () => import('./pages/partitions-page') },
  { key: 'team', path: '/team', icon: Users, load: () => import('./pages/team-page') },
  { key: 'settings', path: '/settings', icon: Settings, load: () => import('./pages/settings-page') },
  { key: 'system', path: '/system', icon: Activity, load: () => import('./pages/system-page') },
];
