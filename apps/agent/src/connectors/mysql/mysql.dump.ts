import type { DatabaseConnection } from '@rahatback/protocol';
import type { DumpHandle, RestoreHandle, RestoreOptions } from '../connector.types.js';
import { EngineError } from '../engine-error.js';

export function createMysqlDump(
  _conn: DatabaseConnection,
  _options: { signal: AbortSignal },
): Promise<DumpHandle> {
  return Promise.reject(new EngineError('DUMP_FAILED', 'MySQL dumps are not available yet'));
}

export function createMysqlRestore(
  _conn: DatabaseConnection,
  _options: RestoreOptions,
): Promise<RestoreHandle> {
  return Promise.reject(new EngineError('RESTORE_FAILED', 'MySQL restores are not available yet'));
}
