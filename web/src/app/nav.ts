import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { matchPath } from 'react-router';
import type { ja } from '../i18n/ja.ts';

type NavKey = keyof typeof ja.nav;

/** A page of the app: its URL, its nav label (or none for detail pages) and its lazily loaded code. */
export interface PageRoute {
  path: string;
  label?: NavKey;
  page: LazyExoticComponent<ComponentType>;
  /** Starts loading the page's code (the module cache makes `page` reuse it). */
  load: () => Promise<unknown>;
  /** Asks for the page's first data on a full page load, without waiting for its code. */
  prefetch?: () => Promise<unknown>;
}

/** A department in the navigation, in THE MODEL's order. */
export interface NavSection {
  key: NavKey;
  /** Who works in it besides admins and managers, who see every department ('all': everyone). */
  roles: readonly string[] | 'all';
  routes: PageRoute[];
}

const IS = ['mdr', 'sdr'];
const CS = ['onb', 'csm', 'am', 'adr'];

type Loader = () => Promise<{ default: ComponentType }>;
const page = (load: Loader) => ({ page: lazy(load), load });

/** The navigation, by department in THE MODEL's order (the baton passes top to bottom). */
export const SECTIONS: NavSection[] = [
  {
    key: 'cockpit',
    roles: [],
    routes: [
      {
        path: '/cockpit',
        label: 'overview',
        ...page(() => import('../features/cockpit/cockpit-page.tsx')),
        prefetch: () => import('../features/cockpit/prefetch.ts').then((m) => m.prefetchCockpit()),
      },
      {
        path: '/cockpit/bottlenecks',
        label: 'bottlenecks',
        ...page(() => import('../features/cockpit/bottlenecks-page.tsx')),
      },
    ],
  },
  {
    key: 'marketing',
    roles: 'all',
    routes: [
      {
        path: '/marketing/campaigns',
        label: 'campaigns',
        ...page(() => import('../features/campaigns/campaigns-page.tsx')),
      },
      {
        path: '/marketing/leads',
        label: 'leads',
        ...page(() => import('../features/people/leads-page.tsx')),
      },
      {
        path: '/marketing/leads/:id',
        ...page(() => import('../features/people/person-page.tsx')),
      },
    ],
  },
  {
    key: 'insideSales',
    roles: IS,
    routes: [
      {
        path: '/inside-sales/queue',
        label: 'queue',
        ...page(() => import('../features/inside-sales/queue-page.tsx')),
      },
      {
        path: '/inside-sales/handoffs',
        label: 'handoffs',
        ...page(() => import('../features/inside-sales/handoffs-page.tsx')),
      },
      {
        path: '/inside-sales/cadences',
        label: 'cadences',
        ...page(() => import('../features/inside-sales/cadences-page.tsx')),
      },
    ],
  },
  {
    key: 'fieldSales',
    roles: 'all',
    routes: [
      {
        path: '/field-sales/pipeline',
        label: 'pipeline',
        ...page(() => import('../features/field-sales/pipeline-page.tsx')),
      },
      {
        path: '/field-sales/opportunities/:id',
        ...page(() => import('../features/field-sales/opportunity-page.tsx')),
      },
      {
        path: '/field-sales/hygiene',
        label: 'hygiene',
        ...page(() => import('../features/field-sales/hygiene-page.tsx')),
      },
      {
        path: '/field-sales/forecast',
        label: 'forecast',
        ...page(() => import('../features/field-sales/forecast-page.tsx')),
      },
      {
        path: '/accounts',
        label: 'accounts',
        ...page(() => import('../features/accounts/accounts-page.tsx')),
      },
      {
        path: '/accounts/:id',
        ...page(() => import('../features/accounts/account-page.tsx')),
      },
    ],
  },
  {
    key: 'customerSuccess',
    roles: CS,
    routes: [
      {
        path: '/success/health',
        label: 'health',
        ...page(() => import('../features/success/health-page.tsx')),
      },
      {
        path: '/success/renewals',
        label: 'renewals',
        ...page(() => import('../features/success/renewals-page.tsx')),
      },
      {
        path: '/success/mrr',
        label: 'mrr',
        ...page(() => import('../features/success/mrr-page.tsx')),
      },
      {
        path: '/success/onboarding',
        label: 'onboarding',
        ...page(() => import('../features/success/onboarding-page.tsx')),
      },
      {
        path: '/success/tasks',
        label: 'csTasks',
        ...page(() => import('../features/success/cs-tasks-page.tsx')),
      },
    ],
  },
  {
    key: 'planning',
    roles: [],
    routes: [
      {
        path: '/planning',
        label: 'plan',
        ...page(() => import('../features/planning/plan-page.tsx')),
      },
      {
        path: '/planning/scenarios',
        label: 'scenarios',
        ...page(() => import('../features/planning/scenarios-page.tsx')),
      },
      {
        path: '/planning/org-sim',
        label: 'orgSim',
        ...page(() => import('../features/planning/org-sim-page.tsx')),
      },
    ],
  },
  {
    key: 'settings',
    roles: 'all',
    routes: [
      {
        path: '/settings/users',
        label: 'users',
        ...page(() => import('../features/settings/users-page.tsx')),
      },
      {
        path: '/settings/api-tokens',
        label: 'apiTokens',
        ...page(() => import('../features/settings/tokens-page.tsx')),
      },
      {
        path: '/settings/stages',
        label: 'stages',
        ...page(() => import('../features/setup/stages-page.tsx')),
      },
      {
        path: '/settings/scoring',
        label: 'scoring',
        ...page(() => import('../features/setup/scoring-page.tsx')),
      },
      {
        path: '/settings/teams',
        label: 'teams',
        ...page(() => import('../features/setup/teams-page.tsx')),
      },
      {
        path: '/settings/tracking',
        label: 'tracking',
        ...page(() => import('../features/setup/tracking-page.tsx')),
      },
      {
        path: '/settings/webhooks',
        label: 'webhooks',
        ...page(() => import('../features/setup/webhooks-page.tsx')),
      },
      {
        path: '/settings/import',
        label: 'import',
        ...page(() => import('../features/setup/import-page.tsx')),
      },
    ],
  },
];

