import { peopleUseCases } from '../crm/manage-people.ts';
import { assertCan } from '../platform/access.ts';
import { appendAudit, queryAuditRowsAscending, redactAuditRow } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { emailHash, redactPerson } from './consent.ts';
import { insertSuppression, scrubPerson } from './store.ts';

export interface ErasureResult {
  personId: string;
  erasedAt: Date;
  suppressed: boolean;
  /** Rows anonymised per table; the rows stay so counts and funnels do not change. */
  anonymised: Record<string, number>;
  auditRowsRedacted: number;
}

/**
 * Erases a person's personal data (right to erasure): the person row is anonymised in
 * place, events, visitors, activities, hand-offs and audit payloads lose what identifies
 * them, and the email's hash joins the suppression list so it cannot come back through
 * creation or an import. One transaction; the erasure itself is audited without personal data.
 */
export async function erasePerson(
  ctx: RequestContext,
  personId: string,
  reason: string,
): Promise<ErasureResult> {
  await assertCan(ctx, 'privacy', 'write', 'all');
  return inTransaction(ctx, async (tx) => {
    const person = await peopleUseCases.getWritable(tx, personId);
    if (person.erasedAt) {
      throw new DomainError(
        'conflict',
        `Person ${personId} was already erased at ${person.erasedAt.toISOString()}.`,
        [{ path: 'id', message: 'already erased' }],
      );
    }
    const suppressed = person.email ? await insertSuppression(tx, emailHash(person.email), 'erasure') : false;
    const anonymised = await scrubPerson(tx, personId);
    let auditRowsRedacted = 0;
    let after = 0;
    for (;;) {
      const rows = await queryAuditRowsAscending(
        tx,
        { entityType: 'person', entityId: personId },
        after,
        1000,
      );
      for (const row of rows) {
        await redactAuditRow(tx, row, redactPerson(row.before), redactPerson(row.after));
        auditRowsRedacted++;
      }
      if (rows.length < 1000) break;
      after = rows.at(-1)!.seq;
    }
    const erasedAt = tx.now();
    await appendAudit(tx, {
      action: 'person.erase',
      entityType: 'person',
      entityId: personId,
      after: { erasedAt, suppressed, anonymised, auditRowsRedacted },
      reason,
    });
    return {
      personId,
      erasedAt,
      suppressed: suppressed || Boolean(person.email),
      anonymised,
      auditRowsRedacted,
    };
  });
}

/** Adds an address to the suppression list without a person (an objection by email, a bounce list). */
export async function suppressEmail(
  ctx: RequestContext,
  email: string,
  reason: string,
): Promise<{ added: boolean }> {
  await assertCan(ctx, 'privacy', 'write', 'all');
  return inTransaction(ctx, async (tx) => {
    const added = await insertSuppression(tx, emailHash(email), reason);
    if (added)
      await appendAudit(tx, { action: 'suppression.add', entityType: 'suppression', entityId: null, reason });
    return { added };
  });
}
