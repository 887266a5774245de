import { accountUseCases } from '../crm/manage-accounts.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import { getWritableOpportunity } from '../pipeline/manage-opportunities.ts';
import { assertRole } from '../platform/access.ts';
import { appendAudit } from '../platform/audit/store.ts';
import type { RequestContext } from '../platform/context.ts';
import { DomainError, invalid } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { exitCadencesOf } from './exit-cadences.ts';
import { type ActivityRow, insertActivities, peopleInfo } from './work-store.ts';
import { DEFAULT_MINUTES, type LogActivityInput, REPLY_OUTCOMES } from './workbench.ts';

export interface LoggedActivity {
  activity: ActivityRow;
  cadencesExited: number;
}

/** Each activity's outcome: logged, or refused (and then nothing of it was written). */
export type LogOutcome = { ok: true; result: LoggedActivity } | { ok: false; error: DomainError };

/**
 * Logs a call, email, meeting or note with its outcome. A reply (outcome replied or
 * inbound_email) ends the lead's cadences in the same transaction.
 */
export async function logActivity(ctx: RequestContext, input: LogActivityInput): Promise<LoggedActivity> {
  const [outcome] = await logActivities(ctx, [input]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}

/** What a refusal of the whole batch is (a database error) versus one activity's. */
const refusal = (err: unknown): DomainError => {
  if (err instanceof DomainError) return err;
  throw err;
};

/**
 * Logs many activities with the rules of `logActivity`, in set-based statements (a rep's
 * day of calls): one read of the people, one access check per kind of record, one insert.
 * An activity the rules refuse is reported in its outcome and writes nothing; every
 * refusal is decided before the first write, so inside a caller's transaction no
 * savepoint is needed.
 */
export function logActivities(ctx: RequestContext, inputs: LogActivityInput[]): Promise<LogOutcome[]> {
  const run = <T>(work: (tx: RequestContext) => Promise<T>) =>
    ctx.commitWrites ? work(ctx) : inTransaction(ctx, work);
  return run(async (tx) => {
    const out: LogOutcome[] = new Array(inputs.length);
    const fail = (i: number, error: DomainError) => {
      out[i] ??= { ok: false, error };
    };
    inputs.forEach((input, i) => {
      if (!input.personId && !input.accountId && !input.opportunityId)
        fail(i, invalid('personId', 'an activity is about a person, an account or an opportunity'));
    });
    const pending = () => inputs.flatMap((input, i) => (out[i] ? [] : [{ input, i }]));
    const people = await peopleInfo(
      tx,
      pending().flatMap(({ input }) => (input.personId ? [input.personId] : [])),
    );
    for (const { input, i } of pending()) {
      if (input.personId && !people.has(input.personId))
        fail(
          i,
          new DomainError('invalid_input', 'No person with this id in this workspace.', [
            { path: 'personId', message: 'unknown id' },
          ]),
        );
    }
    // Logging for someone else is a manager's correction.
    for (const { input, i } of pending()) {
      const userId = input.userId ?? tx.actor.userId;
      if (userId === tx.actor.userId) continue;
      try {
        assertRole(tx, ['manager'], "log another member's activity");
      } catch (err) {
        fail(i, refusal(err));
      }
    }
    // An activity is work on its records: the actor must be allowed to change each one it
    // names (404 out of sight, 403 read-only), checked in the order a single call checks them.
    const checks: [keyof LogActivityInput, (ids: string[]) => Promise<Map<string, unknown>>][] = [
      ['personId', (ids) => peopleUseCases.getWritableMany(tx, ids)],
      ['accountId', (ids) => accountUseCases.getWritableMany(tx, ids)],
      ['opportunityId', (ids) => writableOpportunities(tx, ids)],
    ];
    for (const [field, load] of checks) {
      const named = pending().filter(({ input }) => input[field]);
      if (named.length === 0) continue;
      const found = await load(named.map(({ input }) => input[field] as string));
      for (const { input, i } of named) {
        const row = found.get(input[field] as string);
        if (row instanceof DomainError) fail(i, row);
      }
    }

    const accepted = pending();
    const activities = await insertActivities(
      tx,
      accepted.map(({ input }) => ({
        type: input.type,
        outcome: input.outcome ?? null,
        personId: input.personId ?? null,
        accountId: input.accountId ?? (input.personId ? people.get(input.personId)!.accountId : null),
        opportunityId: input.opportunityId ?? null,
        userId: input.userId ?? tx.actor.userId,
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : tx.now(),
        durationMinutes: input.durationMinutes ?? DEFAULT_MINUTES[input.type],
        notes: input.notes ?? null,
      })),
    );
    for (const activity of activities) {
      await appendAudit(tx, {
        action: 'activity.log',
        entityType: 'activity',
        entityId: activity.id,
        after: activity,
      });
    }
    const replied = accepted.filter(
      ({ input }) => input.outcome !== undefined && REPLY_OUTCOMES.has(input.outcome) && input.personId,
    );
    const exited = await exitCadencesOf(
      tx,
      [...new Set(replied.map(({ input }) => input.personId!))],
      'replied',
    );
    accepted.forEach(({ input, i }, k) => {
      // A person's cadences end once: a later reply in the same batch finds none, as it would one call later.
      const cadencesExited = replied.some((r) => r.i === i) ? (exited.get(input.personId!) ?? 0) : 0;
      if (cadencesExited) exited.delete(input.personId!);
      out[i] = { ok: true, result: { activity: activities[k]!, cadencesExited } };
    });
    return out;
  });
}

async function writableOpportunities(tx: RequestContext, ids: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  // Activities on opportunities are rare; each is checked as a single call checks it.
  for (const id of new Set(ids)) {
    try {
      out.set(id, await getWritableOpportunity(tx, id));
    } catch (err) {
      out.set(id, refusal(err));
    }
  }
  return out;
}
