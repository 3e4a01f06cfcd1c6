// The editors' commands: `tracker facts` (what was extracted from an article, with the keys to
// correct), `tracker correct` (record a correction or hide a fact) and `tracker entities` (the
// curated registry, extendable from the command line).
import os from 'node:os';
import type { Command } from 'commander';
import { collectArticleFacts, type AppliedCorrection, type ArticleFacts } from '../editorial/articleFacts.ts';
import { recordCorrection, listCorrections, FACT_KEY_PREFIXES } from '../editorial/correct.ts';
import {
  listRegistry, addRegistryEntity, removeRegistryEntity, detectedEntities, isEntityType, ENTITY_TYPES, BUILT_IN_REGISTRY_FILE,
  type RegistryListing, type RegistryChange,
} from '../editorial/registry.ts';
import { globalOptions, withDatabase, UserError, type GlobalOptions } from './context.ts';
import { terminalJson, terminalText } from './terminal.ts';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

function defaultEditor(): string {
  if (process.env.TRACKER_EDITOR?.trim()) return process.env.TRACKER_EDITOR.trim();
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'editor';
  }
}

/** One human-readable line; text from the web in it cannot act on the terminal. */
function write(line = ''): void {
  process.stdout.write(`${terminalText(line)}\n`);
}

/**
 * withDatabase, with one more rule: an error's message can quote stored text (a fact's current
 * value, an entity's name) and main.ts prints it as it is, so it is made terminal-safe on the way out.
 */
async function withDb<T>(options: GlobalOptions, work: Parameters<typeof withDatabase<T>>[1], access: 'read' | 'write' = 'read'): Promise<T> {
  try {
    return await withDatabase(options, work, access);
  } catch (error) {
    if (error instanceof Error) error.message = terminalText(error.message);
    throw error;
  }
}

/** The --json output: one JSON document, with the characters a terminal acts on escaped. */
function writeJson(value: unknown): void {
  process.stdout.write(`${terminalJson(value)}\n`);
}

function quoted(text: string): string {
  return `“${text.replace(/\s+/g, ' ').trim()}”`;
}

function correctionLine(correction: AppliedCorrection): string {
  const change = correction.hidden ? 'hidden' : `corrected ${correction.field}: ${correction.before ?? '(empty)'} → ${correction.after ?? '(empty)'}`;
  return `${change} (${correction.editor}, ${correction.at.slice(0, 10)}: ${correction.reason})`;
}

/** The status tag after a key, then one indented line per correction. */
function status(fact: { hidden: boolean; corrections: AppliedCorrection[] }): string {
  if (fact.hidden) return '[hidden] ';
  return fact.corrections.length ? '[corrected] ' : '';
}

function correctionLines(fact: { corrections: AppliedCorrection[] }, indent: string): void {
  for (const correction of fact.corrections) write(`${indent}${correctionLine(correction)}`);
}

