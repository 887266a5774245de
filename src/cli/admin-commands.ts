import type { Command } from 'commander';
import { ROLES, type Role } from '../platform/context.ts';
import { DomainError } from '../platform/errors.ts';
import { createApiToken } from '../workspace/create-api-token.ts';
import { createUser } from '../workspace/manage-users.ts';
import { generatePassword } from '../workspace/passwords.ts';
import { listWorkspaces, usersStore } from '../workspace/store.ts';
import { pickWorkspace } from './pick-workspace.ts';
import { fail, withDatabase } from './with-database.ts';

function parseRoles(list: string): Role[] {
  const roles = list
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) fail(`unknown role ${unknown.join(', ')}; use any of ${ROLES.join(', ')}`);
  return roles as Role[];
}

export function registerAdminCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (opts: { dataDir?: string }) => {
      await withDatabase(opts, async (database) => {
        process.stdout.write(`Migrations applied (${database.kind}: ${database.location}).\n`);
      });
    });

  program
    .command('workspaces')
    .description('List workspaces')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (opts: { dataDir?: string }) => {
      await withDatabase(opts, async (database) => {
        for (const ws of await listWorkspaces(database.db))
          process.stdout.write(`${ws.slug}\t${ws.name}\t${ws.id}\n`);
      });
    });

  const user = program.command('user').description('Manage users');
  user
    .command('add')
    .description('Add a user to a workspace')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--role <roles>', `comma-separated roles: ${ROLES.join(', ')}`, '')
    .option('--password <password>', 'initial password (default: generated and printed)')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(
      async (opts: {
        email: string;
        name: string;
        role: string;
        password?: string;
        workspace?: string;
        dataDir?: string;
      }) => {
        await withDatabase(opts, async (database) => {
          const ctx = await pickWorkspace(database.db, opts.workspace);
          const password = opts.password ?? generatePassword();
          try {
            const created = await createUser(ctx, {
              email: opts.email,
              displayName: opts.name,
              password,
              roles: parseRoles(opts.role).map((role) => ({ role })),
            });
            process.stdout.write(
              `Added ${created.email} (${created.roles.map((r) => r.role).join(', ') || 'no role'}).\n`,
            );
            if (!opts.password) process.stdout.write(`Password: ${password}\n`);
          } catch (err) {
            if (err instanceof DomainError)
              fail(`${err.message} ${err.details.map((d) => `[${d.path}: ${d.message}]`).join(' ')}`);
            if ((err as { issues?: unknown }).issues)
              fail(`invalid input: ${JSON.stringify((err as { issues: unknown }).issues)}`);
            throw err;
          }
        });
      },
    );

  const token = program.command('token').description('Manage API tokens');
  token
    .command('create')
    .description('Create a bearer API token for a user (printed once)')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--workspace <slug>', 'workspace slug (default: the first)')
    .option('--data-dir <dir>', 'embedded database directory')
    .action(async (opts: { email: string; name: string; workspace?: string; dataDir?: string }) => {
      await withDatabase(opts, async (database) => {
        const ctx = await pickWorkspace(database.db, opts.workspace);
        const page = await usersStore.list(ctx, { limit: 2, sort: 'email', q: opts.email, filters: {} });
        const found = page.items.find((u) => u.email.toLowerCase() === opts.email.toLowerCase());
        if (!found) fail(`no user ${opts.email} in this workspace; add one with \`baton user add\``);
        const created = await createApiToken(ctx, { userId: found.id, name: opts.name });
        process.stdout.write(`${created.token}\n`);
      });
    });
}
