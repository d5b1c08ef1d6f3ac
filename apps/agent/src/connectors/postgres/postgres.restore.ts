import type { DatabaseConnection } from '@rahatback/protocol';
import type { RestoreHandle, RestoreOptions } from '../connector.types.js';
import { startRestoreChild } from '../child-process.js';
import { EngineError } from '../engine-error.js';
import { prepareTool, type PostgresTool, type PostgresToolOptions } from './postgres.binaries.js';
import { postgresEnv } from './postgres.args.js';

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
  options: RestoreOptions & PostgresToolOptions,
): Promise<RestoreHandle> {
  const [tool, args] = restoreCommand(conn, options);
  const { binaries } = await prepareTool(conn, options, tool);
  const child = startRestoreChild({
    command: binaries.path(tool),
    args,
    baseEnv: options.tools.baseEnv,
    env: postgresEnv(conn),
    secrets: [conn.password],
    failureCode: 'RESTORE_FAILED',
    signal: options.signal,
  });
  return { stream: child.stream, done: child.done };
}
