import type { DatabaseConnection, TestConnectionResult } from '@rahatback/protocol';
import type { ToolEnvironment } from '../child-process.js';
import type { Connector } from '../connector.types.js';
import { runConnectionTest } from '../connection.js';
import { POSTGRES_DEFAULT_PORT, POSTGRES_LABEL } from './postgres.errors.js';
import { serverVersionOf, withPostgres } from './postgres.client.js';
import { createPostgresDump } from './postgres.dump.js';
import { createPostgresRestore } from './postgres.restore.js';
import {
  countPostgresRows,
  createPostgresScratch,
  dropPostgresScratch,
} from './postgres.scratch.js';

export interface PostgresConnectorOptions {
  /** A folder holding pg_dump, pg_restore and psql; when set, the only place searched. */
  pgBinDir?: string | undefined;
  /** Where client tools are searched and what they start with (config.ts). */
  tools: ToolEnvironment;
}

function testPostgres(conn: DatabaseConnection): Promise<TestConnectionResult> {
  return runConnectionTest(
    conn,
    { label: POSTGRES_LABEL, defaultPort: POSTGRES_DEFAULT_PORT },
    () => withPostgres(conn, serverVersionOf),
  );
}

/** PostgreSQL through `pg` for questions and pg_dump / pg_restore / psql for data. */
export function createPostgresConnector(options: PostgresConnectorOptions): Connector {
  return {
    engine: 'postgresql',
    testConnection: testPostgres,
    dump: (conn, { signal }) => createPostgresDump(conn, { ...options, signal }),
    restore: (conn, restoreOptions) =>
      createPostgresRestore(conn, { ...restoreOptions, ...options }),
    createScratch: createPostgresScratch,
    dropScratch: dropPostgresScratch,
    countRows: countPostgresRows,
  };
}
