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
}

/** A department in the navigation, in THE MODEL's order. */
export interface NavSection {
  key: NavKey;
  routes: PageRoute[];
}

type Loader = () => Promise<{ default: ComponentType }>;
const page = (load: Loader) => ({ page: lazy(load), load });

/** The navigation, by department in THE MODEL's order (the baton passes top to bottom). */
export const SECTIONS: NavSection[] = [
  {
    key: 'cockpit',
    routes: [
      {
        path: '/cockpit',
        label: 'overview',
        ...page(() => import('../features/cockpit/cockpit-page.tsx')),
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

/** Loads the code of the page at `pathname` now, in parallel with the session check. */
export function preloadPage(pathname: string): void {
  const route = SECTIONS.flatMap((s) => s.routes).find((r) => matchPath(r.path, pathname));
  void route?.load().catch(() => undefined);
}

/** Where "/" goes (every role can read campaigns). */
export const HOME = '/marketing/campaigns';
