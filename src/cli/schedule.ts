// tracker schedule: run the pipeline unattended on the config's cron schedule.
import type { Command } from 'commander';
import { loadCommandConfig, globalOptions, UserError } from './context.ts';
import { resolveDatabasePath } from '../config/load.ts';
import { openDatabase, closeDatabase } from '../db/client.ts';
import { acquireLock, runSchedule, ScheduleError } from '../schedule/scheduler.ts';
import { runCrawl, runExtract, runStories, runPublish } from './stages.ts';

export function registerScheduleCommand(program: Command): void {
  program.command('schedule')
    .description('run unattended: crawl, extract and cluster on schedule.crawl, publish on schedule.publish')
    .option('--out <dir>', 'output folder for the site (default: config site.outDir, else site/dist)')
    .option('--once', 'run each job once now, then exit (for testing a deployment)')
    .action(async (options: { out?: string; once?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const config = loadCommandConfig(global);
      const dbPath = resolveDatabasePath(global.db, config);
      let release: () => void;
      try {
        release = acquireLock(`${dbPath}.lock`);
      } catch (error) {
        throw new UserError(error instanceof Error ? error.message : String(error));
      }
      const db = openDatabase(dbPath);
      const stageOptions = { ...global, out: options.out };
      const jobs = [
        { name: 'crawl', expression: config.schedule.crawl, run: async () => { await runCrawl(db, config, stageOptions); runExtract(db, config, stageOptions); runStories(db, config, stageOptions); } },
        { name: 'publish', expression: config.schedule.publish, run: async () => { await runPublish(db, config, dbPath, stageOptions); } },
      ];
      try {
        if (options.once) {
          for (const job of jobs) await job.run();
        } else {
          await runSchedule(jobs, (line) => process.stdout.write(`${line}\n`));
        }
      } catch (error) {
        if (error instanceof ScheduleError) throw new UserError(error.message);
        throw error;
      } finally {
        closeDatabase(db);
        release();
      }
    });
}
