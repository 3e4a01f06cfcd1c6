// What every command shares: the global options, loading the config and opening the database,
// and turning user mistakes into one-line errors with exit status 1.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, resolveDatabasePath } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { openDatabase, closeDatabase, type TrackerDb } from '../db/client.ts';
import { acquireFileLock, describeOwner, LockBusyError, type FileLock } from '../db/fileLock.ts';
import { TrackerError, isTrackerError, type ErrorCode } from '../errors.ts';
import { terminalText } from './terminal.ts';

/** A mistake in how a command was called; `code` says which kind (see src/errors.ts). */
export class UserError extends TrackerError {
  constructor(message: string, code: ErrorCode = 'usage', hint: string | null = null) { super(code, message, hint); }
}

export interface GlobalOptions { config?: string; db?: string; json?: boolean; wait?: string }

/** The lock every command that runs a pipeline stage or changes what extraction reads takes. */
export function pipelineLockFile(dbPath: string): string {
  return `${dbPath}.lock`;
}

/** --wait SECONDS as milliseconds (0 when not given). */
export function waitMs(options: GlobalOptions): number {
  if (options.wait === undefined) return 0;
  const seconds = Number(options.wait);
  if (!Number.isFinite(seconds) || seconds < 0 || options.wait.trim() === '') throw new UserError(`--wait: "${options.wait}" is not a number of seconds`);
  return Math.round(seconds * 1000);
}

/**
 * Takes the database's pipeline lock: one writing command at a time per database. Without --wait
 * a busy lock is a one-line error naming the holder; with it, the command says it waits, then waits.
 */
export async function lockDatabase(dbPath: string, options: GlobalOptions, wait = waitMs(options)): Promise<FileLock | null> {
  if (dbPath === ':memory:') return null;
  try {
    return await acquireFileLock(pipelineLockFile(dbPath), {
      what: `the database ${dbPath}`,
      waitMs: wait,
      onWait: (owner) => process.stderr.write(`waiting for ${describeOwner(owner)} to finish with ${dbPath} (up to ${Math.round(wait / 1000)} s)\n`),
    });
  } catch (error) {
    if (error instanceof LockBusyError && !wait) throw new LockBusyError(error.message, error.owner, 'try again when it ends, or pass --wait SECONDS to wait for it');
    throw error;
  }
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function loadCommandConfig(options: GlobalOptions): Config {
  return loadConfig(options.config).config;
}

/**
 * Runs `work` with the config and an open database, closing (and checkpointing) it afterwards.
 * `write` takes the pipeline lock first (see lockDatabase); reads and editors' corrections do not
 * need it: their write transactions are short and IMMEDIATE, so they interleave safely.
 */
export async function withDatabase<T>(options: GlobalOptions, work: (db: TrackerDb, config: Config, dbPath: string) => Promise<T> | T, access: 'read' | 'write' = 'read'): Promise<T> {
  const config = loadCommandConfig(options);
  const dbPath = resolveDatabasePath(options.db, config);
  const lock = access === 'write' ? await lockDatabase(dbPath, options) : null;
  try {
    const db = openDatabase(dbPath);
    try {
      return await work(db, config, dbPath);
    } finally {
      closeDatabase(db);
    }
  } finally {
    lock?.release();
  }
}

/** Every error a user can cause or meet is a TrackerError (src/errors.ts); anything else is a bug. */
export function isUserError(error: unknown): error is TrackerError {
  return isTrackerError(error);
}

export function readInputFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`, 'input-file');
  }
}

/** Prints one line of output, or nothing when the caller asked for JSON and prints that itself. */
export function say(options: GlobalOptions, line: string): void {
  if (!options.json) process.stdout.write(`${terminalText(line)}\n`);
}

/** Progress lines on stderr; they quote source names, URLs and errors from the web, so they are made terminal-safe. */
export function log(options: GlobalOptions): (line: string) => void {
  return (line: string) => { if (!options.json) process.stderr.write(`${terminalText(line)}\n`); };
}
