import type { Command } from 'commander';
import { DomainError } from '../platform/errors.ts';
import { type MrrReport, reportMrr } from '../success/report-mrr.ts';
import { pickWorkspace } from './pick-workspace.ts';
import { fail, withDatabase } from './with-database.ts';

const yen = new Intl.NumberFormat('ja-JP');
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function table(report: MrrReport): string {
  const head = [
    'period',
    'start',
    'new',
    'expansion',
    'reactivation',
    'contraction',
    'churn',
    'end',
    'GRR',
    'NRR',
    'logo churn',
    'ARR',
  ];
  const rows = report.periods.map((p) => [
    p.period,
    ...[p.start, p.new, p.expansion, p.reactivation, p.contraction, p.churn, p.end].map((n) => yen.format(n)),
    pct(p.grr),
    pct(p.nrr),
    pct(p.logoChurnRate),
    yen.format(p.arr),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `MRR movements (JPY, ${report.timeZone}, fiscal year from month ${report.fiscalYearStartMonth})`,
    line(head),
    ...rows.map(line),
  ].join('\n');
}

/** `baton report mrr`: the MRR bridge per period, as a table or JSON. Joins a `report` command if one exists. */
export function registerMrrReportCommand(program: Command): void {
  const report =
    program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('Reports');
  report
    .command('mrr')
    .description(
      'MRR movements per period: new, expansion, reactivation, contraction, churn; GRR, NRR, logo churn, ARR',
    )
    .option('--from <date>', 'first day (YYYY-MM-DD, default: 12 months / 4 quarters / 3 fiscal years back)')
    .option('--to <date>', 'last day (YYYY-MM-DD, default: today in the workspace time zone)')
    .option('--by <grain>', 'month | quarter | fiscal_year', 'month')
    .option('--json', 'print JSON')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(
      async (opts: {
        from?: string;
        to?: string;
        by: string;
        json?: boolean;
        workspace?: string;
        dataDir?: string;
      }) => {
        await withDatabase(opts, async (database) => {
          const ctx = await pickWorkspace(database.db, opts.workspace);
          try {
            const result = await reportMrr(ctx, {
              by: opts.by as 'month',
              ...(opts.from ? { from: opts.from } : {}),
              ...(opts.to ? { to: opts.to } : {}),
            });
            process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${table(result)}\n`);
          } catch (err) {
            if (err instanceof DomainError) fail(`${err.message}`);
            throw err;
          }
        });
      },
    );
}
