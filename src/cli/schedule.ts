// tracker schedule: run the pipeline unattended on the config's cron schedule.
import type { Command } from 'commander';
import { loadCommandConfig, globalOptions, lockDatabase, waitMs, UserError } from './context.ts';
import { resolveDatabasePath } from '../config/load.ts';
import { acquireFileLock, LockBusyError } from '../db/fileLock.ts';
import { pipelineOptions } from './stages.ts';

/** How long a scheduled job waits for a manual command using the database before it gives up. */
const JOB_WAIT_MS = 6 * 3600_000;

export function registerScheduleCommand(program: Command): void {
  program.command('schedule')
    .description('run unattended: crawl, extract and cluster on schedule.crawl, publish on schedule.publish')
    .option('--out <dir>', 'output folder for the site (default: config site.outDir, else site/dist)')
    .option('--once', 'run each job once now, then exit (for testing a deployment)')
    .action(async (options: { out?: string; once?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const [{ openDatabase, closeDatabase }, { runSchedule, validateJobs, ScheduleError }, { runPipeline, outputFolder }] = await Promise.all([
        import('../db/client.ts'), import('../schedule/scheduler.ts'), import('../pipeline.ts'),
      ]);
      const config = loadCommandConfig(global);
      const dbPath = resolveDatabasePath(global.db, config);
      const stageOptions = pipelineOptions({ ...global, out: options.out });
      outputFolder(config, dbPath, options.out);
      // One scheduler per database, for as long as it runs. The lock is the kernel's, so it goes
      // when the process goes, however it ends; a stale or garbled file blocks nothing.
      let schedulerLock;
      try {
        schedulerLock = await acquireFileLock(`${dbPath}.scheduler.lock`, { what: `the scheduler of ${dbPath}`, waitMs: waitMs(global) });
      } catch (error) {
        if (error instanceof LockBusyError) throw new UserError(`${error.message}; stop it first`);
        throw error;
      }
      try {
        const db = openDatabase(dbPath);
        // Every job takes the database's pipeline lock, shared with `tracker run` and the stage
        // commands: a manual run in progress delays a job, it does not run beside it.
        const locked = async (work: () => Promise<void>) => {
          const lock = await lockDatabase(dbPath, global, options.once ? waitMs(global) : JOB_WAIT_MS);
          try { await work(); } finally { lock?.release(); }
        };
        const jobs = [
          { name: 'crawl', expression: config.schedule.crawl, run: () => locked(async () => { await runPipeline({ db, config, dbPath }, { ...stageOptions, stages: ['crawl', 'extract', 'cluster'] }); }) },
          { name: 'publish', expression: config.schedule.publish, run: () => locked(async () => { await runPipeline({ db, config, dbPath }, { ...stageOptions, stages: ['publish'] }); }) },
        ];
        try {
          validateJobs(jobs);
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
        }
      } finally {
        schedulerLock.release();
      }
    });
}
