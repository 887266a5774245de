import { cannotChange, recordScope } from '../platform/access.ts';
import type { AccessAction, Resource } from '../platform/access-policy.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { handoffInScope } from './handoff-store.ts';
import { handoffs } from './schema.ts';
import { type EntityType, entityInScope, entityOwnerColumn } from './store.ts';

const RESOURCE: Record<EntityType, Resource> = {
  person: 'people',
  account: 'accounts',
  opportunity: 'opportunities',
};

/**
 * Record-level access for lifecycle actions under the workspace's policy: 404 when the
 * actor may not see the record, 403 when it may see but not change it. Internal callers
 * (jobs, the demo, scoring) act as the system and pass.
 */
export async function assertEntityAccess(
  ctx: RequestContext,
  type: EntityType,
  id: string,
  action: AccessAction,
): Promise<void> {
  const resource = RESOURCE[type];
  const read = await recordScope(ctx, resource, 'read', entityOwnerColumn(type));
  if (!(await entityInScope(ctx, type, id, read))) throw notFound(type, id);
  if (action === 'write') {
    const write = await recordScope(ctx, resource, 'write', entityOwnerColumn(type));
    if (!(await entityInScope(ctx, type, id, write))) throw cannotChange(ctx, resource, `this ${type}`);
  }
}

/** The condition limiting hand-offs to those the actor may read or answer (its receiver is the owner). */
export function handoffScope(ctx: RequestContext, action: AccessAction) {
  return recordScope(ctx, 'handoffs', action, handoffs.toUserId);
}

export async function assertHandoffAccess(
  ctx: RequestContext,
  id: string,
  action: AccessAction,
): Promise<void> {
  if (!(await handoffInScope(ctx, id, await handoffScope(ctx, 'read')))) throw notFound('Hand-off', id);
  if (action === 'write' && !(await handoffInScope(ctx, id, await handoffScope(ctx, 'write')))) {
    throw cannotChange(ctx, 'handoffs', 'this hand-off');
  }
}
