import { Command } from 'commander';
import { registerAdminCommands } from './admin-commands.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerMrrReportCommand } from './report-mrr-command.ts';
import { registerStartCommand } from './start-command.ts';

const program = new Command()
  .name('baton')
  .description(
    'Baton: revenue operations for THE MODEL (Marketing → Inside Sales → Field Sales → Customer Success)',
  )
  .showHelpAfterError();

registerStartCommand(program);
registerDemoCommand(program);
registerAdminCommands(program);
registerMrrReportCommand(program);

await program.parseAsync(process.argv);
