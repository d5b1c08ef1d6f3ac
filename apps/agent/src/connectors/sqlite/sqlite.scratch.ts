import type { DatabaseConnection, TableCount } from '@rahatback/protocol';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { assertScratchName, newScratchName } from '../scratch-name.js';
import { withSqlite } from './sqlite.client.js';

/**
 * A scratch "database" is a file path in the temporary folder that the restore will create;
 * nothing is written until then.
 */
export function createSqliteScratch(conn: DatabaseConnection): Promise<DatabaseConnection> {
  return Promise.resolve({ ...conn, database: join(tmpdir(), `${newScratchName()}.sqlite`) });
}

export async function dropSqliteScratch(conn: DatabaseConnection): Promise<void> {
  assertScratchName(basename(conn.database, '.sqlite'));
  await Promise.all(
    ['', '-wal', '-shm', '-journal'].map((suffix) =>
      rm(`${conn.database}${suffix}`, { force: true }),
    ),
  );
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

export function countSqliteRows(conn: DatabaseConnection): Promise<TableCount[]> {
  return withSqlite(conn.database, (db) => {
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[];
    return tables
      .map(({ name }) => {
        const row = db.prepare(`SELECT count(*) AS n FROM ${quote(name)}`).get() as { n: number };
        return { table: name, rows: row.n };
      })
      .sort((a, b) => a.table.localeCompare(b.table));
  });
}
