import type { DatabaseConnection, TableCount } from '@rahatback/protocol';
import pg from 'pg';
import { assertScratchName, newScratchName } from '../scratch-name.js';
import { withPostgres } from './postgres.client.js';

const ident = (name: string): string => pg.escapeIdentifier(name);

/** Creates an empty database next to `conn`'s, for restoring into and counting. */
export async function createPostgresScratch(conn: DatabaseConnection): Promise<DatabaseConnection> {
  const name = newScratchName();
  await withPostgres(conn, (client) => client.query(`CREATE DATABASE ${ident(name)}`));
  return { ...conn, database: name };
}

/**
 * Drops a scratch database. It cannot be dropped from a session inside it, so this connects
 * to the `postgres` maintenance database; FORCE ends sessions a failed restore left behind.
 */
export async function dropPostgresScratch(conn: DatabaseConnection): Promise<void> {
  assertScratchName(conn.database);
  await withPostgres(
    conn,
    (client) => client.query(`DROP DATABASE IF EXISTS ${ident(conn.database)} WITH (FORCE)`),
    'postgres',
  );
}

/** Exact row counts of every user table, as "schema.table", sorted by name. */
export async function countPostgresRows(conn: DatabaseConnection): Promise<TableCount[]> {
  return withPostgres(conn, async (client) => {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE'
          AND table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    );
    const counts: TableCount[] = [];
    for (const { schema, name } of tables.rows) {
      const result = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${ident(schema)}.${ident(name)}`,
      );
      counts.push({ table: `${schema}.${name}`, rows: Number(result.rows[0]?.n ?? 0) });
    }
    return counts.sort((a, b) => a.table.localeCompare(b.table));
  });
}
