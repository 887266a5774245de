import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { EXPORT_ENTITIES, type ExportEntity, exportCsv } from '../capture/export-csv.ts';
import { IMPORT_FORMATS, type ImportFormat } from '../capture/import-formats.ts';
import { importPeople } from '../capture/import-people.ts';
import { DomainError } from '../platform/errors.ts';
import { consoleProgress } from '../platform/progress.ts';
import { pickWorkspace } from './pick-workspace.ts';
import { fail, withDatabase } from './with-database.ts';

export function registerImportExportCommands(program: Command): void {
  program
    .command('import')
    .description(`Import a CSV export: ${IMPORT_FORMATS.join(' | ')}`)
    .argument('<format>', IMPORT_FORMATS.join(' | '))
    .argument('<file>', 'the CSV file (UTF-8)')
    .option('--dry-run', 'report what would change, change nothing')
    .option('--skip-invalid', 'import the valid lines and report the others (default: all or nothing)')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(
      async (
        format: string,
        file: string,
        opts: { dryRun?: boolean; skipInvalid?: boolean; workspace?: string; dataDir?: string },
      ) => {
        if (!IMPORT_FORMATS.includes(format as ImportFormat))
          fail(`unknown format "${format}"; use one of ${IMPORT_FORMATS.join(', ')}`);
        let size = 0;
        try {
          size = statSync(file).size;
        } catch {
          fail(`cannot read ${file}`);
        }
        await withDatabase(opts, async (database) => {
          const ctx = await pickWorkspace(database.db, opts.workspace);
          try {
            const report = await importPeople(ctx, {
              format: format as ImportFormat,
              open: () => createReadStream(file),
              dryRun: opts.dryRun === true,
              skipInvalid: opts.skipInvalid === true,
              progress: consoleProgress(),
              totalBytes: size,
            });
            for (const e of report.errors)
              process.stderr.write(`${file}:${e.line}: column "${e.column}": ${e.message}\n`);
            const { errors: _e, ...summary } = report;
            process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
            if (report.invalid > 0 && !opts.skipInvalid)
              fail(
                `${report.invalid} of ${report.rows} lines are invalid; nothing was imported (fix them or pass --skip-invalid)`,
              );
          } catch (err) {
            if (err instanceof DomainError) fail(`${err.message}`);
            throw err;
          }
        });
      },
    );
  program
    .command('export')
    .description(`Export ${EXPORT_ENTITIES.join(' | ')} as CSV`)
    .argument('<entity>', EXPORT_ENTITIES.join(' | '))
    .option('--out <file>', 'write to a file (default: stdout)')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (entity: string, opts: { out?: string; workspace?: string; dataDir?: string }) => {
      if (!EXPORT_ENTITIES.includes(entity as ExportEntity))
        fail(`unknown entity "${entity}"; use one of ${EXPORT_ENTITIES.join(', ')}`);
      await withDatabase(opts, async (database) => {
        const ctx = await pickWorkspace(database.db, opts.workspace);
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        const n = await exportCsv(
          ctx,
          entity as ExportEntity,
          (chunk) =>
            new Promise<void>((resolve) =>
              out.write(chunk) ? resolve() : out.once('drain', () => resolve()),
            ),
        );
        if (opts.out)
          await new Promise<void>((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
        process.stderr.write(`${n} ${entity} exported\n`);
      });
    });
}
