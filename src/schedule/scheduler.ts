// The long-running scheduler: crawl (with extract and stories) and publish on the config's cron
// expressions. Jobs never overlap: one runs at a time in this process; the command (cli/schedule.ts)
// holds a scheduler lock for its life and the database's pipeline lock for each job.
import cron from 'node-cron';
import { TrackerError } from '../errors.ts';

export class ScheduleError extends TrackerError {
  constructor(message: string) { super('schedule', message); }
}

export interface ScheduledJob { name: string; expression: string; run: () => Promise<void> }

export function validateJobs(jobs: ScheduledJob[]): void {
  for (const job of jobs) {
    if (!cron.validate(job.expression)) throw new ScheduleError(`schedule.${job.name}: "${job.expression}" is not a valid cron expression`);
  }
}

/** Starts the jobs and resolves when the process is asked to stop (SIGINT/SIGTERM) or `signal` aborts. */
export async function runSchedule(jobs: ScheduledJob[], log: (line: string) => void, signal?: AbortSignal): Promise<void> {
  validateJobs(jobs);
  let chain = Promise.resolve();
  const tasks = jobs.map((job) => cron.schedule(job.expression, () => {
    // Serialise: a job that fires while another runs waits for it instead of overlapping.
    chain = chain.then(async () => {
      const started = Date.now();
      log(`${new Date().toISOString()} ${job.name}: starting`);
      try {
        await job.run();
        log(`${new Date().toISOString()} ${job.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        log(`${new Date().toISOString()} ${job.name}: failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }, { name: job.name }));
  log(`scheduler started: ${jobs.map((job) => `${job.name} "${job.expression}"`).join(', ')}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  for (const task of tasks) await task.stop();
  await chain;
  log('scheduler stopped');
}
