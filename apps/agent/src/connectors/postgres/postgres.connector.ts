import type { DatabaseConnection, TestConnectionResult } from '@rahatback/protocol';
import type { Connector } from '../connector.types.js';
import { elapsedSince, toFailedTest } from '../connection.js';
import { serverVersionOf, withPostgres } from './postgres.client.js';
import { createPostgresDump } from './postgres.dump.js';
import { createPostgresRestore } from './postgres.restore.js';
import {
  countPostgresRows,
  createPostgresScratch,
  dropPostgresScratch,
} from './postgres.scratch.js';

export interface PostgresConnectorOptions {
  /** A folder holding pg_dump, pg_restore and psql; searched before the usual places. */
  pgBinDir?: string;
}

async function testPostgres(conn: DatabaseConnection): Promise<TestConnectionResult> {
  const start = performance.now();
  try {
    const serverVersion = await withPostgres(conn, serverVersionOf);
    return { ok: true, serverVersion, latencyMs: elapsedSince(start) };
  } catch (error) {
    return toFailedTest(error);
  }
}

/** PostgreSQL through `pg` for questions and pg_dump / pg_restore / psql for data. */
export function createPostgresConnector(options: PostgresConnectorOptions = {}): Connector {
  return {
    engine: 'postgresql',
    testConnection: testPostgres,
    dump: (conn, { signal }) => createPostgresDump(conn, { signal, pgBinDir: options.pgBinDir }),
    restore: (conn, restoreOptions) =>
      createPostgresRestore(conn, { ...restoreOptions, pgBinDir: options.pgBinDir }),
    createScratch: createPostgresScratch,
    dropScratch: dropPostgresScratch,
    countRows: countPostgresRows,
  };
}
