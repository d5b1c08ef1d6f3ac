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
 * Creates `database` with 40 000 rows of random bytes: zstd at level 19 takes several seconds
 * on them, long enough for a test to act while a backup is still running.
 */
export async function createHardToCompressDatabase(database: string): Promise<void> {
  await pgAdmin(`CREATE DATABASE ${database}`);
  await pgAdmin(
    "CREATE TABLE blobs AS SELECT g AS id, decode(repeat(md5(random()::text), 64), 'hex') AS data FROM generate_series(1, 40000) g;",
    database,
  );
}
