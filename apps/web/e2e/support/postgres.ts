import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** A PostgreSQL server the story reaches as "postgres"; the shared local one trusts everyone. */
export interface PgServer {
  port: number;
  /** Given to psql through PGPASSWORD, never on its command line. */
  password?: string;
}

export const LOCAL_PG: PgServer = { port: 5432 };

/** Runs `sql` with psql, as a user would check their data, and returns its unaligned output. */
export async function psql(database: string, sql: string, server = LOCAL_PG): Promise<string> {
  const args = ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', '-d', database];
  const env = { ...process.env, PGPASSWORD: server.password ?? '' };
  const { stdout } = await exec('psql', [...args, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout.trim();
}

/** Rows of 1 KiB of random-looking bytes: about 230 MB on disk, a dump of about 410 MB. */
export const BLOB_ROWS = 200_000;

/**
 * Creates `database` with a `blobs` table big enough that its backup runs for several seconds,
 * long enough for the history's progress bar to move while the test watches.
 */
export async function createBlobDatabase(database: string): Promise<void> {
  await psql('postgres', `CREATE DATABASE ${database}`);
  await psql(
    database,
    `CREATE TABLE blobs AS SELECT g AS id, decode(repeat(md5(random()::text), 64), 'hex') AS data
     FROM generate_series(1, ${BLOB_ROWS}) g`,
  );
}

/** One md5 over every row in id order: equal in two databases only if their rows are. */
export function blobsChecksum(database: string): Promise<string> {
  return psql(database, "SELECT md5(string_agg(md5(data), '' ORDER BY id)) FROM blobs");
}
