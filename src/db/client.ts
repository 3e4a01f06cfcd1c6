// Opening the database: pragmas for durability and concurrency, then the migrations.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '../../db/schema.ts';
import { migrateEntityKeys } from '../extract/entityKeyMigration.ts';
import { TrackerError } from '../errors.ts';

export type Schema = typeof schema;
export type TrackerDb = BetterSQLite3Database<Schema> & { $client: Database.Database };

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

export class DatabaseOpenError extends TrackerError {
  constructor(message: string, code: 'database' | 'database-foreign' = 'database', hint: string | null = null) { super(code, message, hint); }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables every tracker database has; a database with tables but without these is someone else's. */
const TRACKER_TABLES = ['__drizzle_migrations', 'sources', 'documents'];

/**
 * Refuses, before anything is written, a file that is not the tracker's database: opening it
 * would switch it to WAL and add a migrations table to someone else's data. An empty file or an
 * SQLite database without tables is taken as new.
 */
function checkTrackerDatabase(file: string): void {
  let stat: fs.Stats;
  try { stat = fs.statSync(file); } catch { return; }
  if (stat.isDirectory()) throw new DatabaseOpenError(`cannot open database ${file}: it is a folder, not a file`);
  if (stat.size === 0) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const handle = fs.openSync(file, 'r');
  try { fs.readSync(handle, head, 0, head.length, 0); } finally { fs.closeSync(handle); }
  if (!head.equals(SQLITE_HEADER)) {
    throw new DatabaseOpenError(`${file} is not an SQLite database; refusing to touch it`, 'database-foreign', "give --db a new file or the tracker's database");
  }
  let tables: string[];
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    tables = (probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  } catch (error) {
    throw new DatabaseOpenError(`cannot read database ${file}: ${(error as Error).message}`);
  } finally {
    probe.close();
  }
  if (tables.length === 0) return;
  if (!TRACKER_TABLES.every((table) => tables.includes(table))) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
    throw new DatabaseOpenError(`${file} is an SQLite database of something else (tables ${shown}), not the tracker's; refusing to touch it`, 'database-foreign');
  }
}

/** Opens (creating and migrating if needed) the tracker database at `file`. */
export function openDatabase(file: string): TrackerDb {
  let sqlite: Database.Database;
  try {
    if (file !== ':memory:') {
      const folder = path.dirname(path.resolve(file));
      if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new Error(`${folder} is a file, not a folder`);
      fs.mkdirSync(folder, { recursive: true });
      checkTrackerDatabase(file);
    }
    sqlite = new Database(file);
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(`cannot open database ${file}: ${(error as Error).message}`);
  }
  try {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a committed crawl survives a power cut; the cost is small next to network time.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema }) as TrackerDb;
    migrate(db, { migrationsFolder });
    // Entity ids from before they were derived from the name alone are rekeyed once.
    migrateEntityKeys(db);
    return db;
  } catch (error) {
    sqlite.close();
    throw new DatabaseOpenError(`cannot prepare database ${file}: ${(error as Error).message}`);
  }
}

/** Opens an existing database read-only (the site build): never migrates, never writes. */
export function openDatabaseReadOnly(file: string): TrackerDb {
  if (!fs.existsSync(file)) throw new DatabaseOpenError(`database ${file} does not exist`);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 10000');
  return drizzle(sqlite, { schema }) as TrackerDb;
}

/**
 * Runs `work` in a write transaction that takes the write lock at BEGIN (IMMEDIATE). A deferred
 * transaction that reads and then writes fails with SQLITE_BUSY, whatever the busy timeout, when
 * another process committed in between; an immediate one waits its turn instead.
 */
export function writeTransaction<T>(db: TrackerDb, work: (tx: TrackerDb) => T): T {
  // The transaction object lacks the raw client; raw SQL inside runs on the same connection anyway.
  return db.transaction((tx) => work(Object.assign(tx, { $client: db.$client }) as unknown as TrackerDb), { behavior: 'immediate' });
}

/** Folds the WAL back into the main file after large writes, so readers do not starve it. */
export function checkpoint(db: TrackerDb): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

export function closeDatabase(db: TrackerDb): void {
  try { checkpoint(db); } catch { /* a read-only or busy database keeps its WAL */ }
  db.$client.close();
}

export { schema };
