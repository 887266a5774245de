import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compareScenarios, listScenarios, saveScenario } from '../planning/manage-scenarios.ts';
import { orgSimInputSchema } from '../planning/org-simulation.ts';
import type { Overrides } from '../planning/plan-request.ts';
import { planLevers, planReverse, planSimulate } from '../planning/plan-revenue.ts';
import { runOrgSim } from '../planning/run-org-sim.ts';
import { DomainError } from '../platform/errors.ts';
import { pickWorkspace } from './pick-workspace.ts';
import { fail, withDatabase } from './with-database.ts';

interface PlanOptions {
  target: string;
  period: string;
  window: string;
  override: string[];
  segment?: string;
  pod?: string;
  json?: boolean;
  workspace?: string;
  dataDir?: string;
}

/** `--override rates.mql_to_sql=0.4` → { rates: { mql_to_sql: 0.4 } }. */
export function parseOverrides(pairs: string[]): Overrides {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const [path, value] = pair.split('=');
    if (!path || value === undefined) fail(`--override needs path=value, got "${pair}"`);
    const keys = path.split('.');
    let node = out;
    keys.slice(0, -1).forEach((k) => {
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    });
    node[keys[keys.length - 1]!] = value.includes(',') ? value.split(',').map(Number) : Number(value);
  }
  return out as Overrides;
}

const yen = (n: number) => `¥${Math.round(n).toLocaleString('ja-JP')}`;
const num = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en-US');

function withPlanOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--target <yen>', 'New MRR to add over the period, in yen')
    .requiredOption('--period <period>', 'FY2026, FY2026-Q1 or 2026-04 (fiscal calendar of the workspace)')
    .option('--window <months>', 'months of history to measure rates over', '12')
    .option(
      '--override <path=value>',
      'override an assumption, e.g. rates.mql_to_sql=0.4 (repeatable)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--segment <tier>', 'plan one segment (account tier, e.g. enterprise) from its own numbers')
    .option('--pod <name-or-id>', 'plan one POD from its own numbers and members')
    .option('--json', 'print JSON')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory');
}

async function run<T>(
  opts: { workspace?: string; dataDir?: string },
  work: (ctx: Awaited<ReturnType<typeof pickWorkspace>>) => Promise<T>,
) {
  return withDatabase(opts, async (database) => {
    const ctx = await pickWorkspace(database.db, opts.workspace);
    try {
      return await work(ctx);
    } catch (err) {
      if (err instanceof DomainError)
        fail(`${err.message}${err.details.map((d) => `\n  ${d.path}: ${d.message}`).join('')}`);
      throw err;
    }
  });
}

function sliceOf(o: PlanOptions) {
  if (o.segment && o.pod) fail('give --segment or --pod, not both');
  if (o.segment) return { dimension: 'segment' as const, value: o.segment };
  if (o.pod) return { dimension: 'pod' as const, value: o.pod };
  return undefined;
}

const request = (o: PlanOptions) => ({
  target: Number(o.target),
  period: o.period,
  windowMonths: Number(o.window),
  overrides: parseOverrides(o.override),
  slice: sliceOf(o),
});

