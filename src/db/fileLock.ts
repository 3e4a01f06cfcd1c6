// Locks that die with their process. A PID written in a file is not a lock: the file outlives a
// killed process, PIDs are reused, and an empty or garbled file blocks everyone until a person
// deletes it. These locks are SQLite's own: an exclusive transaction on a small lock file, which
// is an fcntl lock the kernel drops the moment the holding process exits, however it exits. The
// file itself never holds anything (the transaction is rolled back, and the journal is kept in
// memory), so it can be left where it is; a sidecar `.owner` file says who holds the lock, for
// the message a second process prints, and is informational only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TrackerError } from '../errors.ts';

export interface LockOwner { pid: number; host: string; command: string; since: string }

/** Another process holds the lock (and the caller did not wait, or waited long enough). */
export class LockBusyError extends TrackerError {
  constructor(message: string, readonly owner: LockOwner | null, hint: string | null = null) { super('busy', message, hint); }
}

export interface FileLock {
  readonly file: string;
  release(): void;
}

export interface AcquireOptions {
  /** What the lock protects, for messages ("the database db/tracker.sqlite"). */
  what: string;
  /** How long to wait for another holder, in milliseconds (0: fail at once). */
  waitMs?: number;
  /** Told once when the lock is busy and the caller waits. */
  onWait?: (owner: LockOwner | null) => void;
  /** The command holding the lock, written to the owner file. */
  command?: string;
}

const POLL_MS = 200;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Tries once; returns the open connection holding the lock, or null when another process holds it. */
function tryLock(file: string): Database.Database | null {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  resetIfForeign(file);
  const connection = new Database(file, { timeout: 0 });
  try {
    connection.pragma('journal_mode = MEMORY');
    connection.exec('BEGIN EXCLUSIVE');
    return connection;
  } catch (error) {
    connection.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return null;
    throw error;
  }
}

/**
 * A lock file that is not an SQLite file (a PID, "-1", text left by an older version) holds no
 * lock of its kind: it is emptied, which makes it a valid empty database. Emptying is harmless
 * even if another process has just done the same and taken the lock: the lock lives in the
 * kernel, not in the bytes, and a held lock file is always empty.
 */
function resetIfForeign(file: string): void {
  // A held lock file is always empty, and the file is never opened outside SQLite when it is: in
  // POSIX, closing any descriptor of a file drops every lock this process holds on it.
  try {
    if (fs.statSync(file).size === 0) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let head: Buffer;
  try {
    const handle = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(SQLITE_HEADER.length);
      const read = fs.readSync(handle, head, 0, head.length, 0);
      head = head.subarray(0, read);
    } finally {
      fs.closeSync(handle);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (head.length === 0 || head.equals(SQLITE_HEADER)) return;
  fs.truncateSync(file, 0);
}

export function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(`${file}.owner`, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.since !== 'string') return null;
    return { pid: owner.pid, host: String(owner.host ?? ''), command: String(owner.command ?? 'tracker'), since: owner.since };
  } catch {
    return null;
  }
}

export function describeOwner(owner: LockOwner | null): string {
  if (!owner) return 'another tracker process';
  const host = owner.host && owner.host !== os.hostname() ? ` on ${owner.host}` : '';
  return `\`${owner.command}\` (pid ${owner.pid}${host}, since ${owner.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')})`;
}

/** Takes the lock on `file`, waiting up to `waitMs` for its holder; throws LockBusyError after that. */
export async function acquireFileLock(file: string, options: AcquireOptions): Promise<FileLock> {
  const deadline = Date.now() + Math.max(0, options.waitMs ?? 0);
  let told = false;
  for (;;) {
    const connection = tryLock(file);
    if (connection) return holdLock(file, connection, options.command ?? process.argv.slice(2).join(' '));
    const owner = readOwner(file);
    if (Date.now() >= deadline) {
      const waited = options.waitMs ? ` after waiting ${Math.round(options.waitMs / 1000)} s` : '';
      throw new LockBusyError(`${options.what} is busy${waited}: ${describeOwner(owner)} is using it`, owner);
    }
    if (!told) { options.onWait?.(owner); told = true; }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}

/** Takes the lock if it is free; null when another process holds it. */
export function tryFileLock(file: string, command = process.argv.slice(2).join(' ')): FileLock | null {
  const connection = tryLock(file);
  return connection ? holdLock(file, connection, command) : null;
}

function holdLock(file: string, connection: Database.Database, command: string): FileLock {
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), command: `tracker ${command}`.trim(), since: new Date().toISOString() };
  try { fs.writeFileSync(`${file}.owner`, `${JSON.stringify(owner)}\n`); } catch { /* the owner file is informational */ }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    try { if (readOwner(file)?.pid === process.pid) fs.rmSync(`${file}.owner`, { force: true }); } catch { /* informational */ }
    try { connection.exec('ROLLBACK'); } catch { /* closing releases it too */ }
    connection.close();
  };
  // A process that ends without releasing drops the kernel lock anyway; this only tidies the owner file.
  process.once('exit', release);
  return { file, release };
}
