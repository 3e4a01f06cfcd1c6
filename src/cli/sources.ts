// tracker sources: the health of every source.
import type { Command } from 'commander';
import { sources } from '../../db/schema.ts';
import { globalOptions, withDatabase } from './context.ts';

export function registerSourcesCommand(program: Command): void {
  program.command('sources')
    .description('list every source with its last fetch, status, failures, next attempt, items seen and last error')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      await withDatabase(options, (db) => {
        const rows = db.select().from(sources).orderBy(sources.url).all();
        if (options.json) { process.stdout.write(`${JSON.stringify(rows.map(({ etag, lastModified, ...rest }) => rest))}\n`); return; }
        if (rows.length === 0) { process.stdout.write('no sources yet: add them to the config file and run `tracker crawl`\n'); return; }
        for (const row of rows) {
          process.stdout.write(`${row.name ?? row.url}\n  ${row.url}\n  kind ${row.kind}, status ${row.lastStatus ?? 'never fetched'}, last fetch ${row.lastFetchAt ?? '-'}, failures in a row ${row.consecutiveFailures}, next attempt ${row.nextAttemptAt ?? 'next run'}, items seen ${row.itemsSeen}${row.lastError ? `\n  last error: ${row.lastError}` : ''}\n`);
        }
      });
    });
}
