import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stagesOf } from '../lifecycle/read-lifecycle.ts';
import { LIFECYCLES, type Lifecycle } from '../lifecycle/stages.ts';
import { updateDefinition } from '../lifecycle/update-definition.ts';
import { DomainError } from '../platform/errors.ts';
import { pickWorkspace } from './pick-workspace.ts';
import { fail, withDatabase } from './with-database.ts';

function lifecyclesOf(option: string | undefined): Lifecycle[] {
  if (!option) return [...LIFECYCLES];
  if (!(LIFECYCLES as readonly string[]).includes(option))
    fail(`unknown lifecycle "${option}"; use one of ${LIFECYCLES.join(', ')}`);
  return [option as Lifecycle];
}

/** `baton stages export|import`: stage definitions as JSON, edited outside and brought back validated. */
export function registerStagesCommand(program: Command): void {
  const stages = program.command('stages').description('Export or import lifecycle stage definitions (JSON)');
  stages
    .command('export')
    .description('Write the definitions in force as JSON: { "<lifecycle>": <definition>, … }')
    .option('--lifecycle <name>', `only one of: ${LIFECYCLES.join(', ')}`)
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (opts: { lifecycle?: string; out?: string; workspace?: string; dataDir?: string }) => {
      await withDatabase(opts, async (database) => {
        const ctx = await pickWorkspace(database.db, opts.workspace);
        const out: Record<string, unknown> = {};
        for (const lc of lifecyclesOf(opts.lifecycle)) out[lc] = (await stagesOf(ctx, lc)).definition;
        const json = `${JSON.stringify(out, null, 2)}\n`;
        if (opts.out) {
          writeFileSync(opts.out, json);
          process.stderr.write(`Wrote ${Object.keys(out).join(', ')} to ${opts.out}.\n`);
        } else process.stdout.write(json);
      });
    });
  stages
    .command('import')
    .description('Validate and store the definitions of a JSON file (as written by export) as new versions')
    .argument('<file>', 'JSON file: { "<lifecycle>": <definition>, … }')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (file: string, opts: { workspace?: string; dataDir?: string }) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        fail(`cannot read ${file} as JSON: ${(err as Error).message}`);
      }
      const unknown = Object.keys(parsed).filter((k) => !(LIFECYCLES as readonly string[]).includes(k));
      if (unknown.length)
        fail(`${file}: unknown lifecycle key(s) ${unknown.join(', ')}; use ${LIFECYCLES.join(', ')}`);
      await withDatabase(opts, async (database) => {
        const ctx = await pickWorkspace(database.db, opts.workspace);
        for (const [lc, definition] of Object.entries(parsed)) {
          try {
            const saved = await updateDefinition(ctx, lc as Lifecycle, definition);
            process.stdout.write(`${lc}: stored as version ${saved.version}\n`);
          } catch (err) {
            if (err instanceof DomainError)
              fail(
                `${file} → ${lc}: ${err.message}\n${err.details.map((d) => `  ${lc}.${d.path}: ${d.message}`).join('\n')}`,
              );
            throw err;
          }
        }
      });
    });
}
