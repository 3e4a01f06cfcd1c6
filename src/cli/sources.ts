// tracker sources: the health of every source; tracker sources import FILE.opml: add the feeds an
// OPML subscription list names to the database (kept and crawled beside the configured sources).
import type { Command } from 'commander';
import { sources } from '../../db/schema.ts';
import { importOpml } from '../crawl/sources.ts';
import { FeedParseError } from '../crawl/feed.ts';
import { decodeBody } from '../crawl/charset.ts';
import { globalOptions, withDatabase, readInputFile, UserError } from './context.ts';
import { terminalJson, terminalText } from './terminal.ts';

// A source's name, its last error and an OPML file's feed titles come from the web: every line
// printed goes through terminalText, JSON through terminalJson.
const print = (text: string) => process.stdout.write(`${terminalText(text)}\n`);
const printJson = (value: unknown) => process.stdout.write(`${terminalJson(value)}\n`);

export function registerSourcesCommand(program: Command): void {
  const group = program.command('sources')
    .description('list every source with its last fetch, status, failures, next attempt, items seen and last error; `sources import FILE` adds the feeds of an OPML file')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      await withDatabase(options, (db) => {
        const rows = db.select().from(sources).orderBy(sources.url).all();
        if (options.json) { printJson(rows.map(({ etag, lastModified, ...rest }) => rest)); return; }
        if (rows.length === 0) { print('no sources yet: add them to the config file (or `tracker sources import FILE.opml`) and run `tracker crawl`'); return; }
        for (const row of rows) {
          // One field per line: a newline inside a name or an error cannot start a line of its own.
          const field = (text: string) => terminalText(text.replace(/\s+/g, ' '));
          print(`${field(row.name ?? row.url)}${row.origin === 'import' ? ' (imported)' : ''}\n  ${field(row.url)}\n  kind ${row.kind}, status ${row.lastStatus ?? 'never fetched'}, last fetch ${row.lastFetchAt ?? '-'}, failures in a row ${row.consecutiveFailures}, next attempt ${row.nextAttemptAt ?? 'next run'}, items seen ${row.itemsSeen}${row.lastError ? `\n  last error: ${field(row.lastError)}` : ''}`);
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
          if (error instanceof FeedParseError) throw new UserError(terminalText(`${error.message} (expected an OPML file with <outline xmlUrl="…"> entries)`));
          throw error;
        }
        if (options.json) { printJson(summary); return; }
        if (summary.found === 0) throw new UserError(terminalText(`${file}: no feeds found (expected <outline xmlUrl="…"> entries)`));
        print(`sources import: ${summary.found} feeds in ${file}: ${summary.added} added, ${summary.alreadyPresent} already present`);
      });
    });
}
