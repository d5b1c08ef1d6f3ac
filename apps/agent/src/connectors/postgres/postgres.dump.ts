import type { DatabaseConnection } from '@rahatback/protocol';
import type { DumpHandle } from '../connector.types.js';
import { startDumpChild } from '../child-process.js';
import { prepareTool, type PostgresToolOptions } from './postgres.binaries.js';
import { postgresEnv } from './postgres.args.js';

/**
 * `pg_dump` to stdout: custom format without compression (RahatBack compresses), or plain
 * SQL with DROP … IF EXISTS before each object so that it replaces what it restores, and
 * without ownership (the plain-text twin of pg_restore's --no-owner).
 */
export async function createPostgresDump(
  conn: DatabaseConnection,
  options: PostgresToolOptions & { signal: AbortSignal },
): Promise<DumpHandle> {
  const { server, binaries } = await prepareTool(conn, options, 'pg_dump');
  const isPlain = conn.options.dumpFormat === 'plain';
  const args = isPlain
    ? ['--format=plain', '--clean', '--if-exists', '--no-owner', '--no-password']
    : ['--format=custom', '--compress=0', '--no-password'];
  const child = startDumpChild({
    command: binaries.path('pg_dump'),
    args,
    baseEnv: options.tools.baseEnv,
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
