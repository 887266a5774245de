import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { ja } from '../i18n/ja.ts';

type NavKey = keyof typeof ja.nav;

/** A page of the app: its URL, its nav label (or none for detail pages) and its lazily loaded code. */
export interface PageRoute {
  path: string;
  label?: NavKey;
  page: LazyExoticComponent<ComponentType>;
}

/** A department in the navigation, in THE MODEL's order. */
export interface NavSection {
  key: NavKey;
  routes: PageRoute[];
}

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

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
        page: page(() => import('../features/campaigns/campaigns-page.tsx')),
      },
      {
        path: '/marketing/leads',
        label: 'leads',
        page: page(() => import('../features/people/leads-page.tsx')),
      },
      { path: '/marketing/leads/:id', page: page(() => import('../features/people/person-page.tsx')) },
    ],
  },
  {
    key: 'fieldSales',
    routes: [
      {
        path: '/accounts',
        label: 'accounts',
        page: page(() => import('../features/accounts/accounts-page.tsx')),
      },
      { path: '/accounts/:id', page: page(() => import('../features/accounts/account-page.tsx')) },
    ],
  },
  {
    key: 'settings',
    routes: [
      {
        path: '/settings/users',
        label: 'users',
        page: page(() => import('../features/settings/users-page.tsx')),
      },
      {
        path: '/settings/api-tokens',
        label: 'apiTokens',
        page: page(() => import('../features/settings/tokens-page.tsx')),
      },
    ],
  },
];

/** Where "/" goes: the first page in the navigation. */
export const HOME = SECTIONS[0]!.routes[0]!.path;
