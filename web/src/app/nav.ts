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

/**
 * The navigation, by department. A department appears once it has a page; the revenue
 * cockpit, Inside Sales, Customer Success and Planning join this list with their APIs.
 */
export const SECTIONS: NavSection[] = [
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
      { path: '/marketing/leads/:id', ...page(() => import('../features/people/person-page.tsx')) },
    ],
  },
  {
    key: 'fieldSales',
    routes: [
      {
        path: '/accounts',
        label: 'accounts',
        ...page(() => import('../features/accounts/accounts-page.tsx')),
      },
      { path: '/accounts/:id', ...page(() => import('../features/accounts/account-page.tsx')) },
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
    ],
  },
];

/** Loads the code of the page at `pathname` now, in parallel with the session check. */
export function preloadPage(pathname: string): void {
  const route = SECTIONS.flatMap((s) => s.routes).find((r) => matchPath(r.path, pathname));
  void route?.load().catch(() => undefined);
}

/** Where "/" goes: the first page in the navigation. */
export const HOME = SECTIONS[0]!.routes[0]!.path;
