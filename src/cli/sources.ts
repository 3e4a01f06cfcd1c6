// tracker sources: the health of every source; tracker sources import FILE.opml: add the feeds an
// OPML subscription list names to the database (kept and crawled beside the configured sources);
// tracker sources check: fetch each source once and say what it is, writing nothing;
// tracker sources errors: the log of fetch errors, newest first.
import fs from 'node:fs';
import type { Command } from 'commander';
import { sources } from '../../db/schema.ts';
import { globalOptions, withDatabase, readInputFile, loadCommandConfig, UserError } from './context.ts';
import type { TrackerDb } from '../db/client.ts';
import { resolveDatabasePath } from '../config/load.ts';
import type { SourceToCheck } from '../crawl/checkSources.ts';
import type { Config } from '../config/schema.ts';
import { terminalJson, terminalText } from './terminal.ts';

// A source's name, its last error and an OPML file's feed titles come from the web: every line
// printed goes through terminalText, JSON through terminalJson.
const print = (text: string) => process.stdout.write(`${terminalText(text)}\n`);
const printJson = (value: unknown) => process.stdout.write(`${terminalJson(value)}\n`);

interface PagesWaiting { fetched: number; pending: number; failed: number; skipped: number; gaveUp: number; nextRetry: string | null; reasons: Record<string, number> }
const emptyPages = (): PagesWaiting => ({ fetched: 0, pending: 0, failed: 0, skipped: 0, gaveUp: 0, nextRetry: null, reasons: {} });

/** Per source: its listed pages by state, when the next waiting one is retried, and why they wait. */
function pagesWaiting(db: TrackerDb): Map<number, PagesWaiting> {
  const bySource = new Map<number, PagesWaiting>();
  const rows = db.$client.prepare(`SELECT source_id AS sourceId, state, last_error_kind AS kind, count(*) AS n, min(next_attempt_at) AS next
    FROM crawl_items GROUP BY source_id, state, last_error_kind`).all() as { sourceId: number; state: string; kind: string | null; n: number; next: string | null }[];
  for (const row of rows) {
    const pages = bySource.get(row.sourceId) ?? emptyPages();
    bySource.set(row.sourceId, pages);
    if (row.state === 'fetched') { pages.fetched += row.n; continue; }
    if (row.state === 'pending') pages.pending += row.n;
    else if (row.state === 'failed') pages.failed += row.n;
    else if (row.state === 'skipped') pages.skipped += row.n;
    else if (row.state === 'gave-up') pages.gaveUp += row.n;
    if (row.kind) pages.reasons[row.kind] = (pages.reasons[row.kind] ?? 0) + row.n;
    if ((row.state === 'failed' || row.state === 'skipped') && row.next && (!pages.nextRetry || row.next < pages.nextRetry)) pages.nextRetry = row.next;
  }
  return bySource;
}

function pagesLine(pages: PagesWaiting | undefined): string {
  if (!pages) return '';
  const parts = [`${pages.fetched} fetched`];
  if (pages.pending) parts.push(`${pages.pending} pending (next run)`);
  if (pages.failed) parts.push(`${pages.failed} failed`);
  if (pages.skipped) parts.push(`${pages.skipped} skipped`);
  if (pages.gaveUp) parts.push(`${pages.gaveUp} given up`);
  const reasons = Object.entries(pages.reasons).map(([kind, n]) => `${kind} ${n}`).join(', ');
  const retry = pages.nextRetry ? `, next retry ${pages.nextRetry}` : '';
  return `\n  pages: ${parts.join(', ')}${reasons ? ` (${reasons})` : ''}${retry}`;
}

/** The sources to check: the config's, and the imported ones when the database exists. The
 * database is opened read-only and never created or migrated: a check leaves no trace. */
async function listSourcesToCheck(config: Config, dbPath: string): Promise<SourceToCheck[]> {
  const [{ sourcesToCheck }, { openDatabaseReadOnly, closeDatabase }] = await Promise.all([import('../crawl/checkSources.ts'), import('../db/client.ts')]);
  if (dbPath === ':memory:' || !fs.existsSync(dbPath)) return sourcesToCheck(config, null);
  let db: TrackerDb;
  try {
    db = openDatabaseReadOnly(dbPath);
  } catch (error) {
    throw new UserError(`cannot open database ${dbPath} to read its imported sources: ${(error as Error).message}`);
  }
  try {
    return sourcesToCheck(config, db);
  } catch (error) {
    throw new UserError(`cannot read the imported sources from ${dbPath}: ${(error as Error).message} (is it the tracker's database?)`);
  } finally {
    closeDatabase(db);
  }
}

