import type { DatabaseConnection } from '@rahatback/protocol';
import type { RestoreHandle, RestoreOptions } from '../connector.types.js';
import { startRestoreChild, type ToolEnvironment } from '../child-process.js';
import { EngineError } from '../engine-error.js';
import { assertSafeDatabaseName } from '../safe-name.js';
import { connectionArgs, mysqlEnv } from './mysql.args.js';
import { findMysqlTool } from './mysql.binaries.js';
import { mysqlServerVersion, withMysql } from './mysql.client.js';
import { mysqlLabel } from './mysql.errors.js';

/**
 * The client reading the dump from stdin into `conn`'s database. The dump already drops each
 * table, view, routine and trigger before creating it (mysqldump's defaults), so existing
 * objects of the same name are replaced whether or not `dropExisting` is set; other objects
 * of the target are left alone.
 */
export async function createMysqlRestore(
  conn: DatabaseConnection,
  options: RestoreOptions & { tools: ToolEnvironment },
): Promise<RestoreHandle> {
  assertSafeDatabaseName(conn.database, mysqlLabel(conn));
  if (options.extension !== 'sql')
    throw new EngineError(
      'RESTORE_FAILED',
      `a ${mysqlLabel(conn)} backup ends in ".sql", not ".${options.extension}": check that the backup belongs to a ${mysqlLabel(conn)} database`,
    );
  await withMysql(conn, mysqlServerVersion);
  const tool = await findMysqlTool('client', options.tools.searchPath);
  const child = startRestoreChild({
    command: tool.path,
    args: [...connectionArgs(conn, tool), `--database=${conn.database}`],
    baseEnv: options.tools.baseEnv,
    env: mysqlEnv(conn),
    secrets: [conn.password],
    failureCode: 'RESTORE_FAILED',
    signal: options.signal,
  });
  return { stream: child.stream, done: child.done };
}
