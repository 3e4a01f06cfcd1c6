// A config file that attacks the YAML parser ("billion laughs": anchors of aliases of anchors) or
// breaks it is one line naming the file, as every other config mistake is, never a stack trace or
// a process that runs out of memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError, MAX_ALIAS_EXPANSION } from '../../src/config/load.ts';
import { runTracker } from '../support/cli.ts';

let dir: string;

/** Nine levels of nine aliases each: 9^9 (387 million) nodes once expanded. */
const billionLaughs = [
  'lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghi'.split('').map((name, index) => {
    const previous = 'abcdefghi'[index];
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`;
  }),
  '',
].join('\n');

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function configError(file: string): string {
  try {
    loadConfig(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`${file} loaded`);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-yaml-'));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig on hostile YAML', () => {
  it('refuses an alias bomb in one line naming the file and the line where it passes the limit', () => {
    const file = write('tracker.config.yaml', billionLaughs);
    const started = performance.now();
    const message = configError(file);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(message).toBe(`${file}:5: too many YAML aliases (the file expands past ${MAX_ALIAS_EXPANSION} nodes)`);
  });

  it('refuses an alias inside the node it names, and an alias without an anchor', () => {
    expect(configError(write('loop.yaml', 'sources: &s\n  - url: https://a.example/feed\n    topics: *s\n'))).toMatch(/loop\.yaml:3: invalid YAML: alias \*s refers to a node that contains it$/);
    expect(configError(write('dangling.yaml', 'sources:\n  - url: https://a.example/feed\n    topics: *nowhere\n'))).toMatch(/dangling\.yaml:(?:3:)? invalid YAML: .*nowhere/);
  });

  it('reports a file nested too deeply for the parser in one line', () => {
    const message = configError(write('deep.yaml', `sources: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`));
    expect(message).toMatch(/deep\.yaml:\d+: invalid YAML: /);
    expect(message).not.toContain('\n');
  });

  it('still loads a config that repeats a block through aliases', () => {
    const lines = ['sources:', '  - url: https://feeds.example/0', '    topics: &topics [export-controls]'];
    for (let index = 1; index <= 300; index++) lines.push(`  - url: https://feeds.example/${index}`, '    topics: *topics');
    const { config } = loadConfig(write('many-aliases.yaml', `${lines.join('\n')}\n`));
    expect(config.sources).toHaveLength(301);
    expect(config.sources.every((source) => source.topics?.join() === 'export-controls')).toBe(true);
  });
});

describe('tracker with a hostile config file', () => {
  it('exits 1 with one line on stderr and no stack trace', async () => {
    const file = write('bomb.yaml', billionLaughs);
    const result = await runTracker(['--config', file, 'sources', '--db', path.join(dir, 'tracker.sqlite')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toBe(`tracker: ${file}:5: too many YAML aliases (the file expands past ${MAX_ALIAS_EXPANSION} nodes)`);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
    expect(result.stderr).not.toContain('unexpected error');
    // Refused before the database is opened.
    expect(fs.existsSync(path.join(dir, 'tracker.sqlite'))).toBe(false);
  });
});
