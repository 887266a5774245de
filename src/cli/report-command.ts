import type { Command } from 'commander';
import { rebuildOutcomeRollups, rebuildRollups } from '../analytics/rebuild-rollups.ts';
import type { ReportParams } from '../analytics/report-query.ts';
import { REPORT_KINDS, type ReportKind, runReport } from '../analytics/run-report.ts';
import { LIFECYCLES } from '../lifecycle/stages.ts';
import { DomainError } from '../platform/errors.ts';
import { pickWorkspace } from './pick-workspace.ts';
import { fail, withDatabase } from './with-database.ts';

interface ReportOptions extends ReportParams {
  json?: boolean;
  workspace?: string;
  dataDir?: string;
}

/** A compact text rendering: one line per leaf value, for people at a terminal. */
function render(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object')
    return [`${prefix}\t${value === null ? '—' : String(value)}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const name = prefix ? `${prefix}.${k}` : k;
    return render(v, name);
  });
}

/** `baton report <kind>`: the analytics reports, a command group so other slices can add theirs. */
export function registerReportCommand(program: Command): Command {
  // Another slice may have created the group already (e.g. `baton report mrr`): join it.
  const report =
    program.commands.find((c) => c.name() === 'report') ??
    program
      .command('report')
      .description('Reports: funnel, KPI tree, scorecards, attribution, bottlenecks, …');
  for (const kind of REPORT_KINDS) {
    report
      .command(kind)
      .description(`The ${kind} report`)
      .option('--from <day>', 'first local day, YYYY-MM-DD (default: 12 months back)')
      .option('--to <day>', 'last local day, YYYY-MM-DD (default: today in the workspace time zone)')
      .option('--by <period>', 'day, week, month, fiscal_quarter (quarter), fiscal_year (year)')
      .option('--view <view>', 'funnel view: cohort or period')
      .option('--lifecycle <lifecycle>', 'lead, opportunity or customer')
      .option('--slice <dimension=value>', 'one slice: segment, pod, campaign, source or owner')
      .option('--stages <keys>', 'comma-separated stage keys to show')
      .option('--json', 'print JSON (the shape scripts rely on)')
      .option('--workspace <slug>', 'workspace slug (default: the first)')
      .option('--data-dir <dir>', 'embedded database directory')
      .action(async (opts: ReportOptions) => {
        const { json, workspace, dataDir, ...params } = opts;
        await withDatabase({ ...(dataDir ? { dataDir } : {}) }, async (database) => {
          const ctx = await pickWorkspace(database.db, workspace);
          try {
            const result = await runReport(ctx, kind as ReportKind, params);
            process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${render(result).join('\n')}\n`);
          } catch (err) {
            if (err instanceof DomainError) {
              const where = err.details
                .map((d) => (d.message === err.message ? d.path : `${d.path}: ${d.message}`))
                .join('; ');
              fail(`${err.message}${where ? ` [parameter ${where}]` : ''}`);
            }
            throw err;
          }
        });
      });
  }
  report
    .command('rebuild')
    .description(
      'Recompute the analytics rollups from raw stage history, deals and hand-offs (after an upgrade or bulk corrections)',
    )
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (opts: { workspace?: string; dataDir?: string }) => {
      await withDatabase({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) }, async (database) => {
        const ctx = await pickWorkspace(database.db, opts.workspace);
        for (const lifecycle of LIFECYCLES) {
          const { records, rows } = await rebuildRollups(ctx, lifecycle);
          process.stdout.write(`${lifecycle}: ${records} records, ${rows} history rows\n`);
        }
        const outcomes = await rebuildOutcomeRollups(ctx);
        process.stdout.write(
          `closed deals: ${outcomes.deals} rollup rows; hand-offs: ${outcomes.handoffs} rollup rows\n`,
        );
      });
    });
  return report;
}
