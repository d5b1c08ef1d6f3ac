import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { createEmptyPgDatabase, type PgTestDatabase } from '../../fixtures/pg-fixture.js';

/**
 * A database large enough (about `megabytes` of dump) that a test can act while pg_dump is
 * still running: terminate its backend, stop a server, cancel.
 */
export async function createBigPgDatabase(megabytes: number): Promise<PgTestDatabase> {
  const db = await createEmptyPgDatabase('rb_big');
  const client = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: db.name,
  });
  await client.connect();
  try {
    // md5 text does not compress much, so stored size stays close to dump size.
    await client.query(`CREATE TABLE filler AS
      SELECT i AS id, md5(i::text) || md5((i * 3)::text) || md5((i * 7)::text) AS body
      FROM generate_series(1, ${Math.ceil((megabytes * 1024 * 1024) / 110)}) AS i`);
  } finally {
    await client.end();
  }
  return db;
}

/** Ends pg_dump's server session as soon as it is copying data from `database`. */
export function terminateDumpWhenActive(database: string): Promise<boolean> {
  return whenDumpCopies(database, 'pg_terminate_backend(pid)');
}

/** Resolves true once pg_dump is copying data from `database` (false after the timeout). */
export function dumpIsCopying(database: string): Promise<boolean> {
  return whenDumpCopies(database, 'true');
}

async function whenDumpCopies(
  database: string,
  action: string,
  timeoutMs = 30_000,
): Promise<boolean> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const r = await client.query<{ ok: boolean }>(
        `SELECT ${action} AS ok FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'rahatback-agent' AND query ILIKE 'COPY%'`,
        [database],
      );
      if (r.rows.some((row) => row.ok)) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  } finally {
    await client.end();
  }
}

/** The pg_dump processes still running for `database` (none once a run has ended). */
export async function pgDumpsOf(database: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'args']);
  return stdout.split('\n').filter((line) => line.includes('pg_dump') && line.includes(database));
}
