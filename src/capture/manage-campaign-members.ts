import { people } from '../crm/schema.ts';
import { recordScope } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorOf } from '../platform/db/pg-errors.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { campaignUseCases } from './manage-campaigns.ts';
import { listMembers, upsertMembers } from './store.ts';

export async function listCampaignMembers(
  ctx: RequestContext,
  campaignId: string,
  limit: number,
  after: string | null,
) {
  await campaignUseCases.get(ctx, campaignId);
  // Members are people: a rep sees only the members in their own people scope.
  const scope = await recordScope(ctx, 'people', 'read', people.ownerUserId);
  const items = await listMembers(ctx, campaignId, limit, after, scope);
  return { items, nextCursor: items.length === limit ? items[items.length - 1]!.personId : null };
}

/** Adds people to a campaign or moves their status (sent, registered, attended, responded). */
export function setCampaignMembers(
  ctx: RequestContext,
  campaignId: string,
  members: { personId: string; status: string; at?: Date | undefined }[],
): Promise<void> {
  return inTransaction(ctx, async (tx) => {
    // Changing who is in a campaign is a campaign write (marketing, admins).
    await campaignUseCases.getWritable(tx, campaignId);
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
