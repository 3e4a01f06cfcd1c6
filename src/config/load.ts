// Loading the YAML config: parse, validate, and turn every problem into one line naming the
// file, the line and the key, so the user can fix it without reading a stack trace.
import fs from 'node:fs';
import { TrackerError } from '../errors.ts';
import path from 'node:path';
import { parseDocument, LineCounter, isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml';
import { configSchema, resolveTopics, type Config } from './schema.ts';

export class ConfigError extends TrackerError {
  constructor(message: string, hint: string | null = null) { super('config', message, hint); }
}

export const DEFAULT_CONFIG_FILE = 'tracker.config.yaml';
export const DEFAULT_DATABASE = 'db/tracker.sqlite';

/** Loads the config file, or the built-in defaults when `file` is undefined and no default file exists. */
export function loadConfig(file?: string): { config: Config; file: string | null } {
  let chosen = file;
  if (!chosen && fs.existsSync(DEFAULT_CONFIG_FILE)) chosen = DEFAULT_CONFIG_FILE;
  if (!chosen) return { config: parseConfig({}, '(defaults)'), file: null };
  let text: string;
  try {
    text = fs.readFileSync(chosen, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`config file ${chosen}: ${code === 'ENOENT' ? 'not found' : (error as Error).message}`);
  }
  return { config: parseConfigText(text, chosen), file: path.resolve(chosen) };
}

/**
 * The most nodes the file's aliases may add when expanded. A real config repeats a few blocks at
 * most; a "billion laughs" file (anchors of aliases of anchors) expands to millions of nodes.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

export function parseConfigText(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const lineOf = (offset: number | undefined) => lineCounter.linePos(offset ?? 0).line;
  let data: unknown;
  let document: Document.Parsed;
  // Whatever the YAML parser throws (it should only report errors, but an alias it cannot resolve
  // or a structure it cannot handle throws) is one line naming the file, never a stack trace.
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) {
      const first = document.errors[0];
      const line = first.linePos?.[0]?.line ?? lineOf(first.pos[0]);
      throw new ConfigError(`${file}:${line}: invalid YAML: ${yamlMessage(first.message)}`);
    }
    checkAliasExpansion(document, file, lineOf);
    // The parser's own alias limit stays on as a second guard, at the same size.
    data = document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) ?? {};
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message = yamlMessage(error instanceof Error ? error.message : String(error));
    if (/alias count|resource exhaustion/i.test(message)) throw new ConfigError(`${file}: too many YAML aliases (the file expands past ${MAX_ALIAS_EXPANSION} nodes)`);
    throw new ConfigError(`${file}: invalid YAML: ${message}`);
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${file}:1: the config must be a mapping of keys (database, site, fetch, topics, sources, schedule)`);
  }
  const result = configSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    let keyPath = issue.path.map(String);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      keyPath = [...keyPath, key];
      message = `unknown key "${key}"`;
    }
    const node = nodeAt(document.contents as Node | null, keyPath);
    const offset = node?.range?.[0] ?? 0;
    const line = lineCounter.linePos(offset).line;
    const where = keyPath.length ? keyPath.join('.') : '(top level)';
    throw new ConfigError(`${file}:${line}: ${where}: ${message}`);
  }
  return resolveTopics(result.data);
}

export function parseConfig(data: unknown, file: string): Config {
  const result = configSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return resolveTopics(result.data);
}

/** The first line of a YAML parser's message; running out of stack means the file nests too deeply. */
function yamlMessage(message: string): string {
  return /call stack/i.test(message) ? 'the file nests too deeply' : message.split('\n')[0];
}

/**
 * Counts the nodes the document's aliases stand for once expanded and stops at the alias where the
 * count passes MAX_ALIAS_EXPANSION, naming its line. An alias inside the node it refers to (a loop)
 * is refused too. Each anchored node's expanded size is computed once, so this is linear in the file.
 */
function checkAliasExpansion(document: Document.Parsed, file: string, lineOf: (offset: number | undefined) => number): void {
  const tooMany = (at: unknown) => {
    const node = (isPair(at) ? at.value ?? at.key : at) as Node | null;
    return new ConfigError(`${file}:${lineOf(node?.range?.[0])}: too many YAML aliases (the file expands past ${MAX_ALIAS_EXPANSION} nodes)`);
  };
  const sizes = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  // The expanded size of a node: itself and everything under it, aliases replaced by what they name.
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const target = node.resolve(document);
      if (!target) throw new ConfigError(`${file}:${lineOf(node.range?.[0])}: invalid YAML: alias *${node.source} has no anchor before it`);
      if (inProgress.has(target)) throw new ConfigError(`${file}:${lineOf(node.range?.[0])}: invalid YAML: alias *${node.source} refers to a node that contains it`);
      return size(target);
    }
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    inProgress.add(node);
    const children = isMap(node) || isSeq(node) ? node.items : isPair(node) ? [node.key, node.value] : [];
    for (const child of children) {
      total += size(child);
      if (total > MAX_ALIAS_EXPANSION) throw tooMany(child);
    }
    inProgress.delete(node);
    sizes.set(node, total);
    return total;
  };
  // Only what aliases add counts: a long file without aliases is not an attack.
  let added = 0;
  const walk = (node: unknown): void => {
    if (isAlias(node)) {
      added += size(node);
      if (added > MAX_ALIAS_EXPANSION) throw tooMany(node);
      return;
    }
    const children = isMap(node) || isSeq(node) ? node.items : isPair(node) ? [node.key, node.value] : [];
    for (const child of children) walk(child);
  };
  if (document.contents) walk(document.contents);
}

/** Finds the YAML node for a key path; for a key, the key node itself (its line is the one to fix). */
function nodeAt(root: Node | null, keyPath: string[]): Node | null {
  let current: Node | null = root;
  let found: Node | null = root;
  for (const key of keyPath) {
    if (!current) break;
    if (isMap(current)) {
      const pair = current.items.find((item) => String((item.key as { value?: unknown })?.value ?? item.key) === key);
      if (!pair) break;
      found = (pair.key as Node) ?? found;
      current = (pair.value as Node) ?? null;
      if (current?.range) found = pair.key as Node;
    } else if (isSeq(current)) {
      const item = current.items[Number(key)] as Node | undefined;
      if (!item) break;
      found = item;
      current = item;
    } else {
      break;
    }
  }
  return found;
}

/** The database path: --db, else config `database`, else env TRACKER_DB, else db/tracker.sqlite. */
export function resolveDatabasePath(flag: string | undefined, config: Config): string {
  return flag ?? config.database ?? process.env.TRACKER_DB ?? DEFAULT_DATABASE;
}
