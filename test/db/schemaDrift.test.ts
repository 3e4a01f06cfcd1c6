// The migrations in db/migrations produce exactly the schema db/schema.ts declares: drizzle-kit,
// run against a copy of the migrations, finds nothing to generate. A change to the schema without
// `npm run db:generate` (or a hand edit of a shipped migration's snapshot) fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, closeDatabase } from '../../src/db/client.ts';
import { repoRoot } from '../support/cli.ts';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-drift-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('the database schema', () => {
  it('needs no new migration: the migrations match db/schema.ts', () => {
    const migrations = path.join(dir, 'migrations');
    fs.cpSync(path.join(repoRoot, 'db/migrations'), migrations, { recursive: true });
    const config = path.join(dir, 'drizzle.config.mjs');
    // drizzle-kit reads `out` relative to its working folder.
    fs.writeFileSync(config, `export default { dialect: 'sqlite', schema: ${JSON.stringify(path.join(repoRoot, 'db/schema.ts'))}, out: './migrations' };\n`);
    const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', config], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/No schema changes/);
    expect(fs.readdirSync(migrations).filter((file) => file.endsWith('.sql')).sort()).toEqual(fs.readdirSync(path.join(repoRoot, 'db/migrations')).filter((file) => file.endsWith('.sql')).sort());
  }, 90_000);

  it('is what a new database gets: every table of the schema, and nothing else', async () => {
    const file = path.join(dir, 'fresh.sqlite');
    closeDatabase(openDatabase(file));
    const sqlite = new Database(file, { readonly: true });
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name").pluck().all() as string[]);
    sqlite.close();
    const schema = await import('../../db/schema.ts');
    const { getTableName, isTable } = await import('drizzle-orm');
    const declared = Object.values(schema).filter((value) => isTable(value)).map((table) => getTableName(table as never)).sort();
    expect(tables).toEqual(declared);
  });
});