export function registerPlanCommand(program: Command): void {
  const plan = program
    .command('plan')
    .description('Plan backwards from a revenue target (逆算), simulate, compare org models');

  withPlanOptions(
    plan
      .command('reverse')
      .description(
        'Leads, MQLs, SQLs, opportunities and wins a New MRR target needs, by month, and the people',
      ),
  ).action(async (o: PlanOptions) => {
    const result = await run(o, (ctx) => planReverse(ctx, request(o)));
    if (o.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `Target ${yen(result.target)} New MRR in ${result.period}${result.evidence.slice ? ` for ${result.evidence.slice.dimension === 'pod' ? 'POD' : 'segment'} ${result.evidence.slice.label}` : ''}\n\nmonth     leads     mql      sql      opp      won\n`,
    );
    for (const r of result.waterfall) {
      process.stdout.write(
        `${r.month}  ${[r.lead, r.mql, r.sql, r.opportunity, r.won].map((v) => num(v).padStart(8)).join(' ')}\n`,
      );
    }
    const peak = (role: string) =>
      Math.max(0, ...result.capacity.needs.filter((n) => n.role === role).map((n) => n.neededHeadcount));
    process.stdout.write(
      `\nPeak headcount needed: IS ${peak('is')} (have ${result.assumptions.capacity.is.headcount}), AE ${peak('ae')} (have ${result.assumptions.capacity.ae.headcount}), ONB ${peak('onb')} (have ${result.assumptions.capacity.onb.headcount})\n` +
        `Binding constraint: ${result.capacity.binding ?? 'none'}\n`,
    );
  });

  withPlanOptions(
    plan.command('simulate').description('Probability of hitting the target (seeded simulation)'),
  )
    .option('--runs <n>', 'simulation runs', '10000')
    .option('--seed <n>', 'random seed', '1')
    .action(async (o: PlanOptions & { runs: string; seed: string }) => {
      const result = await run(o, (ctx) =>
        planSimulate(ctx, { ...request(o), runs: Number(o.runs), seed: Number(o.seed) }),
      );
      if (o.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(
        `P(hit ${yen(result.target)}) = ${(result.probabilityOfHit * 100).toFixed(1)} %  (${result.runs} runs, seed ${result.seed})\n` +
          `P10 ${yen(result.p10)}   P50 ${yen(result.p50)}   P90 ${yen(result.p90)}   mean ${yen(result.mean)}\n`,
      );
    });

  withPlanOptions(plan.command('levers').description('Which lever moves New MRR most (+10 % each)'))
    .option('--fraction <f>', 'how far to pull each lever', '0.1')
    .action(async (o: PlanOptions & { fraction: string }) => {
      const result = await run(o, (ctx) => planLevers(ctx, { ...request(o), fraction: Number(o.fraction) }));
      if (o.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.stdout.write(`Baseline ${yen(result.baseline)}\n`);
      for (const l of result.levers)
        process.stdout.write(
          `${l.lever.padEnd(20)} ${yen(l.change).padStart(14)}  ${(l.changeRatio * 100).toFixed(1)} %\n`,
        );
    });

  plan
    .command('org-sim')
    .description('Run the same demand and headcount as Assembly Line and as PODs')
    .option('--input <file>', 'JSON simulation input (default: measured from the workspace)')
    .option('--json', 'print JSON')
    .option('--workspace <slug>', 'workspace slug')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (o: { input?: string; json?: boolean; workspace?: string; dataDir?: string }) => {
      const input = o.input ? orgSimInputSchema.parse(JSON.parse(readFileSync(o.input, 'utf8'))) : undefined;
      const result = await run(o, (ctx) => runOrgSim(ctx, input));
      if (o.json) return void process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      for (const r of [result.assemblyLine, result.pods]) {
        process.stdout.write(
          `\n${r.model}: ${r.wins} wins, New MRR ${yen(r.newMrr)}; jams at ${r.jam} — ${r.jamReason}\n`,
        );
        process.stdout.write('role  util   mean queue  p90 wait(d)  SLA breaches\n');
        for (const s of r.roles) {
          process.stdout.write(
            `${s.role.padEnd(5)} ${(s.utilization * 100).toFixed(0).padStart(4)} %  ${num(s.meanQueue).padStart(10)}  ${num(s.p90WaitDays).padStart(11)}  ${String(s.slaBreaches).padStart(12)}\n`,
          );
        }
      }
    });

  const scenarios = plan.command('scenarios').description('Saved plan scenarios');
  scenarios
    .command('list')
    .option('--workspace <slug>')
    .option('--data-dir <dir>')
    .action(async (o: { workspace?: string; dataDir?: string }) => {
      const page = await run(o, (ctx) => listScenarios(ctx, { limit: 200, sort: '-createdAt', filters: {} }));
      for (const s of page.items) {
        const out = s.outcome as { probabilityOfHit: number; binding: string | null };
        process.stdout.write(
          `${s.id}  ${s.name}  ${s.period}  P(hit) ${(out.probabilityOfHit * 100).toFixed(0)} %  binding ${out.binding ?? '-'}\n`,
        );
      }
    });
  withPlanOptions(scenarios.command('save').description('Save a named scenario'))
    .requiredOption('--name <name>', 'scenario name')
    .action(async (o: PlanOptions & { name: string }) => {
      const row = await run(o, (ctx) => saveScenario(ctx, { ...request(o), name: o.name }));
      process.stdout.write(`${row.id}\n`);
    });
  scenarios
    .command('compare <ids...>')
    .option('--workspace <slug>')
    .option('--data-dir <dir>')
    .action(async (ids: string[], o: { workspace?: string; dataDir?: string }) => {
      process.stdout.write(`${JSON.stringify(await run(o, (ctx) => compareScenarios(ctx, ids)), null, 2)}\n`);
    });
}
