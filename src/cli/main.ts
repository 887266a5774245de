import { Command } from 'commander';
import { registerAdminCommands } from './admin-commands.ts';
import { registerAuditCommand } from './audit-command.ts';
import { registerDemoCommand } from './demo-command.ts';
import { registerImportExportCommands } from './import-export-commands.ts';
import { registerPlanCommand } from './plan-command.ts';
import { registerReportCommand } from './report-command.ts';
import { registerMrrReportCommand } from './report-mrr-command.ts';
import { registerStagesCommand } from './stages-command.ts';
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
registerPlanCommand(program);
registerAuditCommand(program);
registerStagesCommand(program);
registerImportExportCommands(program);
registerReportCommand(program);
registerMrrReportCommand(program);

await program.parseAsync(process.argv);
