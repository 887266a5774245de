import type { ja } from '../../i18n/ja.ts';

export type Role = keyof typeof ja.roles;

/** Roles in THE MODEL's order (DOMAIN.md section 1); the API's role codes. */
export const ROLES: Role[] = ['marketing', 'mdr', 'sdr', 'ae', 'onb', 'csm', 'am', 'adr', 'manager', 'admin'];
export const isRole = (r: string): r is Role => (ROLES as string[]).includes(r);
