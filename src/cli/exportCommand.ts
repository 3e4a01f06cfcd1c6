// tracker export: the whole dataset as one JSON document on stdout.
import type { Command } from 'commander';
import { globalOptions, withDatabase, UserError } from './context.ts';
import { terminalText } from './terminal.ts';

export function registerExportCommand(program: Command): void {
  program.command('export')
    .description('print the whole dataset as one JSON document (see CONTRACT.md)')
    .option('--format <format>', 'output format (json)', 'json')
    .action(async (options: { format: string }, command: Command) => {
      if (options.format !== 'json') throw new UserError(`export: unknown format "${options.format}" (only json is supported)`);
      const { exportData } = await import('../publish/exportData.ts');
      await withDatabase(globalOptions(command), (db) => {
        const document = exportData(db, (message) => process.stderr.write(`warning: ${terminalText(message)}\n`));
        process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      });
    });
}