function printArticleFacts(facts: ArticleFacts): void {
  const { article } = facts;
  write(`${article.id}  ${article.title}`);
  write(`  ${article.outlet}, ${article.publishedAt ?? 'undated'}, ${article.url}`);
  const notes = [
    article.story ? `story ${article.story.slug}` : 'in no story',
    article.duplicateOf ? `syndicated copy of ${article.duplicateOf}` : null,
    article.factsAt ? `facts extracted ${article.factsAt}` : 'facts not extracted yet (next `tracker extract`)',
  ].filter(Boolean);
  write(`  ${notes.join('; ')}`);
  const width = Math.max(8, ...[...facts.entities, ...facts.figures, ...facts.events, ...facts.quotes, ...facts.claims, ...facts.viewpoints].map((fact) => fact.key.length));
  const pad = (key: string) => key.padEnd(width);
  const indent = ' '.repeat(width + 4);

  write();
  write(`Topics (${facts.topics.length})`);
  if (facts.topics.length === 0) write('  none: facts are extracted from on-topic articles only');
  for (const topic of facts.topics) write(`  ${topic.topic}  score ${topic.score}  cues: ${topic.cues.join(', ') || '-'}`);

  write();
  write(`Entities (${facts.entities.length})`);
  for (const entity of facts.entities) {
    const mentions = entity.mentions.map(({ surface, count }) => (count > 1 ? `${surface} ×${count}` : surface)).join(', ');
    write(`  ${pad(entity.key)}  ${status(entity)}${entity.name}  ${entity.type}, ${entity.origin}  mentions: ${mentions}`);
    correctionLines(entity, indent);
  }

  write();
  write(`Figures (${facts.figures.length})`);
  for (const figure of facts.figures) {
    const parts = [`label ${figure.label}`, figure.qualifier ? `qualifier ${figure.qualifier}` : null, figure.claimant ? `claimant ${figure.claimant}` : null].filter(Boolean);
    write(`  ${pad(figure.key)}  ${status(figure)}${figure.value} ${figure.unit}  ${quoted(figure.text)}  ${parts.join(', ')}`);
    correctionLines(figure, indent);
  }

  write();
  write(`Events (${facts.events.length})`);
  for (const event of facts.events) {
    const when = `${event.date} (${event.precision}${event.endDate ? `, until ${event.endDate}` : ''})`;
    write(`  ${pad(event.key)}  ${status(event)}${when}  ${event.text}`);
    correctionLines(event, indent);
  }

  write();
  write(`Quotes (${facts.quotes.length})`);
  for (const quote of facts.quotes) {
    const speaker = quote.speaker ? `${quote.speaker}${quote.speakerRole ? ` (${quote.speakerRole})` : ''}` : 'no speaker found';
    write(`  ${pad(quote.key)}  ${status(quote)}${speaker}: ${quoted(quote.text)}`);
    correctionLines(quote, indent);
  }

  write();
  write(`Claims (${facts.claims.length})`);
  for (const claim of facts.claims) {
    const who = claim.claimant ? `${claim.claimant}${claim.speaker && claim.speaker !== claim.claimant ? ` (${claim.speaker})` : ''}` : 'no claimant found';
    write(`  ${pad(claim.key)}  ${status(claim)}${who} ${claim.stance}${claim.quote ? ', quoted' : ''}: ${claim.quote ? quoted(claim.text) : claim.text}`);
    correctionLines(claim, indent);
  }

  write();
  write(`Viewpoints (${facts.viewpoints.length})`);
  for (const viewpoint of facts.viewpoints) {
    write(`  ${pad(viewpoint.key)}  ${status(viewpoint)}${viewpoint.topic}/${viewpoint.label}  score ${viewpoint.score}  cues: ${viewpoint.cues.join(', ') || '-'}`);
    correctionLines(viewpoint, indent);
  }
  write();
  write('Correct a fact with `tracker correct KEY --set FIELD=VALUE --reason TEXT` or hide it with `tracker correct KEY --hide --reason TEXT`.');
}

function registerFactsCommand(program: Command): void {
  program.command('facts')
    .description('every fact extracted from an article (entities, figures, events, quotes, claims, viewpoints, topics), each with the key `tracker correct` takes')
    .argument('<article>', 'article id (a_…) or its URL')
    .action(async (reference: string, _options, command: Command) => {
      const options = globalOptions(command);
      await withDb(options, (db) => {
        const facts = collectArticleFacts(db, reference);
        if (options.json) writeJson(facts);
        else printArticleFacts(facts);
      });
    });
}

