// The pipeline stages as commands: crawl, extract, cluster, publish, and run (all of them). The
// order of the stages and the record of each run live in src/pipeline.ts.
import type { Command } from 'commander';
import type { StageName, PipelineOptions } from '../pipeline.ts';
import { globalOptions, withDatabase, say, log, waitMs, type GlobalOptions } from './context.ts';

/** What a stage command prints as it goes: the stage's summary line, and progress on stderr. */
export function pipelineOptions(options: GlobalOptions & { force?: boolean; all?: boolean; out?: string }): PipelineOptions {
  return {
    force: options.force, all: options.all, out: options.out,
    publishWaitMs: Math.max(waitMs(options), 60_000),
    report: (line) => say(options, line), log: log(options),
  };
}

function stageCommand(program: Command, stage: StageName, description: string, flags: [string, string][]): void {
  const command = program.command(stage).description(description);
  for (const [flag, help] of flags) command.option(flag, help);
  command.action(async (_options, self: Command) => {
    const options = globalOptions(self) as GlobalOptions & { force?: boolean; all?: boolean; out?: string };
    const { runPipeline } = await import('../pipeline.ts');
    await withDatabase(options, async (db, config, dbPath) => {
      const summaries = await runPipeline({ db, config, dbPath }, { ...pipelineOptions(options), stages: [stage] });
      if (options.json) process.stdout.write(`${JSON.stringify(summaries[stage])}\n`);
    }, 'write');
  });
}

export function registerStageCommands(program: Command): void {
  stageCommand(program, 'crawl', 'fetch the configured and imported sources and the article pages they list (robots.txt obeyed)', [
    ['--force', 'fetch sources even when their backoff (after failures or a Retry-After) says to wait, without their validators, and retry every waiting page now'],
  ]);
  stageCommand(program, 'extract', 'extract articles, topics and facts from the stored pages (no refetching)', [
    ['--all', 're-extract every stored page, not only new or changed ones'],
  ]);
  stageCommand(program, 'cluster', 'group new articles into stories and assemble the explainers', [
    ['--all', 'reassemble every explainer, not only the changed ones'],
  ]);
  stageCommand(program, 'publish', 'build the static site from the database', [
    ['--out <dir>', 'output folder (default: config site.outDir, else site/dist)'],
    ['--force', 'build even when nothing changed since the last build'],
  ]);
  program.command('run')
    .description('one full pass: crawl, extract, cluster, publish')
    .option('--out <dir>', 'output folder for the site (default: config site.outDir, else site/dist)')
    .option('--force', 'fetch sources in backoff and rebuild the site even if unchanged')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command) as GlobalOptions & { out?: string; force?: boolean };
      const { runPipeline, outputFolder } = await import('../pipeline.ts');
      await withDatabase(options, async (db, config, dbPath) => {
        outputFolder(config, dbPath, options.out);
        const started = performance.now();
        const summaries = await runPipeline({ db, config, dbPath }, pipelineOptions(options));
        say(options, `run: done in ${((performance.now() - started) / 1000).toFixed(1)} s; site in ${summaries.publish!.outDir}`);
        if (options.json) process.stdout.write(`${JSON.stringify(summaries)}\n`);
      }, 'write');
    });
}