/** The departments a user with `roles` works in. */
export function sectionsFor(roles: readonly string[]): NavSection[] {
  if (roles.includes('admin') || roles.includes('manager')) return SECTIONS;
  return SECTIONS.filter((s) => s.roles === 'all' || s.roles.some((r) => roles.includes(r)));
}

/** The labelled route the current path belongs to: the longest match, so /planning/org-sim is not /planning. */
export function activePath(pathname: string, routes: readonly PageRoute[]): string | undefined {
  return routes
    .filter((r) => r.label && (pathname === r.path || pathname.startsWith(`${r.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}

/** Loads the code of the page at `pathname` now, in parallel with the session check. */
export function preloadPage(pathname: string): void {
  const route = SECTIONS.flatMap((s) => s.routes).find((r) => matchPath(r.path, pathname));
  void route?.load().catch(() => undefined);
  void route?.prefetch?.().catch(() => undefined);
}

// Each role starts its day on its own screen; the first matching role decides.
const HOMES: [string, string][] = [
  ['admin', '/cockpit'],
  ['manager', '/cockpit'],
  ['mdr', '/inside-sales/queue'],
  ['sdr', '/inside-sales/queue'],
  ['ae', '/field-sales/pipeline'],
  ['onb', '/success/onboarding'],
  ['csm', '/success/health'],
  ['am', '/success/tasks'],
  ['adr', '/success/health'],
];

/** Where "/" takes a user with `roles` (campaigns, readable by every role, otherwise). */
export function homeFor(roles: readonly string[]): string {
  return HOMES.find(([role]) => roles.includes(role))?.[1] ?? '/marketing/campaigns';
}