function registerCorrectCommand(program: Command): void {
  program.command('correct')
    .description('record an editor\'s correction of a fact (or hide it); applied to the export at once, to stories and the site on the next cluster/run; `--list` lists the corrections')
    .argument('[key]', `stable key of the fact (${FACT_KEY_PREFIXES.map((prefix) => `${prefix}…`).join(', ')}), as \`tracker facts\` prints it`)
    .option('--set <field=value>', 'new value of a field, repeatable (figure value/unit/label/text/claimant; event date/precision/text; quote speaker/text; viewpoint label/score; entity name/type)', collect)
    .option('--hide', 'drop the fact from every output')
    .option('--reason <text>', 'why: published with the correction (required)')
    .option('--editor <name>', 'who corrects (default: $TRACKER_EDITOR, else the OS user name)')
    .option('--list', 'list the recorded corrections, newest first (of KEY only, when given)')
    .action(async (key: string | undefined, _options, command: Command) => {
      const options = globalOptions(command) as GlobalOptions & { set?: string[]; hide?: boolean; reason?: string; editor?: string; list?: boolean };
      if (options.list) {
        await withDb(options, (db) => printCorrectionList(options, listCorrections(db, key)));
        return;
      }
      if (!key) throw new UserError('give the key of the fact to correct (`tracker facts <article>` lists them), or --list');
      if (options.reason === undefined) throw new UserError('say why with --reason TEXT: the reason is published with the correction');
      await withDb(options, (db, config) => {
        const result = recordCorrection(db, config, {
          key, set: options.set ?? [], hide: !!options.hide, reason: options.reason ?? '', editor: options.editor ?? defaultEditor(),
        });
        if (options.json) { writeJson(result); return; }
        write(`correct: ${result.kind} ${result.key}${result.articleId ? ` in ${result.articleId}` : ''}: ${result.fact}`);
        for (const correction of result.corrections) {
          write(correction.hidden ? '  hidden: dropped from the export, the stories and the site' : `  ${correction.field}: ${correction.before ?? '(empty)'} → ${correction.after ?? '(empty)'}`);
        }
        const first = result.corrections[0];
        write(`  by ${first.editor} at ${first.at}: ${first.reason}`);
        for (const note of result.notes) write(`  note: ${note}`);
        write('Recorded. `tracker export` applies it now; the next `tracker cluster` or `tracker run` reassembles the stories that use it and republishes them.');
      });
    });
}

function printCorrectionList(options: GlobalOptions, rows: ReturnType<typeof listCorrections>): void {
  if (options.json) { writeJson(rows); return; }
  if (rows.length === 0) { write('no corrections recorded yet'); return; }
  for (const row of rows) {
    const change = row.hidden ? `hidden${row.before ? `: ${row.before}` : ''}` : `${row.field}: ${row.before ?? '(empty)'} → ${row.after ?? '(empty)'}`;
    write(`${row.at}  ${row.target}  ${change}  (${row.editor}: ${row.reason})  [${row.id}]`);
  }
}

function describeEntry(entry: RegistryListing): string {
  const origin = entry.origin === 'built-in' ? 'built-in'
    : `${entry.origin === 'added' ? 'added' : 'built-in, extended'} by ${entry.addedBy} ${entry.addedAt?.slice(0, 10)}`;
  const parts = [
    `${entry.name}  ${entry.type}${entry.builtInType ? ` (built-in: ${entry.builtInType})` : ''}  ${origin}`,
    entry.aliases.length ? `aliases: ${entry.aliases.join(', ')}` : null,
    entry.note ? `note: ${entry.note}` : null,
  ];
  return parts.filter(Boolean).join('  ');
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit ${value}: give a whole number of at least 1`);
  return limit;
}

function checkType(type: string | undefined): void {
  if (type !== undefined && !isEntityType(type)) throw new UserError(`unknown entity type "${type}": use one of ${ENTITY_TYPES.join(', ')}`);
}

function printChange(options: GlobalOptions, verb: string, change: RegistryChange): void {
  if (options.json) { writeJson(change); return; }
  if (!change.changed) {
    write(`entities ${verb}: ${change.entry.name} is already in the registry as given; nothing changed`);
    return;
  }
  if (verb === 'remove' && change.entry.origin === 'built-in+added') {
    const undone = [change.entry.addedAliases.length ? `aliases ${change.entry.addedAliases.join(', ')}` : null, change.entry.builtInType ? `type ${change.entry.type} (back to ${change.entry.builtInType})` : null].filter(Boolean).join(' and ');
    write(`entities remove: ${change.entry.name}: removed what editors added (${undone || 'a note'}); the built-in entry in ${BUILT_IN_REGISTRY_FILE} stays`);
  } else {
    const what = verb === 'remove' ? 'removed from the registry' : change.created ? 'added to the registry' : 'registry entry updated';
    write(`entities ${verb}: ${what}: ${describeEntry(change.entry)}`);
  }
  write(change.reextract === 0
    ? 'No stored article mentions it; new articles are matched as they arrive.'
    : `${change.reextract} stored article${change.reextract === 1 ? '' : 's'} mention${change.reextract === 1 ? 's' : ''} it and will be re-extracted on the next \`tracker extract\` or \`tracker run\`.`);
}

