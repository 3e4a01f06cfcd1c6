// Opening the database: pragmas for durability and concurrency, then the migrations.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from '../../db/schema.ts';

export type Schema = typeof schema;
export type TrackerDb = BetterSQLite3Database<Schema> & { $client: Database.Database };

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

export class DatabaseOpenError extends Error {}

/** Opens (creating and migrating if needed) the tracker database at `file`. */
export function openDatabase(file: string): TrackerDb {
  let sqlite: Database.Database;
  try {
    if (file !== ':memory:') {
      const folder = path.dirname(path.resolve(file));
      if (fs.existsSync(folder) && !fs.statSync(folder).isDirectory()) throw new Error(`${folder} is a file, not a folder`);
      fs.mkdirSync(folder, { recursive: true });
    }
    sqlite = new Database(file);
  } catch (error) {
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

/** Folds the WAL back into the main file after large writes, so readers do not starve it. */
export function checkpoint(db: TrackerDb): void {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
}

export function closeDatabase(db: TrackerDb): void {
  try { checkpoint(db); } catch { /* a read-only or busy database keeps its WAL */ }
  db.$client.close();
}

export { schema };
