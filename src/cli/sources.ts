// tracker sources: the health of every source; tracker sources import FILE.opml: add the feeds an
// OPML subscription list names to the database (kept and crawled beside the configured sources).
import type { Command } from 'commander';
import { sources } from '../../db/schema.ts';
import { importOpml } from '../crawl/sources.ts';
import { FeedParseError } from '../crawl/feed.ts';
import { decodeBody } from '../crawl/charset.ts';
import { globalOptions, withDatabase, readInputFile, UserError } from './context.ts';

export function registerSourcesCommand(program: Command): void {
  const group = program.command('sources')
    .description('list every source with its last fetch, status, failures, next attempt, items seen and last error; `sources import FILE` adds the feeds of an OPML file')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      await withDatabase(options, (db) => {
        const rows = db.select().from(sources).orderBy(sources.url).all();
        if (options.json) { process.stdout.write(`${JSON.stringify(rows.map(({ etag, lastModified, ...rest }) => rest))}\n`); return; }
        if (rows.length === 0) { process.stdout.write('no sources yet: add them to the config file (or `tracker sources import FILE.opml`) and run `tracker crawl`\n'); return; }
        for (const row of rows) {
          process.stdout.write(`${row.name ?? row.url}${row.origin === 'import' ? ' (imported)' : ''}\n  ${row.url}\n  kind ${row.kind}, status ${row.lastStatus ?? 'never fetched'}, last fetch ${row.lastFetchAt ?? '-'}, failures in a row ${row.consecutiveFailures}, next attempt ${row.nextAttemptAt ?? 'next run'}, items seen ${row.itemsSeen}${row.lastError ? `\n  last error: ${row.lastError}` : ''}\n`);
        }
      });
    });

  group.command('import')
    // main.ts sets this on top-level commands only; a nested one needs its own, or a usage error exits the process.
    .exitOverride()
    .description('add every feed listed in an OPML file (nested outlines too) to the database; they are crawled with the configured sources')
    .argument('<file>', 'OPML file')
    .action(async (file: string, _options, command: Command) => {
      const options = globalOptions(command);
      const bytes = readInputFile(file);
      await withDatabase(options, (db) => {
        let summary;
        try {
          summary = importOpml(db, decodeBody(bytes, null).text, file);
        } catch (error) {
          if (error instanceof FeedParseError) throw new UserError(`${error.message} (expected an OPML file with <outline xmlUrl="…"> entries)`);
          throw error;
        }
        if (options.json) { process.stdout.write(`${JSON.stringify(summary)}\n`); return; }
        if (summary.found === 0) throw new UserError(`${file}: no feeds found (expected <outline xmlUrl="…"> entries)`);
        process.stdout.write(`sources import: ${summary.found} feeds in ${file}: ${summary.added} added, ${summary.alreadyPresent} already present\n`);
      });
    });
}