function registerEntitiesCommand(program: Command): void {
  const listAction = async (command: Command) => {
    const options = globalOptions(command) as GlobalOptions & { type?: string; search?: string; detected?: boolean; limit?: string };
    checkType(options.type);
    const limit = parseLimit(options.limit ?? '20');
    await withDb(options, (db) => {
      const search = options.search?.toLowerCase();
      const registry = listRegistry(db).filter((entry) => (!options.type || entry.type === options.type)
        && (!search || [entry.name, ...entry.aliases].some((name) => name.toLowerCase().includes(search))));
      const detected = options.detected ? detectedEntities(db, { limit, type: options.type, search: options.search }) : undefined;
      if (options.json) { writeJson({ registry, ...(detected ? { detected } : {}) }); return; }
      const added = registry.filter((entry) => entry.origin !== 'built-in').length;
      write(`Registry: ${registry.length} entr${registry.length === 1 ? 'y' : 'ies'} (${registry.length - added} built-in from ${BUILT_IN_REGISTRY_FILE}, ${added} added or extended by editors)`);
      for (const entry of registry) write(`  ${describeEntry(entry)}`);
      if (detected) {
        write();
        write(`Most-mentioned entities found by the detector, not in the registry (${detected.length}):`);
        for (const entity of detected) write(`  ${entity.key}  ${entity.name}  ${entity.type}  ${entity.articles} article${entity.articles === 1 ? '' : 's'}, ${entity.mentions} mention${entity.mentions === 1 ? '' : 's'}`);
        write('Add one with `tracker entities add NAME --type TYPE [--alias OTHER]`.');
      }
    });
  };

  const group = program.command('entities')
    .description('the curated entity registry (built-in and added by editors): `entities list`, `entities add`, `entities remove`; alone, lists it')
    .action(async (_options, command: Command) => listAction(command));

  group.command('list')
    // main.ts sets this on top-level commands only; a nested one needs its own, or a usage error exits the process.
    .exitOverride()
    .description('list the registry entries with their origin; --detected adds the most-mentioned entities the detector found, to pick what to add')
    .option('--type <type>', `only this type (${ENTITY_TYPES.join(', ')})`)
    .option('--search <text>', 'only names or aliases containing this text')
    .option('--detected', 'also list the most-mentioned entities found by the detector (not in the registry)')
    .option('--limit <n>', 'how many detected entities to list (default 20)')
    .action(async (_options, command: Command) => listAction(command));

  group.command('add')
    .exitOverride()
    .description('add an entity to the registry, or aliases (or a new type) to an existing one; the stored articles that mention it are re-extracted on the next extract')
    .argument('<name>', 'canonical name, matched case-sensitively')
    .option('--type <type>', `${ENTITY_TYPES.join(', ')} (required for a new name)`)
    .option('--alias <name>', 'another name the coverage uses for it (repeatable)', collect)
    .option('--note <text>', 'why it was added, for other editors')
    .option('--editor <name>', 'who adds it (default: $TRACKER_EDITOR, else the OS user name)')
    .action(async (name: string, _options, command: Command) => {
      const options = globalOptions(command) as GlobalOptions & { type?: string; alias?: string[]; note?: string; editor?: string };
      checkType(options.type);
      await withDb(options, (db) => {
        printChange(options, 'add', addRegistryEntity(db, { name, type: options.type, aliases: options.alias ?? [], note: options.note, editor: options.editor ?? defaultEditor() }));
      }, 'write');
    });

  group.command('remove')
    .exitOverride()
    .description(`remove an entity editors added (built-in ones live in ${BUILT_IN_REGISTRY_FILE}); the stored articles that mention it are re-extracted on the next extract`)
    .argument('<name>', 'name of the entry')
    .action(async (name: string, _options, command: Command) => {
      const options = globalOptions(command);
      await withDb(options, (db) => printChange(options, 'remove', removeRegistryEntity(db, name)), 'write');
    });
}

export function registerEditorialCommands(program: Command): void {
  registerFactsCommand(program);
  registerCorrectCommand(program);
  registerEntitiesCommand(program);
}
