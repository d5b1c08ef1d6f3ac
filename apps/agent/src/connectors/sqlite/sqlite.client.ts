import Database from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { explainSqliteError } from './sqlite.errors.js';

/**
 * Opens an existing database file read-only. A missing file is refused rather than
 * created, which better-sqlite3 would otherwise do silently.
 */
export async function openSqliteReadOnly(file: string): Promise<Database.Database> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'SQLITE_NOTADB' });
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    // Reading the schema makes a non-database file fail here instead of later.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    throw explainSqliteError(error, file);
  }
}

export async function withSqlite<T>(file: string, work: (db: Database.Database) => T): Promise<T> {
  const db = await openSqliteReadOnly(file);
  try {
    return work(db);
  } catch (error) {
    throw explainSqliteError(error, file);
  } finally {
    db.close();
  }
}

/** "SQLite 3.40.1": the library version the agent reads and writes files with. */
export function sqliteVersion(db: Database.Database): string {
  const row = db.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  return `SQLite ${row.v}`;
}
