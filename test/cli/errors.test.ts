// One error model: every error a user can cause is printed the same way by every command, as one
// line or, with --json, as one JSON object with a stable code; the README lists every code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ERROR_CODES } from '../../src/errors.ts';
import { repoRoot, runTracker, runTrackerInProcess } from '../support/cli.ts';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-errors-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('errors', () => {
  it('are listed in the README, every code', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    for (const code of Object.keys(ERROR_CODES)) expect(readme, `README lacks error code ${code}`).toContain(`| \`${code}\` |`);
  });

  it('print one line, or one JSON object with --json, with a stable code and no stack trace', async () => {
    const notSqlite = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(notSqlite, 'a plain text file\n');
    const badConfig = path.join(dir, 'bad.yaml');
    fs.writeFileSync(badConfig, 'fetch:\n  retries: 3\n');
    const cases: [string[], string][] = [
      [['export', '--db', notSqlite], 'database-foreign'],
      [['sources', '--config', badConfig], 'config'],
      [['publish', '--db', path.join(dir, 'x.sqlite'), '--out', ''], 'site-folder'],
      [['serve', '--port', 'abc'], 'port'],
      [['sources', 'import', path.join(dir, 'missing.opml'), '--db', path.join(dir, 'z.sqlite')], 'input-file'],
      [['correct', 'f_nosuchkey000000', '--set', 'value=1', '--reason', 'x', '--db', path.join(dir, 'y.sqlite')], 'editorial'],
    ];
    // In-process for each case; a real process for one, as a shell sees it (exit status, streams).
    for (const [index, [args, code]] of cases.entries()) {
      const run = index === 0 ? runTracker : runTrackerInProcess;
      const text = await run(args);
      expect(text.code, args.join(' ')).toBe(1);
      expect(text.stderr, args.join(' ')).toMatch(/^tracker: [^\n]+\n$/);
      const json = await run([...args, '--json']);
      expect(json.code, args.join(' ')).toBe(1);
      const parsed = JSON.parse(json.stderr) as { error: { code: string; message: string; hint: string | null } };
      expect(parsed.error.code, args.join(' ')).toBe(code);
      expect(text.stderr).toContain(parsed.error.message);
    }
  }, 120_000);
});
