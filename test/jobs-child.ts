// A worker process for the crash test: runs one slow job and is killed mid-run.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/open-database.ts';
import { JobRunner } from '../src/platform/jobs/job-runner.ts';
import { insertNotifications } from '../src/platform/notifications/store.ts';

const [dataDir, userId] = process.argv.slice(2);
const database = await openDatabase({ dataDir });
const runner = new JobRunner(database.db, {
  workerId: 'doomed-worker',
  leaseMs: 30_000,
  handlers: {
    'test.effect': async (ctx) => {
      await insertNotifications(ctx, [
        { userId: userId!, kind: 'test', title: 'effect', dedupeKey: 'effect' },
      ]);
      await ctx.db.execute(sql`select 1`);
      process.stdout.write('RUNNING\n');
      // Killed here, before the job's transaction commits.
      await new Promise((r) => setTimeout(r, 60_000));
      return undefined;
    },
  },
});
await runner.runDue();
