import type { Command } from 'commander';
import { verifyAuditChain } from '../platform/audit/verify-audit.ts';
import { systemContext } from '../platform/context.ts';
import { getWorkspaceBySlug, listWorkspaces } from '../workspace/store.ts';
import { fail, withDatabase } from './with-database.ts';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('Check the audit trail');
  audit
    .command('verify')
    .description('Re-compute every workspace’s audit hash chain; exits 1 naming the first broken row')
    .option('--workspace <slug>', 'only this workspace')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (opts: { workspace?: string; dataDir?: string }) => {
      let broken = false;
      await withDatabase(opts, async (database) => {
        const all = await listWorkspaces(database.db);
        const chosen = opts.workspace ? all.filter((w) => w.slug === opts.workspace) : all;
        if (opts.workspace && !(await getWorkspaceBySlug(database.db, opts.workspace)))
          fail(`no workspace with the slug "${opts.workspace}"; list them with \`baton workspaces\``);
        for (const ws of chosen) {
          const result = await verifyAuditChain(systemContext(database.db, ws.id, 'cli'));
          if (result.broken) {
            const b = result.broken;
            broken = true;
            process.stderr.write(
              `${ws.slug}: BROKEN at audit row seq ${b.seq} (id ${b.id}, ${b.action} at ${b.at.toISOString()}): ` +
                `${b.problem === 'prev_hash_mismatch' ? 'its link to the previous row does not match (a row before it was removed or inserted)' : 'its content does not match its hash (the row was edited)'}; ` +
                `${result.rows} rows before it check out.\n`,
            );
          } else {
            process.stdout.write(
              `${ws.slug}: ok, ${result.rows} rows${result.redacted ? ` (${result.redacted} redacted by erasure)` : ''}\n`,
            );
          }
        }
      });
      if (broken) process.exit(1);
    });
}
