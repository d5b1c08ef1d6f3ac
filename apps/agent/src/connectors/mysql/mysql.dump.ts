import type { DatabaseConnection } from '@rahatback/protocol';
import type { DumpHandle } from '../connector.types.js';
import { startDumpChild, type ToolEnvironment } from '../child-process.js';
import { assertSafeDatabaseName } from '../safe-name.js';
import { connectionArgs, mysqlEnv } from './mysql.args.js';
import { findMysqlTool } from './mysql.binaries.js';
import { mysqlServerVersion, withMysql } from './mysql.client.js';
import { mysqlLabel } from './mysql.errors.js';

/**
 * `mariadb-dump`/`mysqldump` of one database's objects (no CREATE DATABASE, so it restores
 * under any name). InnoDB tables are read in one consistent snapshot.
 */
export async function createMysqlDump(
  conn: DatabaseConnection,
  options: { signal: AbortSignal; tools: ToolEnvironment },
): Promise<DumpHandle> {
  assertSafeDatabaseName(conn.database, mysqlLabel(conn));
  // Connecting first names a wrong password or a missing database before any tool runs.
  const serverVersion = await withMysql(conn, mysqlServerVersion);
  const tool = await findMysqlTool('dump', options.tools.searchPath);
  const args = [
    ...connectionArgs(conn, tool),
    '--single-transaction',
    '--routines',
    '--triggers',
    '--events',
    '--hex-blob',
    '--no-tablespaces',
    // MySQL with GTIDs would write SET @@GLOBAL.GTID_PURGED, which fails on most targets.
    ...(tool.isMariadb ? [] : ['--set-gtid-purged=OFF']),
    conn.database,
  ];
  const child = startDumpChild({
    command: tool.path,
    args,
    baseEnv: options.tools.baseEnv,
    env: mysqlEnv(conn),
    secrets: [conn.password],
    failureCode: 'DUMP_FAILED',
    signal: options.signal,
  });
  return {
    stream: child.stream,
    done: child.done,
    clientToolVersion: tool.version,
    serverVersion,
    extension: 'sql',
  };
}
