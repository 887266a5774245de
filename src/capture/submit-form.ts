import { appendAudit } from '../platform/audit/store.ts';
import type { Db } from '../platform/db/open-database.ts';
import { DomainError } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { extraFields, formSubmissionSchema } from './forms.ts';
import { findFormByKey, upsertMembers } from './store.ts';
import { trackEvents } from './track-events.ts';
import { workspaceOfPublicKey } from './tracking.ts';

const unknownForm = (formKey: string) =>
  new DomainError('not_found', `No form with the key ${formKey}; copy the form's snippet again.`, [
    { path: 'formKey', message: 'unknown form key' },
  ]);

/**
 * A form post: the person is found by normalised email or created (with the account of
 * their company domain, never for free mail), the visitor that posted it is identified,
 * the submission is stored as a form_submit event and scored (a hand-raise form makes an
 * MQL at once), and the person joins the form's campaign — all in one transaction.
 */
export async function submitForm(db: Db, formKey: string, body: unknown, now = new Date()) {
  const workspaceId = workspaceOfPublicKey('bfk', formKey);
  if (!workspaceId) throw unknownForm(formKey);
  const form = await findFormByKey(db, workspaceId, formKey).catch(() => undefined);
  if (!form) throw unknownForm(formKey);
  const parsed = formSubmissionSchema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || 'body',
      message: i.message,
    }));
    throw new DomainError(
      'invalid_input',
      `The form is incomplete: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const s = parsed.data;
  const ctx = {
    workspaceId,
    db,
    now: () => now,
    actor: { type: 'system' as const, userId: null, roles: [] },
  };
  return inTransaction(ctx, async (tx) => {
    const tracked = await trackEvents(tx, [
      {
        ...(s.submissionId ? { id: `form:${form.id}:${s.submissionId}` } : {}),
        type: 'form_submit',
        email: s.email,
        ...(s.anonymousId ? { anonymousId: s.anonymousId } : {}),
        traits: {
          firstName: s.firstName,
          lastName: s.lastName,
          company: s.company,
          title: s.title,
          department: s.department,
          phone: s.phone,
        },
        properties: {
          ...extraFields(body as Record<string, unknown>),
          form: form.kind,
          formId: form.id,
          ...(form.handRaise ? { handRaise: true } : {}),
          ...(s.path ? { path: s.path } : {}),
        },
        campaignId: form.campaignId,
      },
    ]);
    const outcome = tracked.outcomes[0]!;
    if (form.campaignId && outcome.personId && outcome.status === 'stored') {
      await upsertMembers(tx, [
        { campaignId: form.campaignId, personId: outcome.personId, status: form.memberStatus, at: now },
      ]);
    }
    await appendAudit(tx, {
      action: 'form.submit',
      entityType: 'person',
      entityId: outcome.personId,
      after: {
        formId: form.id,
        status: outcome.status,
        eventId: outcome.eventId,
        created: tracked.peopleCreated > 0,
      },
    });
    return {
      personId: outcome.personId!,
      status: outcome.status,
      created: tracked.peopleCreated > 0,
      mql: tracked.mqls.some((m) => m.personId === outcome.personId),
      redirect: s._redirect ?? null,
    };
  });
}
