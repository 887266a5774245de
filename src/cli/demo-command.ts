import type { Command } from 'commander';
import { generateDemo } from '../demo/generate-demo.ts';
import { consoleProgress } from '../platform/progress.ts';
import { getWorkspaceBySlug } from '../workspace/store.ts';
import { withDatabase } from './with-database.ts';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('Generate a demo workspace: a Japanese B2B SaaS vendor with 12 months of history')
    .option('--seed <n>', 'random seed (the same seed gives the same workspace)', '42')
    .option('--people <n>', 'number of people', '20000')
    .option('--months <n>', 'months of history', '12')
    .option('--slug <slug>', 'workspace slug (default demo, demo-2, …)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(
      async (opts: { seed: string; people: string; months: string; slug?: string; dataDir?: string }) => {
        const people = Number(opts.people);
        const months = Number(opts.months);
        if (!Number.isInteger(people) || people < 10 || people > 2_000_000)
          throw new Error('--people must be 10 to 2,000,000');
        if (!Number.isInteger(months) || months < 1 || months > 36)
          throw new Error('--months must be 1 to 36');
        await withDatabase(opts, async (database) => {
          let slug = opts.slug ?? 'demo';
          for (let n = 2; !opts.slug && (await getWorkspaceBySlug(database.db, slug)); n++)
            slug = `demo-${n}`;
          const started = Date.now();
          const result = await generateDemo(
            database.db,
            { seed: Number(opts.seed), people, months, slug },
            consoleProgress(),
          );
          const c = result.counts;
          process.stdout.write(
            `Demo workspace "${slug}": ${c.people} people, ${c.accounts} accounts, ${c.campaigns} campaigns, ` +
              `${c.visitors} visitors, ${c.events} events in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
              `Sign in as ${result.adminEmail} / ${result.adminPassword}\n`,
          );
        });
      },
    );
}
