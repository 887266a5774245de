import type { APIRequestContext } from '@playwright/test';
import { SECTIONS } from '../web/src/app/nav.ts';

/** A page of the navigation with a real URL: detail pages get a record of the demo workspace. */
export interface MainPage {
  path: string;
  /** A short name for the page (also its screenshot's file name). */
  name: string;
}

// Detail pages (no nav label): their names, and the list their record comes from (the oldest:
// a record of the demo workspace, not one a journey just added).
const DETAILS: Record<string, { name: string; list: string }> = {
  '/marketing/leads/:id': { name: 'person', list: '/api/v1/people?limit=1&sort=createdAt' },
  '/field-sales/opportunities/:id': {
    name: 'opportunity',
    // The oldest, like the others: which phases the small demo of the journeys leaves open
    // varies with the hour it starts at.
    list: '/api/v1/opportunities?limit=1&sort=createdAt',
  },
  '/accounts/:id': { name: 'account', list: '/api/v1/accounts?limit=1&sort=createdAt' },
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Every page of web/src/app/nav.ts, in navigation order, with the `:id` of a detail page
 * filled from the API (`api` must be signed in).
 */
export async function mainPages(api: APIRequestContext): Promise<MainPage[]> {
  const pages: MainPage[] = [];
  for (const route of SECTIONS.flatMap((s) => s.routes)) {
    if (route.label) {
      pages.push({ path: route.path, name: route.label === 'overview' ? 'cockpit' : kebab(route.label) });
      continue;
    }
    const detail = DETAILS[route.path];
    if (!detail) throw new Error(`no record for the detail page ${route.path}: add it to e2e/pages.ts`);
    const res = await api.get(detail.list);
    const id = ((await res.json()) as { items: { id: string }[] }).items[0]?.id;
    if (!id) throw new Error(`${detail.list} returned no record for ${route.path}`);
    pages.push({ path: route.path.replace(':id', id), name: detail.name });
  }
  return pages;
}
