import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorOf } from '../platform/db/pg-errors.ts';
import { DomainError, notFound } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { campaignsStore, listMembers, upsertMembers } from './store.ts';

export async function listCampaignMembers(
  ctx: RequestContext,
  campaignId: string,
  limit: number,
  after: string | null,
) {
  if (!(await campaignsStore.get(ctx, campaignId))) throw notFound('campaign', campaignId);
  const items = await listMembers(ctx, campaignId, limit, after);
  return { items, nextCursor: items.length === limit ? items[items.length - 1]!.personId : null };
}

/** Adds people to a campaign or moves their status (sent, registered, attended, responded). */
export function setCampaignMembers(
  ctx: RequestContext,
  campaignId: string,
  members: { personId: string; status: string; at?: Date | undefined }[],
): Promise<void> {
  return inTransaction(ctx, async (tx) => {
    if (!(await campaignsStore.get(tx, campaignId))) throw notFound('campaign', campaignId);
    try {
      await upsertMembers(
        tx,
        members.map((m) => ({ campaignId, personId: m.personId, status: m.status, at: m.at ?? tx.now() })),
      );
    } catch (err) {
      if (pgErrorOf(err)?.code === FOREIGN_KEY_VIOLATION)
        throw new DomainError('invalid_input', 'A member is not a person of this workspace.', [
          { path: 'members', message: 'every personId must be a person of this workspace' },
        ]);
      throw err;
    }
    await appendAudit(tx, {
      action: 'campaign.members',
      entityType: 'campaign',
      entityId: campaignId,
      after: { members },
    });
  });
}
