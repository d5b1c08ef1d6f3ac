import type { DatabaseConnection, TableCount } from '@rahatback/protocol';
import type mysql from 'mysql2/promise';
import { assertScratchName, newScratchName } from '../scratch-name.js';
import { withMysql } from './mysql.client.js';

/** Backtick-quotes an identifier for MySQL/MariaDB. */
export const mysqlIdent = (name: string): string => `\`${name.replaceAll('`', '``')}\``;

/** Creates an empty database next to `conn`'s, for restoring into and counting. */
export async function createMysqlScratch(conn: DatabaseConnection): Promise<DatabaseConnection> {
  const name = newScratchName();
  await withMysql(conn, (c) => c.query(`CREATE DATABASE ${mysqlIdent(name)}`), null);
  return { ...conn, database: name };
}

export async function dropMysqlScratch(conn: DatabaseConnection): Promise<void> {
  assertScratchName(conn.database);
  await withMysql(
    conn,
    (c) => c.query(`DROP DATABASE IF EXISTS ${mysqlIdent(conn.database)}`),
    null,
  );
}

/** Exact row counts of every base table of the database, sorted by name. */
export async function countMysqlRows(conn: DatabaseConnection): Promise<TableCount[]> {
  return withMysql(conn, async (c) => {
    const [tables] = await c.query<mysql.RowDataPacket[]>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const counts: TableCount[] = [];
    for (const row of tables) {
      const name = String(row['name']);
      const [result] = await c.query<mysql.RowDataPacket[]>(
        `SELECT count(*) AS n FROM ${mysqlIdent(name)}`,
      );
      counts.push({ table: name, rows: Number(result[0]?.['n'] ?? 0) });
    }
    return counts.sort((a, b) => a.table.localeCompare(b.table));
  });
}
