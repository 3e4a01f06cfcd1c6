// The `tracker` command: global options, the commands, and the rule that a user mistake ends in
// one line on stderr and exit status 1, never a stack trace.
import { Command, CommanderError } from 'commander';
import { isUserError } from './context.ts';
import { terminalText, terminalJson } from './terminal.ts';
import { errorJson, errorLine } from '../errors.ts';
import { registerStageCommands } from './stages.ts';
import { registerParserCommands } from './parsers.ts';
import { registerExportCommand } from './exportCommand.ts';
import { registerSourcesCommand } from './sources.ts';
import { registerDemoCommand } from './demo.ts';
import { registerScheduleCommand } from './schedule.ts';
import { registerEditorialCommands } from './editorial.ts';

export function buildProgram(): Command {
  const program = new Command('tracker')
    .description('News-and-policy tracker for AI distillation disputes and AI export controls')
    .option('--config <file>', 'YAML config (default ./tracker.config.yaml when it exists, else built-in defaults)')
    .option('--db <file>', 'SQLite database (default: config database, else $TRACKER_DB, else db/tracker.sqlite)')
    .option('--json', 'machine-readable output where the command prints results')
    .option('--wait <seconds>', 'when another tracker command is writing the same database, wait up to SECONDS for it (default: fail at once, naming it)')
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError()
    .exitOverride();
  registerStageCommands(program);
  registerExportCommand(program);
  registerParserCommands(program);
  registerSourcesCommand(program);
  registerEditorialCommands(program);
  registerScheduleCommand(program);
  registerDemoCommand(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; Commander already printed its message.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : 1;
    }
    if (isUserError(error)) {
      // One shape for every command: a line, or with --json one JSON object, on stderr.
      if (argv.includes('--json')) process.stderr.write(`${terminalJson(errorJson(error))}\n`);
      else process.stderr.write(`tracker: ${terminalText(errorLine(error))}\n`);
      return 1;
    }
    process.stderr.write(`tracker: unexpected error: ${terminalText(error instanceof Error ? error.stack ?? error.message : String(error))}\n`);
    return 1;
  }
}
