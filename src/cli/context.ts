// What every command shares: the global options, loading the config and opening the database,
// and turning user mistakes into one-line errors with exit status 1.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, resolveDatabasePath, ConfigError } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { openDatabase, closeDatabase, DatabaseOpenError, type TrackerDb } from '../db/client.ts';
import { EditorialError } from '../editorial/errors.ts';

export class UserError extends Error {}

export interface GlobalOptions { config?: string; db?: string; json?: boolean }

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function loadCommandConfig(options: GlobalOptions): Config {
  return loadConfig(options.config).config;
}

/** Runs `work` with the config and an open database, closing (and checkpointing) it afterwards. */
export async function withDatabase<T>(options: GlobalOptions, work: (db: TrackerDb, config: Config, dbPath: string) => Promise<T> | T): Promise<T> {
  const config = loadCommandConfig(options);
  const dbPath = resolveDatabasePath(options.db, config);
  const db = openDatabase(dbPath);
  try {
    return await work(db, config, dbPath);
  } finally {
    closeDatabase(db);
  }
}

export function isUserError(error: unknown): error is Error {
  return error instanceof UserError || error instanceof ConfigError || error instanceof DatabaseOpenError || error instanceof EditorialError;
}

export function readInputFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
  }
}

/** Prints one line of output, or nothing when the caller asked for JSON and prints that itself. */
export function say(options: GlobalOptions, line: string): void {
  if (!options.json) process.stdout.write(`${line}\n`);
}

export function log(options: GlobalOptions): (line: string) => void {
  return (line: string) => { if (!options.json) process.stderr.write(`${line}\n`); };
}