export function registerSourcesCommand(program: Command): void {
  const group = program.command('sources')
    .description('list every source with its last fetch, status, failures, next attempt, items seen and last error; `sources import FILE` adds the feeds of an OPML file; `sources check` fetches each source once and reports its type')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      await withDatabase(options, (db) => {
        const rows = db.select().from(sources).orderBy(sources.url).all();
        const waiting = pagesWaiting(db);
        if (options.json) { printJson(rows.map(({ etag, lastModified, ...rest }) => ({ ...rest, pages: waiting.get(rest.id) ?? emptyPages() }))); return; }
        if (rows.length === 0) { print('no sources yet: add them to the config file (or `tracker sources import FILE.opml`) and run `tracker crawl`'); return; }
        for (const row of rows) {
          // One field per line: a newline inside a name or an error cannot start a line of its own.
          const field = (text: string) => terminalText(text.replace(/\s+/g, ' '));
          print(`${field(row.name ?? row.url)}${row.origin === 'import' ? ' (imported)' : ''}\n  ${field(row.url)}\n  kind ${row.kind}, status ${row.lastStatus ?? 'never fetched'}, last fetch ${row.lastFetchAt ?? '-'}, failures in a row ${row.consecutiveFailures}, next attempt ${row.nextAttemptAt ?? 'next run'}, items seen ${row.itemsSeen}${row.lastError ? `\n  last error: ${field(row.lastError)}` : ''}${pagesLine(waiting.get(row.id))}`);
        }
      });
    });

  group.command('import')
    // main.ts sets this on top-level commands only; a nested one needs its own, or a usage error exits the process.
    .exitOverride()
    .description('add every feed listed in an OPML file (nested outlines too) to the database; they are crawled with the configured sources')
    .argument('<file>', 'OPML file')
    .action(async (file: string, _options, command: Command) => {
      const [{ importOpml }, { FeedParseError }, { decodeBody }] = await Promise.all([import('../crawl/sources.ts'), import('../crawl/feed.ts'), import('../crawl/charset.ts')]);
      const options = globalOptions(command);
      const bytes = readInputFile(file);
      await withDatabase(options, (db) => {
        let summary;
        try {
          summary = importOpml(db, decodeBody(bytes, null).text, file);
        } catch (error) {
          if (error instanceof FeedParseError) throw new UserError(terminalText(`${error.message} (expected an OPML file with <outline xmlUrl="…"> entries)`), 'opml');
          throw error;
        }
        if (options.json) { printJson(summary); return; }
        if (summary.found === 0) throw new UserError(terminalText(`${file}: no feeds found (expected <outline xmlUrl="…"> entries)`), 'opml');
        print(`sources import: ${summary.found} feeds in ${file}: ${summary.added} added, ${summary.alreadyPresent} already present`);
      }, 'write');
    });

  group.command('errors')
    .exitOverride()
    .description('the log of fetch and parse errors recorded against sources, newest first (each with its time, kind, page and message)')
    .option('--source <url>', 'only the errors of the source with this URL (or name)')
    .option('--limit <n>', 'at most this many errors', '50')
    .action(async (commandOptions: { source?: string; limit: string }, command: Command) => {
      const options = globalOptions(command);
      const limit = Number(commandOptions.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UserError(`sources errors: --limit must be a positive whole number, not "${commandOptions.limit}"`, 'usage');
      await withDatabase(options, (db) => {
        const filter = commandOptions.source;
        if (filter !== undefined && !db.$client.prepare('SELECT 1 FROM sources WHERE url = ? OR name = ?').get(filter, filter)) {
          throw new UserError(`sources errors: no source with URL or name "${filter}" (see \`tracker sources\`)`, 'usage');
        }
        const rows = db.$client.prepare(`SELECT e.at, e.kind, e.url, e.message, s.url AS source, s.name AS sourceName
          FROM fetch_errors e LEFT JOIN sources s ON s.id = e.source_id
          WHERE (? IS NULL OR s.url = ? OR s.name = ?) ORDER BY e.at DESC, e.id DESC LIMIT ?`)
          .all(filter ?? null, filter ?? null, filter ?? null, limit) as { at: string; kind: string; url: string; message: string; source: string | null; sourceName: string | null }[];
        if (options.json) { printJson(rows); return; }
        if (rows.length === 0) { print(filter ? `no fetch errors recorded for ${filter}` : 'no fetch errors recorded'); return; }
        const field = (text: string) => terminalText(text.replace(/\s+/g, ' '));
        for (const row of rows) print(`${row.at}  ${row.kind}  ${field(row.url)}\n  ${field(row.message)}${row.source ? `\n  source: ${field(row.sourceName ?? row.source)}` : ''}`);
      });
    });

  group.command('check')
    .exitOverride()
    .description('fetch every configured and imported source once (obeying robots.txt) and report its detected type, item count and any error; stores nothing in the database; exit 0 even when sources fail')
    .action(async (_options, command: Command) => {
      const options = globalOptions(command);
      const config = loadCommandConfig(options);
      const list = await listSourcesToCheck(config, resolveDatabasePath(options.db, config));
      const { checkSources, describeCheck } = await import('../crawl/checkSources.ts');
      if (list.length === 0) {
        if (options.json) printJson([]);
        else print('sources check: no sources to check: add them to the config file (or `tracker sources import FILE.opml`)');
        return;
      }
      if (!options.json) process.stderr.write(`checking ${list.length} source${list.length === 1 ? '' : 's'}…\n`);
      const checks = await checkSources(config, list);
      if (options.json) { printJson(checks); return; }
      // One line per source, in config order then imports; a newline inside a name or an error
      // message from the web cannot start a line of its own.
      for (const check of checks) print(describeCheck(check).replace(/\s+/g, ' '));
      const failed = checks.filter((check) => !check.ok).length;
      process.stderr.write(`${terminalText(`sources check: ${checks.length} checked, ${checks.length - failed} ok, ${failed} failed; nothing was stored`)}\n`);
    });
}
