import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, onPostgres } from '../../test/db.ts';
import { newWorkspace } from '../../test/factories.ts';
import { peopleUseCases } from '../crm/manage-people.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Database } from '../platform/db/open-database.ts';
import { DomainError } from '../platform/errors.ts';
import { statusOf } from '../platform/http/error-body.ts';
import { listHandoffs } from './handoff-store.ts';
import { respondToHandoff } from './respond-to-handoff.ts';
import { listHistory } from './store.ts';
import { moveEntity, transitionEntity } from './transition-entity.ts';

let database: Database;
let ctx: RequestContext;
beforeEach(async () => {
  database = await createTestDatabase();
  ctx = (await newWorkspace(database)).ctx;
});
afterEach(() => database.close());

async function nurturingPerson(): Promise<string> {
  const p = await peopleUseCases.create(ctx, {
    email: `${Math.random().toString(36).slice(2)}@example.co.jp`,
  } as never);
  await transitionEntity(ctx, { entityType: 'person', entityId: p.id as string, to: 'nurturing' });
  return p.id as string;
}

const statuses = (results: PromiseSettledResult<unknown>[]) =>
  results
    .map((r) =>
      r.status === 'fulfilled' ? 201 : r.reason instanceof DomainError ? statusOf(r.reason.code) : 500,
    )
    .sort();

describe(`concurrent moves of one record (${onPostgres ? 'PostgreSQL: real concurrency' : 'PGlite: serialised'})`, () => {
  it('two transitions at once: exactly one wins, the other is a 409, no duplicate history or hand-off', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await nurturingPerson();
      const results = await Promise.allSettled([
        moveEntity(ctx, { entityType: 'person', entityId: id, to: 'mql', expectedStage: 'nurturing' }),
        moveEntity(ctx, {
          entityType: 'person',
          entityId: id,
          to: 'disqualified',
          reason: 'spam',
          expectedStage: 'nurturing',
        }),
      ]);
      expect(statuses(results)).toEqual([201, 409]);
      const history = await listHistory(ctx, 'person', id);
      expect(history.map((h) => h.toStage).slice(0, 2)).toEqual(['lead', 'nurturing']);
      expect(history).toHaveLength(3);
      const open = await listHandoffs(ctx, { limit: 10, personId: id });
      expect(open.length).toBe(history[2]!.toStage === 'mql' ? 1 : 0);
    }
  });

  it('the same move twice at once: one wins, the other is a 409', async () => {
    const id = await nurturingPerson();
    const results = await Promise.allSettled([
      moveEntity(ctx, { entityType: 'person', entityId: id, to: 'mql' }),
      moveEntity(ctx, { entityType: 'person', entityId: id, to: 'mql' }),
    ]);
    expect(statuses(results)).toEqual([201, 409]);
    expect((await listHistory(ctx, 'person', id)).filter((h) => h.toStage === 'mql')).toHaveLength(1);
    expect(await listHandoffs(ctx, { limit: 10, personId: id })).toHaveLength(1);
  });

  it('accepting and moving at once do not deadlock: one outcome is persisted', async () => {
    const id = await nurturingPerson();
    const { handoff } = await moveEntity(ctx, { entityType: 'person', entityId: id, to: 'mql' });
    const results = await Promise.allSettled([
      respondToHandoff(ctx, handoff!.id, { decision: 'accept' }),
      moveEntity(ctx, {
        entityType: 'person',
        entityId: id,
        to: 'disqualified',
        reason: 'competitor',
        expectedStage: 'mql',
      }),
    ]);
    expect(statuses(results)).toEqual([201, 409]);
    const last = (await listHistory(ctx, 'person', id)).at(-1)!.toStage;
    const [h] = await listHandoffs(ctx, { limit: 1, personId: id });
    expect(h!.status).toBe(last === 'sal' ? 'accepted' : 'rejected');
  });
});
