// Loading the YAML config: parse, validate, and turn every problem into one line naming the
// file, the line and the key, so the user can fix it without reading a stack trace.
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, LineCounter, isMap, isSeq, type Node } from 'yaml';
import { configSchema, resolveTopics, type Config } from './schema.ts';

export class ConfigError extends Error {}

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

export function parseConfigText(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line;
    throw new ConfigError(`${file}:${line}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const data = document.toJS() ?? {};
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
