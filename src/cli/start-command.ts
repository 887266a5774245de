import type { Command } from 'commander';
import { generateDemo } from '../demo/generate-demo.ts';
import { lifecycleJobs } from '../lifecycle/jobs.ts';
import { buildServer } from '../platform/http/server.ts';
import { JobRunner } from '../platform/jobs/job-runner.ts';
import { consoleProgress } from '../platform/progress.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { generatePassword } from '../workspace/passwords.ts';
import { listWorkspaces } from '../workspace/store.ts';
import { openConfigured } from './with-database.ts';

interface StartOptions {
  port: string;
  host: string;
  dataDir?: string;
  empty?: boolean;
  seed: string;
  people: string;
  months: string;
  adminEmail?: string;
  adminPassword?: string;
  jobs: boolean;
}

function printLogin(url: string, email: string, password: string, generated: boolean): void {
  const lines = [
    '',
    '  Baton is ready.',
    `  Open ${url} and sign in as ${email}`,
    generated
      ? `  password: ${password}   (shown once: keep it, or set BATON_ADMIN_PASSWORD next time)`
      : '  password: the one you set',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start the API and web UI; an empty database first gets the demo workspace (unless --empty)')
    .option('-p, --port <port>', 'port to listen on', process.env.PORT ?? '3000')
    .option('--host <host>', 'interface to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--data-dir <dir>', 'embedded database directory (or BATON_DATA_DIR; default ./.baton)')
    .option('--empty', 'on an empty database create an empty workspace instead of the demo')
    .option('--seed <n>', 'demo seed', '42')
    .option('--people <n>', 'demo size in people', '20000')
    .option('--months <n>', 'months of demo history', '12')
    .option(
      '--no-jobs',
      'do not run background jobs (SLA checks, recycle wake-ups, webhooks) in this process',
    )
    .option('--admin-email <email>', 'first admin email (or BATON_ADMIN_EMAIL)')
    .option(
      '--admin-password <password>',
      'first admin password (or BATON_ADMIN_PASSWORD; default: generated and printed)',
    )
    .action(async (opts: StartOptions) => {
      const { database } = await openConfigured(opts);
      const port = Number(opts.port);
      const url = `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}`;
      const given = opts.adminPassword ?? process.env.BATON_ADMIN_PASSWORD;
      const password = given ?? generatePassword();
      if ((await listWorkspaces(database.db)).length === 0) {
        if (opts.empty) {
          const email = opts.adminEmail ?? process.env.BATON_ADMIN_EMAIL ?? 'admin@baton.local';
          await createWorkspace(
            database.db,
            { name: 'My company', slug: 'main' },
            { email, displayName: 'Admin', password },
          );
          printLogin(url, email, password, !given);
        } else {
          process.stdout.write('First start: building the demo workspace…\n');
          const demo = await generateDemo(
            database.db,
            {
              seed: Number(opts.seed),
              people: Number(opts.people),
              months: Number(opts.months),
              adminPassword: password,
            },
            consoleProgress(),
          );
          printLogin(url, demo.adminEmail, password, !given);
        }
      }
      const app = await buildServer({ database, logger: false });
      const runner = opts.jobs ? new JobRunner(database.db, lifecycleJobs()) : null;
      const stop = async () => {
        await app.close();
        await runner?.stop();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.listen({ port, host: opts.host });
      runner?.start();
      // A server runs for days: the embedded database gets autovacuum's upkeep from here on,
      // after the demo's bulk writes (pglite-maintenance.ts).
      database.maintain();
      process.stdout.write(
        `Baton listening on ${url} (${database.kind}: ${database.location}); API reference at ${url}/api/docs\n`,
      );
    });
}
