import { cannotChange, recordScope } from '../platform/access.ts';
import type { AccessAction, Resource } from '../platform/access-policy.ts';
import type { RequestContext } from '../platform/context.ts';
import { type DomainError, notFound } from '../platform/errors.ts';
import { handoffsInScope } from './handoff-store.ts';
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
  const refused = (await handoffAccess(ctx, [id], action)).get(id);
  if (refused) throw refused;
}

/**
 * assertHandoffAccess for many hand-offs: each refused one with its error (404 out of
 * sight, 403 read-only). A role with no grant at all is refused for the whole batch.
 */
export async function handoffAccess(
  ctx: RequestContext,
  ids: string[],
  action: AccessAction,
): Promise<Map<string, DomainError>> {
  const refused = new Map<string, DomainError>();
  const readable = await handoffsInScope(ctx, ids, await handoffScope(ctx, 'read'));
  for (const id of ids) if (!readable.has(id)) refused.set(id, notFound('Hand-off', id));
  if (action === 'write') {
    const visible = ids.filter((id) => !refused.has(id));
    const scope = await handoffScope(ctx, 'write');
    // No condition: every hand-off seen above may be changed.
    const writable = scope ? await handoffsInScope(ctx, visible, scope) : new Set(visible);
    for (const id of visible)
      if (!writable.has(id)) refused.set(id, cannotChange(ctx, 'handoffs', 'this hand-off'));
  }
  return refused;
}
