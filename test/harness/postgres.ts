import pg from 'pg';

/** Runs `sql` as the local PostgreSQL superuser in `database` and returns the rows. */
export async function pgQuery(sql: string, database = 'postgres'): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  try {
    return (await client.query<pg.QueryResultRow>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Runs `sql` as the local PostgreSQL superuser in `database`, for set-up and clean-up. */
export async function pgAdmin(sql: string, database = 'postgres'): Promise<void> {
  await pgQuery(sql, database);
}

/**
 * Creates `database` with 40 000 rows of 1 KiB of bytes. On an idle machine a backup of it
 * can finish within a second or two: a test that must act while a backup is still running
 * holds it with `holdTableLock` as well.
 */
export async function createHardToCompressDatabase(database: string): Promise<void> {
  await pgAdmin(`CREATE DATABASE ${database}`);
  await pgAdmin(
    "CREATE TABLE blobs AS SELECT g AS id, decode(repeat(md5(random()::text), 64), 'hex') AS data FROM generate_series(1, 40000) g;",
    database,
  );
}

/**
 * Takes an ACCESS EXCLUSIVE lock on `table` in `database` and keeps it until the returned
 * function is called. pg_dump waits for that lock before it writes a byte, so a backup of
 * that database stays running for as long as the test needs, however fast the machine.
 */
export async function holdTableLock(database: string, table: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  };
}
