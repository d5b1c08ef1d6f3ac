import type { DatabaseConnection } from '@rahatback/protocol';
import type { DumpHandle, RestoreHandle, RestoreOptions } from '../connector.types.js';
import { EngineError } from '../engine-error.js';

export function createSqliteDump(
  _conn: DatabaseConnection,
  _options: { signal: AbortSignal },
): Promise<DumpHandle> {
  return Promise.reject(new EngineError('DUMP_FAILED', 'SQLite dumps are not available yet'));
}

export function createSqliteRestore(
  _conn: DatabaseConnection,
  _options: RestoreOptions,
): Promise<RestoreHandle> {
  return Promise.reject(new EngineError('RESTORE_FAILED', 'SQLite restores are not available yet'));
}
