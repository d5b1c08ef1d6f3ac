import type { DatabaseConnection } from '@rahatback/protocol';
import type { DumpHandle, RestoreHandle, RestoreOptions } from '../connector.types.js';
import { startDumpChild, startRestoreChild } from '../child-process.js';
import { EngineError } from '../engine-error.js';
import { assertSafeDatabaseName } from '../safe-name.js';
import { pickPostgresBinaries, type PostgresTool } from './postgres.binaries.js';
import { withPostgres, serverVersionOf } from './postgres.client.js';
import { postgresEnv } from './postgres.env.js';
import { POSTGRES_LABEL } from './postgres.errors.js';

interface ServerInfo {
  version: string;
  major: number;
}

/** Connects first: a wrong password or a missing database is named before any tool runs. */
async function serverInfo(conn: DatabaseConnection): Promise<ServerInfo> {
  return withPostgres(conn, async (client) => {
    const num = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    const major = Math.floor(Number(num.rows[0]?.server_version_num ?? 0) / 10000);
    return { version: await serverVersionOf(client), major };
  });
}

async function prepare(conn: DatabaseConnection, pgBinDir: string | undefined, tool: PostgresTool) {
  assertSafeDatabaseName(conn.database, POSTGRES_LABEL);
  const server = await serverInfo(conn);
  const binaries = await pickPostgresBinaries(server.major, pgBinDir, tool);
  return { server, binaries };
}

/**
 * `pg_dump` to stdout: custom format without compression (RahatBack compresses), or plain
 * SQL with DROP … IF EXISTS before each object so that it replaces what it restores, and
 * without ownership (the plain-text twin of pg_restore's --no-owner).
 */
export async function createPostgresDump(
  conn: DatabaseConnection,
  options: { signal: AbortSignal; pgBinDir?: string | undefined },
): Promise<DumpHandle> {
  const { server, binaries } = await prepare(conn, options.pgBinDir, 'pg_dump');
  const isPlain = conn.options.dumpFormat === 'plain';
  const args = isPlain
    ? ['--format=plain', '--clean', '--if-exists', '--no-owner', '--no-password']
    : ['--format=custom', '--compress=0', '--no-password'];
  const child = startDumpChild({
    command: binaries.path('pg_dump'),
    args,
    env: postgresEnv(conn),
    secrets: [conn.password],
    failureCode: 'DUMP_FAILED',
    signal: options.signal,
  });
  return {
    stream: child.stream,
    done: child.done,
    clientToolVersion: binaries.version,
    serverVersion: server.version,
    extension: isPlain ? 'sql' : 'dump',
  };
}

/**
 * The restore tool's argv. Both run in a single transaction: a failed restore leaves the
 * target as it was instead of half loaded. Grants are kept, so a restore onto a server that
 * lacks a granted role fails naming that role (create it, then restore again).
 */
function restoreCommand(
  conn: DatabaseConnection,
  options: RestoreOptions,
): [PostgresTool, string[]] {
  if (options.extension === 'sql')
    return [
      'psql',
      [
        '--no-psqlrc',
        '--quiet',
        '--no-password',
        '--set=ON_ERROR_STOP=1',
        '--single-transaction',
        '--file=-',
      ],
    ];
  if (options.extension !== 'dump')
    throw new EngineError(
      'RESTORE_FAILED',
      `a PostgreSQL backup ends in ".dump" or ".sql", not ".${options.extension}": check that the backup belongs to a PostgreSQL database`,
    );
  const clean = options.dropExisting ? ['--clean', '--if-exists'] : [];
  // pg_restore prints SQL instead of restoring unless it has --dbname; the name was checked.
  return [
    'pg_restore',
    ['--no-owner', '--single-transaction', '--no-password', ...clean, `--dbname=${conn.database}`],
  ];
}

/**
 * `pg_restore` (custom format) or `psql` (plain SQL) reading the dump from stdin into
 * `conn`'s database, which may differ from the database the dump came from.
 */
export async function createPostgresRestore(
  conn: DatabaseConnection,
  options: RestoreOptions & { pgBinDir?: string | undefined },
): Promise<RestoreHandle> {
  const [tool, args] = restoreCommand(conn, options);
  const { binaries } = await prepare(conn, options.pgBinDir, tool);
  const child = startRestoreChild({
    command: binaries.path(tool),
    args,
    env: postgresEnv(conn),
    secrets: [conn.password],
    failureCode: 'RESTORE_FAILED',
    signal: options.signal,
  });
  return { stream: child.stream, done: child.done };
}
