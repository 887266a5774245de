import type { RequestContext, Role } from './context.ts';
import { DomainError } from './errors.ts';

/** Refuses the action unless the actor holds one of the roles (admins always pass). */
export function assertRole(ctx: RequestContext, roles: Role[], action: string): void {
  if (ctx.actor.roles.includes('admin') || roles.some((r) => ctx.actor.roles.includes(r))) return;
  throw new DomainError('forbidden', `Only ${['admin', ...roles].join(' or ')} may ${action}.`, [
    { path: 'role', message: `your roles: ${ctx.actor.roles.join(', ') || 'none'}` },
  ]);
}
